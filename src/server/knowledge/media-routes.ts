import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { Type } from '@sinclair/typebox'
import type { FastifySchemaCompiler } from 'fastify'
import { MediaItem } from '../../shared/knowledge.js'
import { ALL_MEDIA_TYPES, FILENAME_HEADER, MediaIdParams, UpdateMedia } from '../../shared/media.js'
import { ErrorBody } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { validatorCompiler } from '../platform/validation.js'
import { getCaptions, serveMedia, updateMedia, uploadMedia } from './media-service.js'

const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
const NotModified = Type.Unsafe<unknown>({ description: 'The copy named in If-None-Match is current; no body' })
// The upload body is a stream, passed through unparsed; headers and params are still validated.
const passBodyThrough: FastifySchemaCompiler<object> = (route) =>
  route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route)

/** Media for stories: upload (streamed to storage), ranged playback, transcript and captions. */
export function mediaRoutes(app: App): void {
  registerUpload(app)
  registerMediaRoutes(app)
}

/**
 * The upload, in a plugin of its own so that its pass-through parsers for image, audio and video bodies apply
 * to it alone: every other route takes JSON, and answers another type with 415 (the JSON routes once received
 * the raw request stream as their body, and validating it walked the whole stream object).
 */
function registerUpload(parent: App): void {
  void parent.register(async (scope) => {
    const app = scope as unknown as App
    // Here every media type arrives as the raw request stream, so a large video is never held in memory.
    for (const type of ALL_MEDIA_TYPES) if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type)
    app.addContentTypeParser([...ALL_MEDIA_TYPES], (_req, payload, done) => done(null, payload))
    app.post(
      '/api/media',
      {
        config: { access: 'member' },
        validatorCompiler: passBodyThrough,
        schema: {
          tags: ['media'],
          summary: 'Upload an image, audio or video file (the raw file as the body; its name in x-filename, percent-encoded)',
          consumes: [...ALL_MEDIA_TYPES],
          headers: Type.Object({ [FILENAME_HEADER]: Type.Optional(Type.String({ maxLength: 2000 })) }),
          body: Binary,
          response: { 201: MediaItem, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (req, reply) => {
        const upload = {
          contentType: req.headers['content-type'],
          contentLength: req.headers['content-length'],
          filename: req.headers[FILENAME_HEADER],
          body: req.body,
        }
        try {
          return reply.status(201).send(await uploadMedia(app.db, app.storage, requireViewer(req), upload, app.config.mediaMaxBytes))
        } catch (err) {
          if (!req.raw.complete) discardRest(req.body, req.raw)
          throw err
        }
      },
    )
  })
}

function registerMediaRoutes(app: App): void {
  const tags = ['media']
  const config = { access: 'member' as const }
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody }

  app.get(
    '/api/media/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A media file; supports HTTP range requests (one range per request)',
        params: MediaIdParams,
        response: { 200: Binary, 206: Binary, 304: NotModified, 404: ErrorBody, 416: ErrorBody },
      },
    },
    async (req, reply) => {
      const h = req.headers
      const res = await serveMedia(app.db, app.storage, requireViewer(req), req.params.id, {
        method: req.method,
        range: h.range,
        ifRange: str(h['if-range']),
        ifNoneMatch: h['if-none-match'],
      })
      return reply.status(res.status).headers(res.headers).send(res.body)
    },
  )

  app.patch(
    '/api/media/:id',
    {
      config,
      bodyLimit: 1024 * 1024,
      schema: {
        tags,
        summary: 'Set a media file’s transcript and WebVTT captions',
        params: MediaIdParams,
        body: UpdateMedia,
        response: { 200: MediaItem, ...errors },
      },
    },
    async (req) => updateMedia(app.db, requireViewer(req), req.params.id, req.body),
  )

  app.get(
    '/api/media/:id/captions.vtt',
    {
      config,
      schema: {
        tags,
        summary: 'A media file’s captions (WebVTT)',
        params: MediaIdParams,
        response: { 200: Type.String(), 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const vtt = await getCaptions(app.db, requireViewer(req), req.params.id)
      return reply
        .type('text/vtt; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(vtt)
    },
  )
}

/** How long a refused upload may go on sending before its connection is cut. */
const LINGER_MS = 5_000

/**
 * Refused before the whole body arrived (too large, wrong type): read and drop the rest for a while, as
 * servers do with a "lingering close". Closing at once would make the client's next write fail, and many
 * clients then report a reset connection instead of reading our 413 or 415.
 */
function discardRest(body: unknown, raw: IncomingMessage): void {
  const stream = body instanceof Readable ? body : raw
  const timer = setTimeout(() => raw.destroy(), LINGER_MS)
  timer.unref()
  raw.once('end', () => clearTimeout(timer))
  raw.once('close', () => clearTimeout(timer))
  stream.resume()
}

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
