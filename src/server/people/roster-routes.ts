import { Type } from '@sinclair/typebox'
import { ErrorBody, IdParams, RosterImport, RosterImportBody, RosterImportList } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { ROSTER_TEMPLATE } from './roster-parse.js'
import { createRosterImport, getRosterImport, listRosterImports } from './roster-service.js'

/** Roster import from an HR export: a template, then preview or apply as a background job. */
export function rosterRoutes(app: App): void {
  const tags = ['roster']

  app.get(
    '/api/admin/roster/template',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'A roster CSV template with example rows', produces: ['text/csv'], response: { 200: Type.String() } },
    },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="roster-template.csv"')
        .send(ROSTER_TEMPLATE),
  )

  app.post(
    '/api/admin/roster/imports',
    {
      config: { access: 'admin' },
      // An HR export of a large organisation is bigger than the usual JSON body.
      bodyLimit: app.config.csvLimit,
      schema: {
        tags,
        summary: 'Check (preview) or apply a roster CSV, as a background job',
        body: RosterImportBody,
        response: { 202: RosterImport, 413: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(await createRosterImport(app.db, app.jobs, requireViewer(req), req.body)),
  )

  app.get(
    '/api/admin/roster/imports',
    { config: { access: 'admin' }, schema: { tags, summary: 'Recent roster imports, newest first', response: { 200: RosterImportList } } },
    async () => ({
      items: await listRosterImports(app.db),
    }),
  )

  app.get(
    '/api/admin/roster/imports/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'A roster import: job progress and, once checked, its report',
        params: IdParams,
        response: { 200: RosterImport, 404: ErrorBody },
      },
    },
    async (req) => getRosterImport(app.db, req.params.id),
  )
}
