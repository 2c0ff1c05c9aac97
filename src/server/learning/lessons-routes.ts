import path from 'node:path'
import { Type } from '@sinclair/typebox'
import { Lesson, LessonProgress, NewLesson, SaveLessonProgress } from '../../shared/learning.js'
import { FILENAME_HEADER } from '../../shared/media.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import type { App } from '../platform/fastify-types.js'
import { createLesson, editableLesson, getLesson, LESSON_MEDIA_NAME, saveProgress, updateLesson } from './lessons.js'
import { visibleModule } from './service.js'

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
}

const mediaKey = (id: string, name: string) => `lessons/${id}/${name}`

/** A file name as a lesson's media may be called: lower case, safe characters, a known media extension. */
function mediaName(raw: string | undefined): string {
  let decoded = raw ?? ''
  try {
    decoded = decodeURIComponent(decoded)
  } catch {
    // a malformed escape is judged as written
  }
  const ext = path.extname(decoded).toLowerCase()
  const stem = path
    .basename(decoded, path.extname(decoded))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
  const name = `${stem || 'file'}${ext === '.jpeg' ? '.jpg' : ext}`
  if (!LESSON_MEDIA_NAME.test(name))
    throw new BadRequestError('bad_media_name', `name the file with one of ${Object.keys(MEDIA_TYPES).join(', ')} (x-filename)`)
  return name
}

/** Markdown lessons: learning staff write them; members read them and keep their place. */
export function lessonRoutes(app: App): void {
  const tags = ['learning']
  const member = { access: 'member' as const }
  const one = { params: IdParams, response: { 200: Lesson, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } }
  // Held in memory while it is stored: lessons take images and short clips, not long recordings.
  const mediaLimit = Math.min(app.config.mediaMaxBytes, 50 * 1024 * 1024)

  app.post(
    '/api/learning/lessons',
    {
      config: { access: 'manager' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Write a Markdown lesson (managers and admins)',
        body: NewLesson,
        response: { 201: Lesson, 400: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createLesson(app.db, app.clock, requireViewer(req), req.body)),
  )
  app.get(
    '/api/learning/lessons/:id',
    { config: member, schema: { tags, summary: 'A lesson with its pages and the viewer’s progress', ...one } },
    async (req) => getLesson(app.db, requireViewer(req), req.params.id),
  )
  app.put(
    '/api/learning/lessons/:id',
    {
      config: member,
      bodyLimit: 4 * 1024 * 1024,
      schema: { tags, summary: 'Rewrite a lesson (its author, admins)', ...one, body: NewLesson },
    },
    async (req) => updateLesson(app.db, app.clock, requireViewer(req), req.params.id, req.body),
  )
  app.put(
    '/api/learning/lessons/:id/progress',
    {
      config: member,
      schema: {
        tags,
        summary: 'Keep the viewer’s place in a lesson, and mark a page read',
        params: IdParams,
        body: SaveLessonProgress,
        response: { 200: LessonProgress, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => saveProgress(app.db, app.clock, requireViewer(req), req.params.id, req.body),
  )

  void app.register(async (scope) => {
    const types = [...new Set(Object.values(MEDIA_TYPES))]
    for (const type of types) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type)
    scope.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: mediaLimit }, (_req, body, done) => done(null, body))
    const typed = scope as unknown as App
    typed.post(
      '/api/learning/lessons/:id/media',
      {
        config: member,
        bodyLimit: mediaLimit,
        schema: {
          tags,
          summary: 'Add an image, audio or video file to a lesson (its author, admins); embed it as media/<name>',
          params: IdParams,
          headers: Type.Object({ [FILENAME_HEADER]: Type.Optional(Type.String({ maxLength: 2000 })) }),
          response: { 201: Type.Object({ name: Type.String(), markdown: Type.String() }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        await editableLesson(app.db, requireViewer(req), req.params.id)
        const name = mediaName(req.headers[FILENAME_HEADER])
        if (MEDIA_TYPES[path.extname(name)] !== req.headers['content-type']?.split(';')[0]?.trim())
          throw new BadRequestError(
            'media_type_mismatch',
            `a ${path.extname(name)} file must be sent as ${MEDIA_TYPES[path.extname(name)]}`,
          )
        if (!Buffer.isBuffer(req.body) || req.body.length === 0)
          throw new BadRequestError('empty_upload', 'send the file as the request body')
        await app.storage.put(mediaKey(req.params.id, name), req.body)
        return reply.status(201).send({ name, markdown: `![${name}](media/${name})` })
      },
    )
  })

  app.get(
    '/api/learning/lessons/:id/media/:name',
    {
      config: member,
      schema: {
        tags,
        summary: 'A lesson’s media file',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), name: Type.String({ minLength: 1, maxLength: 100 }) }),
      },
    },
    async (req, reply) => {
      const { id, name } = req.params
      await visibleModule(app.db, requireViewer(req), id)
      if (!LESSON_MEDIA_NAME.test(name)) throw new NotFoundError('file_not_found', `no file ${name} in this lesson`)
      const size = await app.storage.stat(mediaKey(id, name))
      if (size === undefined) throw new NotFoundError('file_not_found', `no file ${name} in this lesson`)
      return reply
        .header('content-type', MEDIA_TYPES[path.extname(name)] ?? 'application/octet-stream')
        .header('content-length', size)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(app.storage.createReadStream(mediaKey(id, name)))
    },
  )
}
