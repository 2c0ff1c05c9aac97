import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import type { DiscoveryStarted } from '../../../shared/insights'
import type { Job } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'
import { invalidateDiscovery } from './insights-api'

const finished = (job: Job | undefined) => job?.status === 'done' || job?.status === 'failed' || job?.status === 'cancelled'

/** The job's progress; it stays on screen, full, once the run is done, so a quick run is still seen to finish. */
function JobProgress({ job }: { job: Job | undefined }) {
  const steps = job && job.progressTotal > 0 ? `: step ${job.progress} of ${job.progressTotal}` : '…'
  const label =
    job?.status === 'done' ? 'Discovery finished' : `Discovering communities${steps}${job?.progressLabel ? ` (${job.progressLabel})` : ''}`
  const max = job && job.progressTotal > 0 ? job.progressTotal : undefined
  const value = job?.status === 'done' && max !== undefined ? max : job?.progress
  return (
    <div className="progress-block">
      <p id="discovery-job-label">{label}</p>
      {max !== undefined ? (
        <progress aria-labelledby="discovery-job-label" value={value} max={max} />
      ) : (
        <progress aria-labelledby="discovery-job-label" />
      )}
    </div>
  )
}

/**
 * Starts a discovery run (admins only; the server refuses others) over a chosen window and follows its job
 * with a progress bar; when it is done the report above is reloaded.
 */
export function RunDiscovery() {
  const client = useQueryClient()
  const [windowDays, setWindowDays] = useState(365)
  // 'auto' or a fixed resolution as the select's text value.
  const [resolution, setResolution] = useState('auto')
  const [jobId, setJobId] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: ({ signal }) => api<Job>(`/api/jobs/${encodeURIComponent(jobId ?? '')}`, { signal }),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 400),
  })
  const status = job.data?.status
  useEffect(() => {
    if (status === 'done') void invalidateDiscovery(client)
  }, [status, client])

  async function start(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      const started = await api<DiscoveryStarted>('/api/insights/discovery', {
        json: { windowDays, resolution: resolution === 'auto' ? 'auto' : Number(resolution) },
      })
      setJobId(started.jobId)
    } catch (err) {
      setError(err)
    }
  }

  const busy = jobId !== null && !finished(job.data)
  return (
    <section className="card stack" aria-labelledby="run-heading">
      <h2 id="run-heading">Run discovery</h2>
      <p>
        Finds the communities of practice from who actually helped whom, over a window of the interaction log (older interactions count
        less). It runs in the background; people who opted out of analytics are left out.
      </p>
      <form className="discovery-form" onSubmit={(e) => void start(e)}>
        <div className="field">
          <label htmlFor="discovery-window">Window</label>
          <select id="discovery-window" value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))}>
            <option value={90}>Last 90 days</option>
            <option value={180}>Last 6 months</option>
            <option value={365}>Last year</option>
            <option value={730}>Last 2 years</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="discovery-resolution">Resolution</label>
          <select id="discovery-resolution" value={resolution} onChange={(e) => setResolution(e.target.value)}>
            <option value="auto">Automatic (the most stable)</option>
            {['0.5', '0.75', '1', '1.25', '1.5', '2'].map((r) => (
              <option key={r} value={r}>
                Fixed at {r}
                {r === '1' ? ' (plain modularity)' : Number(r) < 1 ? ' (larger communities)' : ' (smaller communities)'}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            Run discovery
          </button>
        </div>
      </form>
      <ErrorAlert error={error ?? job.error} />
      {jobId !== null && job.data?.status !== 'failed' && job.data?.status !== 'cancelled' && <JobProgress job={job.data} />}
      {job.data?.status === 'failed' && <ErrorAlert title="Discovery failed." error={new Error(job.data.error ?? 'unknown error')} />}
      <StatusMessage>{status === 'done' ? 'Discovery is done: the communities below are up to date.' : ''}</StatusMessage>
    </section>
  )
}
