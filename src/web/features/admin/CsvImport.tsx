import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import {
  CSV_FIELDS,
  type CollabImport,
  type CsvCheck,
  type CsvFormat,
  type CsvMapping,
  type CsvPreview,
} from '../../../shared/collab-imports'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'
import { CollabProgress, CollabReport, isFinished, UploadProgressBar, useCollabJob, useUpload } from './CollabJob'
import { CsvMappingForm } from './CsvMappingForm'

const FORMATS: { id: CsvFormat; label: string; hint: string }[] = [
  { id: 'email', label: 'Email metadata', hint: 'sender, recipients (and cc), date; an optional message id. No subject or content.' },
  { id: 'csv', label: 'Generic interaction log', hint: 'from, to, at; optional kind, topic and weight. People are named by email.' },
]

/**
 * CSV import of collaboration metadata: upload, preview the first rows, map columns to fields, check every row
 * (errors listed with their lines; nothing is written while there is one), then import as a job.
 */
export function CsvImport() {
  const client = useQueryClient()
  const [format, setFormat] = useState<CsvFormat>('email')
  const [file, setFile] = useState<File | null>(null)
  const [stored, setStored] = useState<{ uploadId: string; filename: string } | null>(null)
  const [preview, setPreview] = useState<CsvPreview | null>(null)
  const [mapping, setMapping] = useState<CsvMapping>({})
  const [check, setCheck] = useState<CsvCheck | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const { upload, send } = useUpload()
  const job = useCollabJob(jobId)
  const done = job.data?.job.status === 'done'

  async function uploadAndPreview(event: FormEvent) {
    event.preventDefault()
    if (!file) return
    setError(null)
    setPreview(null)
    setCheck(null)
    setJobId(null)
    try {
      const s = await send(file, 'text/csv')
      const p = await api<CsvPreview>('/api/admin/imports/collab/csv/preview', { json: { ...s, format } })
      setStored(s)
      setPreview(p)
      setMapping(p.suggested)
    } catch (err) {
      setError(err)
    }
  }

  async function run(action: 'check' | 'import') {
    if (!stored) return
    setError(null)
    try {
      const body = { ...stored, format, mapping }
      if (action === 'check') {
        setCheck(await api<CsvCheck>('/api/admin/imports/collab/csv/check', { json: body }))
        return
      }
      const started = await api<CollabImport>('/api/admin/imports/collab/csv', { json: body })
      client.setQueryData(['admin', 'collab-import', started.id], started)
      setJobId(started.id)
    } catch (err) {
      setError(err)
    }
  }

  const busy = upload !== null || (job.data !== undefined && !isFinished(job.data))
  const checkedOk = check !== null && check.errorCount === 0
  return (
    <section className="card stack" aria-labelledby="csv-heading">
      <h2 id="csv-heading">Email and CSV import</h2>
      <p>Import who wrote to whom from email metadata, or any interaction log as CSV. Importing the same rows again adds nothing.</p>
      <form className="stack" onSubmit={(e) => void uploadAndPreview(e)}>
        <fieldset className="fieldset stack">
          <legend>Layout</legend>
          {FORMATS.map((f) => (
            <div key={f.id} className="radio-choice">
              <input
                type="radio"
                id={`csv-format-${f.id}`}
                name="csv-format"
                checked={format === f.id}
                aria-describedby={`csv-format-${f.id}-hint`}
                onChange={() => {
                  setFormat(f.id)
                  setPreview(null)
                  setCheck(null)
                }}
              />
              <label htmlFor={`csv-format-${f.id}`}>{f.label}</label>
              <p id={`csv-format-${f.id}-hint`} className="hint">
                {f.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input id="csv-file" type="file" required accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy || !file}>
            Upload and preview
          </button>
        </div>
      </form>
      {upload && <UploadProgressBar upload={upload} id="csv-upload-label" />}
      {preview && (
        <CsvMappingForm
          preview={preview}
          fields={CSV_FIELDS[format]}
          mapping={mapping}
          onChange={(m) => {
            setMapping(m)
            setCheck(null)
          }}
        />
      )}
      {preview && (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => void run('check')}>
            Check rows
          </button>
          <button type="button" className="button button-primary" disabled={busy || !checkedOk} onClick={() => void run('import')}>
            Import
          </button>
        </div>
      )}
      {check && (
        <div className="stack">
          <p>
            {check.rows} rows, {check.events} interactions, {check.errorCount} errors.
          </p>
          {check.errors.length > 0 && (
            <ul aria-label="Row errors" className="row-errors">
              {check.errors.map((e) => (
                <li key={`${e.line}-${e.field}`}>
                  Line {e.line}, {e.field}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ErrorAlert error={error ?? job.error} />
      {job.data && !isFinished(job.data) && <CollabProgress item={job.data} />}
      {job.data && isFinished(job.data) && <CollabReport item={job.data} />}
      <StatusMessage>
        {done && job.data?.report ? `The CSV import is done: ${job.data.report.new_interactions} new interactions.` : ''}
      </StatusMessage>
    </section>
  )
}
