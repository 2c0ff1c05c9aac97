import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { Match } from '../../../shared/connections'
import { ErrorAlert } from '../../components/Alerts'
import { api } from '../../lib/api'

/** A match with "why you two", and accept / decline while it waits for the viewer's answer. */
export function MatchCard({ match, viewerId }: { match: Match; viewerId: string }) {
  const client = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const mine = match.members.find((m) => m.person.id === viewerId)
  const others = match.members.filter((m) => m.person.id !== viewerId)
  async function answer(response: 'accepted' | 'declined') {
    setError(null)
    try {
      await api(`/api/connections/matches/${match.id}/response`, { json: { response } })
      await client.invalidateQueries({ queryKey: ['connections'] })
    } catch (err) {
      setError(err)
    }
  }
  return (
    <li className="card match-card">
      <h3>
        <Link to={`/connections/matches/${match.id}`}>{others.map((o) => o.person.name).join(', ') || 'Your match'}</Link>
      </h3>
      <p className="meta">
        {match.programme.name} · {match.status}
        {mine && mine.role !== 'member' && <> · you are the {mine.role}</>}
      </p>
      <h4>Why you</h4>
      <ul className="reasons">
        {match.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {match.status === 'proposed' && mine?.response === 'pending' && (
        <div className="actions">
          <button type="button" className="button" onClick={() => void answer('accepted')}>
            Accept
          </button>
          <button type="button" className="button button-secondary" onClick={() => void answer('declined')}>
            Decline
          </button>
        </div>
      )}
      {mine?.response === 'accepted' && match.status === 'proposed' && <p>You accepted; waiting for the others.</p>}
      <ErrorAlert title="Your answer was not saved." error={error} />
    </li>
  )
}
