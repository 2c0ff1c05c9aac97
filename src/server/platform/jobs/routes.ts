import type { Job } from '../../../shared/schemas.js'
import { ErrorBody, IdParams, Job as JobSchema } from '../../../shared/schemas.js'
import { requireViewer } from '../auth/access.js'
import type { Viewer } from '../auth/viewer.js'
import { NotFoundError } from '../errors.js'
import type { App } from '../fastify-types.js'
import type { JobRow } from './store.js'

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    progressTotal: row.progress_total,
    progressLabel: row.progress_label,
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** A job as its creator (or an admin) may see it; others get a 404, as if it did not exist. */
export async function getJobFor(app: App, viewer: Viewer, id: string): Promise<Job> {
  const row = await app.jobs.find(id)
  if (!row || (row.created_by !== viewer.id && !viewer.isAdmin)) throw new NotFoundError('job_not_found', `no job ${id}`)
  return toJob(row)
}

export function jobRoutes(app: App): void {
  app.get(
    '/api/jobs/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['jobs'],
        summary: 'Status and progress of a background job you started',
        params: IdParams,
        response: { 200: JobSchema, 404: ErrorBody },
      },
    },
    async (req) => getJobFor(app, requireViewer(req), req.params.id),
  )
}
