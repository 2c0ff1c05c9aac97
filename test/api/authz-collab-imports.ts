import type { FastifyInstance } from 'fastify'
import { startCsvImport, storeCollabUpload } from '../../src/server/imports/collab-service.js'
import { writeCollabEvents } from '../../src/server/imports/collab-write.js'
import { newId } from '../../src/server/platform/time.js'
import { buildPerson } from '../helpers/factories.js'
import { ADMINS, type AuthzEntry } from './authz-types.js'
import { viewerOf } from './fixtures-domains.js'

// The collaboration metadata imports (Slack exports, email and generic CSVs, placeholders): admins only.

const CSV = 'from,to,at\na@example.com,b@example.com,2026-11-01\n'
const MAPPING = { from: 'from', to: 'to', at: 'at' }

async function csvUpload(app: FastifyInstance) {
  return storeCollabUpload(app.storage, 'log.csv', Buffer.from(CSV))
}

async function collabImport(app: FastifyInstance): Promise<string> {
  const admin = await buildPerson(app, { role: 'admin' })
  return (
    await startCsvImport(app.db, app.jobs, app.storage, viewerOf(admin), { ...(await csvUpload(app)), format: 'csv', mapping: MAPPING })
  ).id
}

/** A new placeholder an import made for an address nobody has; returns its id. */
async function placeholder(app: FastifyInstance): Promise<string> {
  const address = `outside-${newId().slice(0, 8)}@elsewhere.example`
  await writeCollabEvents(app.db, 'csv', [{ claimKey: `email:${address}`, name: 'Outside', email: address }], [])
  const row = await app.db
    .selectFrom('collab_identity')
    .select('placeholder_id')
    .where('claim_key', '=', `email:${address}`)
    .executeTakeFirstOrThrow()
  return row.placeholder_id
}

export const COLLAB_IMPORT_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/admin/imports/collab/files': {
    allowed: ADMINS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/admin/imports/collab/files',
      headers: { 'content-type': 'text/csv', 'x-filename': 'log.csv' },
      payload: CSV,
    }),
  },
  'POST /api/admin/imports/collab/slack': {
    allowed: ADMINS,
    // The upload is a CSV: an admin passes access control and gets the validation's 400, which changes nothing.
    status: 400,
    request: async ({ app }) => ({ method: 'POST', url: '/api/admin/imports/collab/slack', payload: await csvUpload(app) }),
  },
  'POST /api/admin/imports/collab/csv/preview': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/admin/imports/collab/csv/preview',
      payload: { ...(await csvUpload(app)), format: 'csv' },
    }),
  },
  'POST /api/admin/imports/collab/csv/check': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/admin/imports/collab/csv/check',
      payload: { ...(await csvUpload(app)), format: 'csv', mapping: MAPPING },
    }),
  },
  'POST /api/admin/imports/collab/csv': {
    allowed: ADMINS,
    status: 202,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/admin/imports/collab/csv',
      payload: { ...(await csvUpload(app)), format: 'csv', mapping: MAPPING },
    }),
  },
  'GET /api/admin/imports/collab': {
    allowed: ADMINS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/admin/imports/collab' }),
  },
  'GET /api/admin/imports/collab/placeholders': {
    allowed: ADMINS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/admin/imports/collab/placeholders' }),
  },
  'POST /api/admin/imports/collab/placeholders/:id/link': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/admin/imports/collab/placeholders/${await placeholder(app)}/link`,
      payload: { personId: (await buildPerson(app)).id },
    }),
  },
  'GET /api/admin/imports/collab/:id': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/admin/imports/collab/${await collabImport(app)}` }),
  },
}
