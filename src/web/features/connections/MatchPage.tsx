import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useParams } from 'react-router-dom'
import type { MatchDetail, Meeting } from '../../../shared/connections'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { api } from '../../lib/api'
import { useViewer } from '../../lib/session'
import { MatchCard } from './MatchCard'
import { MeetingItem } from './MeetingItem'

/** One of my matches: why, our meetings (invites go by mail), the check-back, our private log, my reflection. */
export function MatchPage() {
  const { id = '' } = useParams()
  const viewer = useViewer()
  const client = useQueryClient()
  const key = ['connections', 'match', id]
  const detail = useQuery({ queryKey: key, queryFn: () => api<MatchDetail>(`/api/connections/matches/${id}`) })
  const [error, setError] = useState<unknown>(null)
  const [meeting, setMeeting] = useState({ startsAt: '', minutes: 30, location: '' })
  const [note, setNote] = useState({ kind: 'note' as 'note' | 'goal', body: '' })
  const [reflection, setReflection] = useState('')

  async function run(call: () => Promise<unknown>) {
    setError(null)
    try {
      await call()
      await client.invalidateQueries({ queryKey: ['connections'] })
      return true
    } catch (err) {
      setError(err)
      return false
    }
  }
  if (!detail.data) return <Page title="Match">{detail.error ? <ErrorAlert error={detail.error} /> : <Loading />}</Page>
  const { match, meetings, log, myReflection } = detail.data
  const schedule = async (event: FormEvent) => {
    event.preventDefault()
    const startsAt = new Date(meeting.startsAt).toISOString()
    if (await run(() => api(`/api/connections/matches/${id}/meetings`, { json: { ...meeting, startsAt } })))
      setMeeting({ startsAt: '', minutes: 30, location: '' })
  }
  const addNote = async (event: FormEvent) => {
    event.preventDefault()
    if (await run(() => api(`/api/connections/matches/${id}/log`, { json: note }))) setNote({ ...note, body: '' })
  }
  const reflect = async (event: FormEvent) => {
    event.preventDefault()
    await run(() => api(`/api/connections/matches/${id}/reflection`, { method: 'PUT', json: { body: reflection } }))
  }
  const check = (m: Meeting, held: boolean) => run(() => api(`/api/connections/meetings/${m.id}/check`, { json: { held } }))
  const cancel = (m: Meeting) => run(() => api(`/api/connections/meetings/${m.id}`, { method: 'DELETE' }))

  return (
    <Page title={`Match in ${match.programme.name}`}>
      <ul className="connections-list">
        <MatchCard match={match} viewerId={viewer.id} />
      </ul>
      <ErrorAlert error={error} />
      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Meetings</h2>
        <ul className="connections-list">
          {meetings.map((m) => (
            <MeetingItem key={m.id} meeting={m} onCheck={(held) => void check(m, held)} onCancel={() => void cancel(m)} />
          ))}
        </ul>
        {match.status === 'active' && (
          <form className="connections-form" onSubmit={(e) => void schedule(e)}>
            <h3>Schedule a meeting (everyone gets a calendar invite)</h3>
            <TextField
              label="When"
              type="datetime-local"
              required
              value={meeting.startsAt}
              onChange={(e) => setMeeting({ ...meeting, startsAt: e.target.value })}
            />
            <TextField
              label="Minutes"
              type="number"
              min={5}
              max={480}
              value={meeting.minutes}
              onChange={(e) => setMeeting({ ...meeting, minutes: Number(e.target.value) })}
            />
            <TextField
              label="Where"
              maxLength={300}
              value={meeting.location}
              onChange={(e) => setMeeting({ ...meeting, location: e.target.value })}
            />
            <button type="submit" className="button">
              Send invite
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Our log</h2>
        <p className="hint">Only the people in this match can read it.</p>
        <ul>
          {log.map((l) => (
            <li key={l.id}>
              <strong>{l.kind === 'goal' ? 'Goal' : 'Note'}</strong> ({l.author?.name ?? 'former member'}): {l.body}
            </li>
          ))}
        </ul>
        {match.status !== 'declined' && match.status !== 'expired' && (
          <form className="connections-form" onSubmit={(e) => void addNote(e)}>
            <div className="field">
              <label htmlFor="log-kind">Kind</label>
              <select id="log-kind" value={note.kind} onChange={(e) => setNote({ ...note, kind: e.target.value as 'note' | 'goal' })}>
                <option value="note">Note</option>
                <option value="goal">Goal</option>
              </select>
            </div>
            <TextArea
              label="Entry"
              required
              maxLength={5000}
              value={note.body}
              onChange={(e) => setNote({ ...note, body: e.target.value })}
            />
            <button type="submit" className="button">
              Add to our log
            </button>
          </form>
        )}
      </section>
      {(match.status === 'active' || match.status === 'ended') && (
        <section aria-labelledby="reflection-heading">
          <h2 id="reflection-heading">My reflection</h2>
          {myReflection && <p>{myReflection}</p>}
          <form className="connections-form" onSubmit={(e) => void reflect(e)}>
            <TextArea
              label="What did you take from it?"
              required
              maxLength={5000}
              value={reflection}
              onChange={(e) => setReflection(e.target.value)}
            />
            <button type="submit" className="button">
              Save reflection
            </button>
          </form>
        </section>
      )}
    </Page>
  )
}
