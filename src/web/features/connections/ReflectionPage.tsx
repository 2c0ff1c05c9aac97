import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { ProgrammeReflection } from '../../../shared/connections'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea } from '../../components/Fields'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/dates'
import { api } from '../../lib/api'
import './connections.css'

/**
 * The end-of-programme reflection: asked for when the programme ends, and the participant's alone (the owner
 * sees only how many were written, and only from the aggregate minimum up).
 */
export function ReflectionPage() {
  const { id = '' } = useParams()
  const client = useQueryClient()
  const url = `/api/connections/programmes/${encodeURIComponent(id)}/reflection`
  const q = useQuery({ queryKey: ['connections', 'reflection', id], queryFn: () => api<ProgrammeReflection>(url) })
  const [body, setBody] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (q.data && body === null) setBody(q.data.body ?? '')
  }, [q.data, body])
  if (!q.data) return <Page title="Reflection">{q.error ? <ErrorAlert error={q.error} /> : <Loading />}</Page>
  const r = q.data
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    setSaved(false)
    try {
      client.setQueryData(['connections', 'reflection', id], await api<ProgrammeReflection>(url, { method: 'PUT', json: { body } }))
      setSaved(true)
    } catch (err) {
      setError(err)
    }
  }
  return (
    <Page title={`Reflection: ${r.programme.name}`} lead={<p>What did you learn, and from whom? Only you can read this.</p>}>
      <p>
        <Link to={`/connections/programmes/${r.programme.id}`}>Back to {r.programme.name}</Link>
      </p>
      {r.open ? (
        <section className="card" aria-labelledby="reflection-heading">
          <h2 id="reflection-heading">{r.body ? 'Your reflection' : 'Write your reflection'}</h2>
          <form className="connections-form" onSubmit={(e) => void submit(e)}>
            <TextArea label="My reflection" required maxLength={5000} value={body ?? ''} onChange={(e) => setBody(e.target.value)} />
            <button type="submit" className="button" disabled={!body?.trim()}>
              Save my reflection
            </button>
          </form>
          <ErrorAlert title="Not saved." error={error} />
          <StatusMessage>{saved && 'Saved. Only you can read it.'}</StatusMessage>
          {r.reflectedAt && <p className="meta">Last saved {formatDateTime(r.reflectedAt)}</p>}
        </section>
      ) : (
        <p>
          The reflection is asked for when the programme ends
          {r.programme.endsAt ? `, on ${formatDate(r.programme.endsAt)}` : ''}.
        </p>
      )}
    </Page>
  )
}
