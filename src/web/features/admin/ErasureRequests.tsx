import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ErasureRequest } from '../../../shared/schemas'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'
import { TableScroll } from '../../components/TableScroll'

function PendingActions({ request, onDone }: { request: ErasureRequest; onDone: (message: string) => void }) {
  const client = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const decide = useMutation({
    mutationFn: (action: 'confirm' | 'reject') =>
      api(`/api/admin/erasures/${encodeURIComponent(request.id)}/${action}`, { method: 'POST' }),
    onSuccess: async (_data, action) => {
      onDone(
        action === 'confirm' ? `${request.person.name}'s account was erased.` : `The request from ${request.person.name} was rejected.`,
      )
      await client.invalidateQueries({ queryKey: ['admin', 'erasures'] })
    },
  })
  return (
    <div className="button-row">
      {confirming ? (
        <>
          <span>Erase {request.person.name} for good?</span>
          <button type="button" className="button button-danger" disabled={decide.isPending} onClick={() => decide.mutate('confirm')}>
            Yes, erase
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            Erase…
          </button>
          <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
            Reject
          </button>
        </>
      )}
      <ErrorAlert error={decide.error} />
    </div>
  )
}

/** Requests from people who asked to be erased; an admin confirms (erases) or rejects each. */
export function ErasureRequests() {
  const [message, setMessage] = useState('')
  const list = useQuery({ queryKey: ['admin', 'erasures'], queryFn: () => api<{ items: ErasureRequest[] }>('/api/admin/erasures') })
  return (
    <section className="card" aria-labelledby="erasures-heading">
      <h2 id="erasures-heading">Erasure requests</h2>
      <StatusMessage>{message}</StatusMessage>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 && <p className="muted">No one has asked to be erased.</p>}
      {list.data && list.data.items.length > 0 && (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Asked on</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.person.name}</th>
                  <td>{r.requestedAt.slice(0, 10)}</td>
                  <td>{r.reason || <span className="muted">No reason given</span>}</td>
                  <td>{r.status}</td>
                  <td>
                    {r.status === 'pending' ? <PendingActions request={r} onDone={setMessage} /> : <span className="muted">Decided</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
