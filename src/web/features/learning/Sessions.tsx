import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { LearningSession } from '../../../shared/learning'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { useViewer } from '../../lib/session'
import { placeWords, useCreateSession, useSessions, when } from './sessions-api'

/** Schedules a session (managers and admins): title, time, place, capacity. */
function NewSessionForm() {
  const create = useCreateSession()
  const [open, setOpen] = useState(false)
  const [created, setCreated] = useState<LearningSession | null>(null)
  const [form, setForm] = useState({ title: '', description: '', date: '', start: '09:00', end: '10:30', location: '', capacity: '12' })
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const startsAt = new Date(`${form.date}T${form.start}`).toISOString()
    const endsAt = new Date(`${form.date}T${form.end}`).toISOString()
    const session = await create.mutateAsync({
      title: form.title,
      description: form.description || undefined,
      startsAt,
      endsAt,
      location: form.location || undefined,
      capacity: Number(form.capacity),
    })
    setCreated(session)
    setOpen(false)
  }

  if (!open) {
    return (
      <div className="learning-actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Schedule a session
        </button>
        {created && (
          <StatusMessage>
            Scheduled <Link to={`/learning/sessions/${created.id}`}>{created.title}</Link>.
          </StatusMessage>
        )}
      </div>
    )
  }
  return (
    <form className="card session-form" onSubmit={(e) => void submit(e).catch(() => undefined)} aria-labelledby="new-session-heading">
      <h3 id="new-session-heading">Schedule a session</h3>
      <TextField label="Title" required minLength={3} maxLength={160} value={form.title} onChange={set('title')} />
      <TextArea label="What it is about" maxLength={5000} value={form.description} onChange={set('description')} />
      <div className="session-times">
        <TextField label="Date" type="date" required value={form.date} onChange={set('date')} />
        <TextField label="Starts" type="time" required value={form.start} onChange={set('start')} />
        <TextField label="Ends" type="time" required value={form.end} onChange={set('end')} />
      </div>
      <TextField label="Where" hint="A room, or a video link" maxLength={300} value={form.location} onChange={set('location')} />
      <TextField label="Seats" type="number" required min={1} max={10000} value={form.capacity} onChange={set('capacity')} />
      <ErrorAlert title="The session was not scheduled." error={create.error} />
      <div className="learning-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          Schedule
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** Upcoming instructor-led sessions, with the viewer's place in each. */
export function SessionsSection() {
  const viewer = useViewer()
  const sessions = useSessions()
  return (
    <section aria-labelledby="sessions-heading" className="learning-section">
      <h2 id="sessions-heading">Sessions</h2>
      {(viewer.isManager || viewer.isAdmin) && <NewSessionForm />}
      {sessions.isPending && <Loading />}
      <ErrorAlert error={sessions.error} />
      {sessions.data?.items.length === 0 && (
        <p className="empty">
          No sessions are scheduled.{' '}
          {viewer.isManager || viewer.isAdmin ? (
            'Schedule one above.'
          ) : (
            <>
              Ask in <Link to="/communities">a community</Link> whether someone would run one.
            </>
          )}
        </p>
      )}
      {sessions.data && sessions.data.items.length > 0 && (
        <ul className="learning-list">
          {sessions.data.items.map((s) => (
            <li key={s.id} className="card learning-card">
              <h3>
                <Link to={`/learning/sessions/${s.id}`}>{s.title}</Link>
              </h3>
              <p className="meta">
                <span className="badge">Session</span> {when(s)}
                {s.location && ` · ${s.location}`}
              </p>
              <p>{placeWords(s)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
