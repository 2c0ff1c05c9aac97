import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Job } from '../../../shared/schemas'
import { ErrorAlert } from '../../components/Alerts'
import { api } from '../../lib/api'

const finished = (job: Job | undefined) => job?.status === 'done' || job?.status === 'failed' || job?.status === 'cancelled'

/**
 * The drafting job's progress bar: matching a big programme takes a while, so the owner sees its steps
 * (reading participants, the interaction log, matching, writing). It stays on screen, full, once done.
 */
export function DraftProgress({ jobId, onDone }: { jobId: string; onDone: () => void }) {
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: ({ signal }) => api<Job>(`/api/jobs/${encodeURIComponent(jobId)}`, { signal }),
    refetchInterval: (q) => (finished(q.state.data) ? false : 300),
  })
  const status = job.data?.status
  useEffect(() => {
    if (finished(job.data)) onDone()
  }, [status, onDone, job.data])
  if (status === 'failed' || status === 'cancelled')
    return <ErrorAlert title="Drafting failed." error={new Error(job.data?.error ?? 'the job did not finish')} />
  const d = job.data
  const max = d && d.progressTotal > 0 ? d.progressTotal : undefined
  const label =
    status === 'done'
      ? `Round drafted${d?.progressLabel ? `: ${d.progressLabel}` : ''}`
      : `Drafting the round${max !== undefined ? `: step ${d!.progress} of ${max}` : '…'}${d?.progressLabel ? ` (${d.progressLabel})` : ''}`
  return (
    <div className="progress-block">
      <p id="draft-job-label">{label}</p>
      {max !== undefined ? (
        <progress aria-labelledby="draft-job-label" value={status === 'done' ? max : d!.progress} max={max} />
      ) : (
        <progress aria-labelledby="draft-job-label" />
      )}
    </div>
  )
}
