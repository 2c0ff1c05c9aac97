import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { CollabImport } from '../../../shared/collab-imports'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'
import { CollabProgress, CollabReport, isFinished, UploadProgressBar, useCollabJob, useUpload } from './CollabJob'
import { ImportedPlaceholders } from './ImportedPlaceholders'

/**
 * Slack import: upload a workspace export (.zip) with a progress bar, import its replies, mentions and reactions
 * as a job, follow its progress and read its report. Below, the accounts that matched no one, to link by hand.
 */
export function SlackImport() {
  const client = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const { upload, send } = useUpload()
  const job = useCollabJob(jobId)
  const done = job.data?.job.status === 'done'

  async function start(event: FormEvent) {
    event.preventDefault()
    if (!file) return
    setError(null)
    setJobId(null)
    try {
      const stored = await send(file, 'application/zip')
      const started = await api<CollabImport>('/api/admin/imports/collab/slack', { json: stored })
      client.setQueryData(['admin', 'collab-import', started.id], started)
      setJobId(started.id)
    } catch (err) {
      setError(err)
    }
  }

  const busy = upload !== null || (job.data !== undefined && !isFinished(job.data))
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="slack-heading">
        <h2 id="slack-heading">Slack import</h2>
        <p>
          Import who replied to, mentioned and reacted to whom from a Slack workspace export (the <code>.zip</code> a workspace owner
          downloads). Message text is never stored. Members are matched to people by email; bots are left out; anyone else becomes a
          placeholder you can link below. Importing the same export again adds nothing.
        </p>
        <form className="stack" onSubmit={(e) => void start(e)}>
          <div className="field">
            <label htmlFor="slack-file">Slack export (.zip)</label>
            <input
              id="slack-file"
              type="file"
              required
              accept=".zip,application/zip"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || !file}>
              Upload and import
            </button>
          </div>
        </form>
        {upload && <UploadProgressBar upload={upload} id="slack-upload-label" />}
        <ErrorAlert error={error ?? job.error} />
        {job.data && !isFinished(job.data) && <CollabProgress item={job.data} />}
        {job.data && isFinished(job.data) && <CollabReport item={job.data} />}
        <StatusMessage>
          {done && job.data?.report ? `The Slack import is done: ${job.data.report.new_interactions} new interactions.` : ''}
        </StatusMessage>
      </section>
      <ImportedPlaceholders refreshKey={done ? jobId : null} />
    </div>
  )
}
