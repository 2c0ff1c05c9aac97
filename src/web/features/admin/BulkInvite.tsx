import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { BulkInviteBody, InvitationBatch } from '../../../shared/invitations'
import type { AdminPeoplePage } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { api, queryString } from '../../lib/api'

const running = (b: InvitationBatch | undefined) => b !== undefined && (b.job.status === 'queued' || b.job.status === 'running')

function useStateCount(state: 'not_invited' | 'invited') {
  return useQuery({
    queryKey: ['admin', 'people', 'count', state],
    queryFn: ({ signal }) => api<AdminPeoplePage>(`/api/admin/people${queryString({ limit: 1, state })}`, { signal }),
  })
}

/**
 * Sends invitations as a job: to the people picked in the table, to everyone never invited, or again (a new
 * link; the old one stops working) to everyone invited who has not joined. Shows the job's progress.
 */
export function BulkInvite({ picked, onSent }: { picked: string[]; onSent: () => void }) {
  const client = useQueryClient()
  const notInvited = useStateCount('not_invited').data?.total ?? 0
  const invited = useStateCount('invited').data?.total ?? 0
  const [batchId, setBatchId] = useState<string | null>(null)
  const start = useMutation({
    mutationFn: (body: BulkInviteBody) => api<InvitationBatch>('/api/admin/invitations/bulk', { method: 'POST', json: body }),
    onSuccess: (batch) => {
      client.setQueryData(['admin', 'invitation-batch', batch.id], batch)
      setBatchId(batch.id)
      onSent()
    },
  })
  const batch = useQuery({
    queryKey: ['admin', 'invitation-batch', batchId],
    queryFn: ({ signal }) => api<InvitationBatch>(`/api/admin/invitations/bulk/${encodeURIComponent(batchId ?? '')}`, { signal }),
    enabled: batchId !== null,
    refetchInterval: (q) => (running(q.state.data) ? 300 : false),
  })
  const b = batch.data
  const finished = b !== undefined && !running(b)
  useEffect(() => {
    // The states in the table changed as the mails went out.
    if (finished) void client.invalidateQueries({ queryKey: ['admin', 'people'] })
  }, [finished, client])
  const busy = start.isPending || running(b)

  return (
    <div className="stack bulk-invite">
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || picked.length === 0}
          onClick={() => start.mutate({ personIds: picked })}
        >
          Invite the {picked.length === 1 ? 'person' : `${picked.length} people`} selected
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || notInvited === 0}
          onClick={() => start.mutate({ everyone: 'not_invited' })}
        >
          Invite everyone never invited ({notInvited})
        </button>
        <button type="button" className="button" disabled={busy || invited === 0} onClick={() => start.mutate({ everyone: 'invited' })}>
          Resend to everyone invited who has not joined ({invited})
        </button>
      </div>
      <p className="hint">Each invitation mails a new link that works for 14 days; a resend makes the earlier link stop working.</p>
      <ErrorAlert error={start.error ?? batch.error} />
      {b && running(b) && (
        <div className="progress-block">
          <p id="invite-progress-label">
            Sending invitations: {b.job.progress} of {b.total}
          </p>
          <progress aria-labelledby="invite-progress-label" value={b.job.progress} max={Math.max(1, b.total)} />
        </div>
      )}
      {b?.job.status === 'failed' && <ErrorAlert title="Sending stopped." error={new Error(b.job.error ?? 'unknown error')} />}
      <StatusMessage>
        {finished &&
          `Invitations sent: ${b.sent} of ${b.total}.${b.skipped ? ` ${b.skipped} skipped (they joined meanwhile).` : ''}${b.failed ? ` ${b.failed} not confirmed: resend them.` : ''}`}
      </StatusMessage>
    </div>
  )
}
