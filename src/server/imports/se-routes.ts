import { QaImport, QaImportList, StartQaImport, UploadQuery, UploadResult } from '../../shared/imports.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { BadRequestError } from '../platform/errors.js'
import type { App } from '../platform/fastify-types.js'
import { getQaImport, listQaImports, startQaImport, storeUpload } from './se-service.js'

const UPLOAD_TYPES = ['application/x-7z-compressed', 'application/xml', 'text/xml', 'application/octet-stream']

/** Import of a Stack Exchange / Stack Overflow for Teams dump into a community (admins). */
export function qaImportRoutes(app: App): void {
  const tags = ['imports']
  const config = { access: 'admin' as const }
  const limit = Number(process.env.IMPORT_MAX_BYTES ?? 512 * 1024 * 1024)

  void app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body))
    const typed = scope as unknown as App
    typed.post(
      '/api/admin/imports/qa/files',
      {
        config,
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Upload a dump file (.7z, or Posts.xml etc.); name it in the x-filename header',
          querystring: UploadQuery,
          response: { 201: UploadResult, 400: ErrorBody },
        },
      },
      async (req, reply) => {
        const body = req.body
        if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestError('empty_upload', 'send the file as the request body')
        const name = req.headers['x-filename']
        return reply
          .status(201)
          .send(await storeUpload(app.storage, req.query.uploadId, typeof name === 'string' ? decodeURIComponent(name) : '', body))
      },
    )
  })

  app.post(
    '/api/admin/imports/qa',
    {
      config,
      schema: {
        tags,
        summary: 'Import uploaded files into a community, or into a new one it starts',
        body: StartQaImport,
        response: { 202: QaImport, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await startQaImport(app.db, app.dialect, app.jobs, app.storage, requireViewer(req), req.body)),
  )

  app.get(
    '/api/admin/imports/qa',
    { config, schema: { tags, summary: 'Recent Q&A imports', response: { 200: QaImportList } } },
    async () => ({ items: await listQaImports(app.db, app.jobs) }),
  )

  app.get(
    '/api/admin/imports/qa/:id',
    {
      config,
      schema: { tags, summary: 'A Q&A import with its progress and report', params: IdParams, response: { 200: QaImport, 404: ErrorBody } },
    },
    async (req) => getQaImport(app.db, app.jobs, req.params.id),
  )
}
