import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { importScormPackage } from '../../src/server/learning/scorm/import.js'
import { ADMINS, MEMBERS, type AuthzEntry } from './authz-types.js'

// The learning catalogue: admins import SCORM packages; members read the catalogue, play its content and keep
// their own tracking data (someone else's is never reachable: the routes only ever use the caller's).

const PACKAGE = path.resolve('test/fixtures/scorm/singlesco_scorm12.zip')

/** A SCORM 1.2 module of the whole organisation; returns its id. */
async function scormModule(app: FastifyInstance): Promise<string> {
  return (await importScormPackage(app.db, app.storage, PACKAGE, { createdBy: null })).id
}

export const LEARNING_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/learning/scorm': {
    allowed: ADMINS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/learning/scorm',
      headers: { 'content-type': 'application/zip' },
      payload: fs.readFileSync(PACKAGE),
    }),
  },
  'GET /api/learning/modules': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/learning/modules' }) },
  'GET /api/learning/modules/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/modules/${await scormModule(app)}` }),
  },
  'GET /api/learning/modules/:id/items/:position/attempt': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/modules/${await scormModule(app)}/items/0/attempt` }),
  },
  'PUT /api/learning/modules/:id/items/:position/attempt': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({
      method: 'PUT',
      url: `/api/learning/modules/${await scormModule(app)}/items/0/attempt`,
      payload: { cmi: { 'cmi.core.lesson_status': 'incomplete' } },
    }),
  },
  'GET /api/learning/modules/:id/files/*': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/modules/${await scormModule(app)}/files/shared/launchpage.html` }),
  },
}
