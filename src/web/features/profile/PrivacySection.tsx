import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { ErasureRequest } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextArea } from '../../components/Fields'
import { api } from '../../lib/api'

/** Export my data, and ask for my account to be erased (after a confirmation step). */
export function PrivacySection() {
  const [confirming, setConfirming] = useState(false)
  const [reason, setReason] = useState('')
  const erasure = useMutation({
    mutationFn: () => api<ErasureRequest>('/api/me/erasure', { method: 'POST', json: { reason } }),
    onSuccess: () => setConfirming(false),
  })

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    erasure.mutate()
  }

  return (
    <section className="card stack" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Your data</h2>
      <div>
        <h3>Export</h3>
        <p>Download everything Wellspring holds about you, as a JSON file.</p>
        <a className="button" href="/api/me/export" download="wellspring-export.json">
          Export my data
        </a>
      </div>
      <div>
        <h3>Erasure</h3>
        <p>
          You can ask for your account and everything you wrote to be erased. An administrator confirms the request; this cannot be undone.
        </p>
        {!confirming && !erasure.isSuccess && (
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            Request erasure…
          </button>
        )}
        {confirming && (
          <form className="stack confirm-box" onSubmit={onSubmit} aria-labelledby="erasure-confirm-heading">
            <h4 id="erasure-confirm-heading">Are you sure you want your account erased?</h4>
            <TextArea
              label="Reason (optional)"
              name="reason"
              maxLength={1000}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="button-row">
              <button type="submit" className="button button-danger" disabled={erasure.isPending}>
                Yes, request erasure
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </form>
        )}
        <ErrorAlert error={erasure.error} />
        <StatusMessage>{erasure.isSuccess && 'Your erasure request was sent. An administrator will confirm it.'}</StatusMessage>
      </div>
    </section>
  )
}
