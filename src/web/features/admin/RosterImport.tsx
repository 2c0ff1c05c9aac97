import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { RosterImport as RosterImportItem, RosterImportBody } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'
import { ImportProgress, RosterReportView } from './RosterReportView'

const finished = (item: RosterImportItem | undefined) => item?.job.status === 'done' || item?.job.status === 'failed'

/** Follows an import until its job is done, polling every 300 ms meanwhile. */
function useImport(id: string | null) {
  return useQuery({
    queryKey: ['admin', 'roster-import', id],
    queryFn: ({ signal }) => api<RosterImportItem>(`/api/admin/roster/imports/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (finished(query.state.data) ? false : 300),
  })
}

/** Roster import: choose a CSV, preview it, read the errors, then apply it once it is clean. */
export function RosterImport() {
  const client = useQueryClient()
  const [file, setFile] = useState<{ name: string; text: string } | null>(null)
  const [previewId, setPreviewId] = useState<string | null>(null)
  const [applyId, setApplyId] = useState<string | null>(null)
  const [readError, setReadError] = useState<unknown>(null)
  const preview = useImport(previewId)
  const applied = useImport(applyId)

  const start = useMutation({
    mutationFn: (body: RosterImportBody) => api<RosterImportItem>('/api/admin/roster/imports', { method: 'POST', json: body }),
    onSuccess: (item) => {
      client.setQueryData(['admin', 'roster-import', item.id], item)
      if (item.mode === 'preview') setPreviewId(item.id)
      else setApplyId(item.id)
    },
  })

  const applyDone = applied.data?.job.status === 'done'
  useEffect(() => {
    // The roster changed: every list of people is stale now.
    if (applyDone)
      void client.invalidateQueries({
        predicate: (q) => ['directory', 'org', 'person'].includes(String(q.queryKey[0])) || q.queryKey[1] === 'people',
      })
  }, [applyDone, client])

  async function choose(f: File | undefined) {
    setPreviewId(null)
    setApplyId(null)
    setReadError(null)
    start.reset()
    if (!f) return setFile(null)
    try {
      setFile({ name: f.name, text: await f.text() })
    } catch (err) {
      setReadError(err)
      setFile(null)
    }
  }

  const previewReport = preview.data?.job.status === 'done' ? preview.data.report : null
  const canApply = file !== null && previewReport !== null && previewReport.errors.length === 0 && !applyId && !start.isPending
  const busy =
    start.isPending || (preview.data !== undefined && !finished(preview.data)) || (applied.data !== undefined && !finished(applied.data))

  return (
    <section className="card stack" aria-labelledby="roster-heading">
      <h2 id="roster-heading">Roster import</h2>
      <p>
        Import or update many people at once from a CSV file with the columns{' '}
        <code>email, name, title, department, manager_email, location, start_date</code>. Nothing changes until you apply a preview that has
        no errors.
      </p>
      <p>
        <a href="/api/admin/roster/template" download="roster-template.csv">
          Download the CSV template
        </a>
      </p>
      <div className="field">
        <label htmlFor="roster-file">Roster file (CSV)</label>
        <input id="roster-file" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={!file || busy}
          onClick={() => file && start.mutate({ filename: file.name, csv: file.text, mode: 'preview' })}
        >
          Preview
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!canApply}
          onClick={() => file && start.mutate({ filename: file.name, csv: file.text, mode: 'apply' })}
        >
          Apply
        </button>
      </div>
      {previewReport && previewReport.errors.length > 0 && <p className="hint">Apply is available once the preview has no errors.</p>}
      <ErrorAlert error={readError ?? start.error ?? preview.error ?? applied.error} />
      {preview.data && !finished(preview.data) && <ImportProgress item={preview.data} />}
      {preview.data && finished(preview.data) && !applyId && <RosterReportView item={preview.data} />}
      {applied.data && !finished(applied.data) && <ImportProgress item={applied.data} />}
      {applied.data && finished(applied.data) && <RosterReportView item={applied.data} />}
      <StatusMessage>
        {applyDone && applied.data?.report?.applied
          ? `The roster was applied: ${applied.data.report.creates} created, ${applied.data.report.updates} updated.`
          : ''}
      </StatusMessage>
    </section>
  )
}
