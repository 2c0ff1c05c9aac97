import path from 'node:path'
import { Type } from '@sinclair/typebox'
import { ItemParams, LearningModule, LearningModuleList, SaveScormAttempt, ScormAttempt } from '../../shared/learning.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import type { App } from '../platform/fastify-types.js'
import { quizDeps } from './quiz-routes.js'
import { storageKeyFor } from './scorm/import.js'
import { unsafePathReason } from './scorm/zip.js'
import { getAttempt, getModule, importUploadedPackage, listCatalogue, saveAttempt, visibleModule } from './service.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
}

/**
 * Package content runs in the player's frame, on our origin, because SCORM content finds its run-time API on
 * window.parent. Packages come only from admins; their pages may use inline scripts and styles (most do), but
 * may not be framed elsewhere, post forms elsewhere or load anything from other origins.
 */
const CONTENT_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"

const UPLOAD_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream']

/** The learning catalogue: SCORM import (admins), the catalogue and modules (members), content and tracking. */
export function learningRoutes(app: App): void {
  const tags = ['learning']
  const member = { access: 'member' as const }
  const limit = Number(process.env.SCORM_MAX_BYTES ?? 512 * 1024 * 1024)

  void app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body))
    const typed = scope as unknown as App
    typed.post(
      '/api/learning/scorm',
      {
        config: { access: 'admin' },
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Import a SCORM 1.2 or 2004 package (the zip as the request body)',
          querystring: Type.Object(
            { community: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })) },
            { additionalProperties: false },
          ),
          response: { 201: LearningModule, 400: ErrorBody },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0)
          throw new BadRequestError('empty_upload', 'send the zip as the request body')
        const module = await importUploadedPackage(app.db, app.storage, requireViewer(req), req.body, {
          communitySlug: req.query.community,
        })
        return reply.status(201).send(module)
      },
    )
  })

  app.get(
    '/api/learning/modules',
    { config: member, schema: { tags, summary: 'The learning catalogue the viewer may see', response: { 200: LearningModuleList } } },
    async (req) => ({ items: await listCatalogue(app.db, requireViewer(req)) }),
  )

  app.get(
    '/api/learning/modules/:id',
    {
      config: member,
      schema: { tags, summary: 'A learning module with its items', params: IdParams, response: { 200: LearningModule, 404: ErrorBody } },
    },
    async (req) => getModule(app.db, requireViewer(req), req.params.id),
  )

  app.get(
    '/api/learning/modules/:id/items/:position/attempt',
    {
      config: member,
      schema: {
        tags,
        summary: "The viewer's tracking data for an item",
        params: ItemParams,
        response: { 200: ScormAttempt, 404: ErrorBody },
      },
    },
    async (req) => getAttempt(app.db, requireViewer(req), req.params.id, req.params.position),
  )

  app.put(
    '/api/learning/modules/:id/items/:position/attempt',
    {
      config: member,
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: "Store the viewer's tracking data for an item",
        params: ItemParams,
        body: SaveScormAttempt,
        response: { 200: ScormAttempt, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => saveAttempt(app.db, requireViewer(req), req.params.id, req.params.position, req.body.cmi, quizDeps(app)),
  )

  app.get(
    '/api/learning/modules/:id/files/*',
    {
      config: member,
      schema: {
        tags,
        summary: "A file of a SCORM package, for the player's frame",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), '*': Type.String({ maxLength: 1000 }) }),
      },
    },
    async (req, reply) => {
      const { id } = req.params
      const file = req.params['*']
      await visibleModule(app.db, requireViewer(req), id)
      if (!file || unsafePathReason(file)) throw new NotFoundError('file_not_found', 'no such file in this package')
      const key = storageKeyFor(id, file)
      const size = await app.storage.stat(key)
      if (size === undefined) throw new NotFoundError('file_not_found', `no file ${file} in this package`)
      return reply
        .header('content-type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
        .header('content-length', size)
        .header('content-security-policy', CONTENT_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .header('cache-control', 'private, max-age=3600')
        .send(app.storage.createReadStream(key))
    },
  )
}
