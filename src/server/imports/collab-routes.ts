import {
  CollabImport,
  CollabImportList,
  CollabUploadResult,
  CsvCheck,
  CsvFileBody,
  CsvImportBody,
  CsvPreview,
  LinkedPlaceholder,
  LinkPlaceholder,
  PlaceholderList,
  StartSlackImport,
} from '../../shared/collab-imports.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { BadRequestError } from '../platform/errors.js'
import type { App } from '../platform/fastify-types.js'
import { linkPlaceholder, listImportedPlaceholders } from './collab-placeholders.js'
import {
  checkCsv,
  getCollabImport,
  listCollabImports,
  previewCsv,
  startCsvImport,
  startSlackImport,
  storeCollabUpload,
} from './collab-service.js'

const UPLOAD_TYPES = ['application/zip', 'application/x-zip-compressed', 'text/csv', 'application/octet-stream']

/** Imports of collaboration metadata (admins): Slack exports, email metadata and generic CSV logs. */
export function collabImportRoutes(app: App): void {
  const tags = ['imports']
  const config = { access: 'admin' as const }
  const limit = Number(process.env.IMPORT_MAX_BYTES ?? 512 * 1024 * 1024)
  const base = '/api/admin/imports/collab'

  void app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body))
    const typed = scope as unknown as App
    typed.post(
      `${base}/files`,
      {
        config,
        bodyLimit: limit,
        schema: {
          tags,
          summary: 'Upload a Slack export (.zip) or a CSV; name it in the x-filename header',
          response: { 201: CollabUploadResult, 400: ErrorBody },
        },
      },
      async (req, reply) => {
        const body = req.body
        if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestError('empty_upload', 'send the file as the request body')
        const name = req.headers['x-filename']
        let filename = ''
        try {
          filename = typeof name === 'string' ? decodeURIComponent(name) : ''
        } catch {
          throw new BadRequestError('bad_filename', 'the x-filename header is not a valid file name')
        }
        return reply.status(201).send(await storeCollabUpload(app.storage, filename, body))
      },
    )
  })

  app.post(
    `${base}/slack`,
    {
      config,
      schema: {
        tags,
        summary: 'Import an uploaded Slack export (a job)',
        body: StartSlackImport,
        response: { 202: CollabImport, 400: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(await startSlackImport(app.db, app.jobs, app.storage, requireViewer(req), req.body)),
  )
  app.post(
    `${base}/csv/preview`,
    {
      config,
      schema: {
        tags,
        summary: "An uploaded CSV's first rows and a suggested column mapping",
        body: CsvFileBody,
        response: { 200: CsvPreview, 400: ErrorBody },
      },
    },
    async (req) => previewCsv(app.storage, req.body),
  )
  app.post(
    `${base}/csv/check`,
    {
      config,
      schema: {
        tags,
        summary: 'Check every row of an uploaded CSV against a mapping',
        body: CsvImportBody,
        response: { 200: CsvCheck, 400: ErrorBody },
      },
    },
    async (req) => checkCsv(app.storage, req.body),
  )
  app.post(
    `${base}/csv`,
    {
      config,
      schema: {
        tags,
        summary: 'Import an uploaded CSV with a mapping (a job); nothing is written if a row is invalid',
        body: CsvImportBody,
        response: { 202: CollabImport, 400: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(await startCsvImport(app.db, app.jobs, app.storage, requireViewer(req), req.body)),
  )
  app.get(
    `${base}`,
    { config, schema: { tags, summary: 'Recent collaboration imports', response: { 200: CollabImportList } } },
    async () => ({
      items: await listCollabImports(app.db, app.jobs),
    }),
  )
  app.get(
    `${base}/placeholders`,
    {
      config,
      schema: { tags, summary: 'Placeholders these imports made that no one has been linked to yet', response: { 200: PlaceholderList } },
    },
    async () => ({ items: await listImportedPlaceholders(app.db) }),
  )
  app.post(
    `${base}/placeholders/:id/link`,
    {
      config,
      schema: {
        tags,
        summary: 'This placeholder is that person: move their interactions',
        params: IdParams,
        body: LinkPlaceholder,
        response: { 200: LinkedPlaceholder, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => linkPlaceholder(app.db, requireViewer(req), req.params.id, req.body.personId),
  )
  app.get(
    `${base}/:id`,
    {
      config,
      schema: {
        tags,
        summary: 'A collaboration import with its progress and report',
        params: IdParams,
        response: { 200: CollabImport, 404: ErrorBody },
      },
    },
    async (req) => getCollabImport(app.db, app.jobs, req.params.id),
  )
}
