import type { RosterImport } from '../../../shared/schemas'
import { ErrorAlert } from '../../components/Alerts'
import { Counts, type CountItem } from '../../components/Counts'
import { TableScroll } from '../../components/TableScroll'

/** A real progress bar for a running import job, labelled with what it is doing. */
export function ImportProgress({ item }: { item: RosterImport }) {
  const { job } = item
  const labelId = `progress-${item.id}`
  const what = item.mode === 'preview' ? 'Checking' : 'Applying'
  const label =
    job.progressTotal > 0 ? `${what} ${item.filename}: ${job.progress} of ${job.progressTotal} rows` : `${what} ${item.filename}…`
  return (
    <div className="progress-block">
      <p id={labelId}>{job.progressLabel ? `${label} (${job.progressLabel})` : label}</p>
      {job.progressTotal > 0 ? (
        <progress aria-labelledby={labelId} value={job.progress} max={job.progressTotal} />
      ) : (
        <progress aria-labelledby={labelId} />
      )}
    </div>
  )
}

/** What a preview found or what an apply did: the counts, then every row error with its line. */
export function RosterReportView({ item }: { item: RosterImport }) {
  if (item.job.status === 'failed') return <ErrorAlert title="The import failed." error={new Error(item.job.error ?? 'unknown error')} />
  const report = item.report
  if (!report) return null
  const counts: CountItem[] = [
    ['Rows', report.rows],
    [report.applied ? 'Created' : 'To create', report.creates],
    [report.applied ? 'Updated' : 'To update', report.updates],
    ['Unchanged', report.unchanged],
    ['Errors', report.errors.length, true],
  ]
  const headingId = `report-${item.id}`
  return (
    <section className="report" aria-labelledby={headingId}>
      <h3 id={headingId}>{report.applied ? `Applied ${item.filename}` : `Preview of ${item.filename}`}</h3>
      <Counts items={counts} />
      {report.errors.length > 0 && (
        <TableScroll>
          <table>
            <caption>Rows with errors: fix them in the file and preview it again.</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={`${e.line}-${e.field}-${i}`}>
                  <td>{e.line}</td>
                  <td>{e.email}</td>
                  <td>{e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
