import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { LearningSession } from '../../../shared/learning'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { api } from '../../lib/api'

const pad = (n: number) => String(n).padStart(2, '0')
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const localTime = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`

/** The facilitator moves a session or adds seats; everyone with a seat gets the updated calendar invite. */
export function SessionChanges({ session }: { session: LearningSession }) {
  const client = useQueryClient()
  const start = new Date(session.startsAt)
  const end = new Date(session.endsAt)
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({
    date: localDate(start),
    start: localTime(start),
    end: localTime(end),
    location: session.location,
    capacity: String(session.capacity),
  })
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      const updated = await api<LearningSession>(`/api/learning/sessions/${encodeURIComponent(session.id)}`, {
        method: 'PATCH',
        json: {
          startsAt: new Date(`${form.date}T${form.start}`).toISOString(),
          endsAt: new Date(`${form.date}T${form.end}`).toISOString(),
          location: form.location,
          capacity: Number(form.capacity),
        },
      })
      client.setQueryData(['learning', 'session', session.id], updated)
      await client.invalidateQueries({ queryKey: ['learning', 'roster', session.id] })
      setSaved(true)
      setOpen(false)
    } catch (err) {
      setError(err)
    }
  }

  if (!open)
    return (
      <div className="learning-actions">
        <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
          Change time, place or seats
        </button>
        {saved && <StatusMessage>Saved. Everyone with a seat gets the updated calendar invite.</StatusMessage>}
      </div>
    )
  return (
    <form className="card session-form" onSubmit={(e) => void submit(e)} aria-labelledby="change-session-heading">
      <h2 id="change-session-heading">Change the session</h2>
      <div className="session-times">
        <TextField label="Date" type="date" required value={form.date} onChange={set('date')} />
        <TextField label="Starts" type="time" required value={form.start} onChange={set('start')} />
        <TextField label="Ends" type="time" required value={form.end} onChange={set('end')} />
      </div>
      <TextField label="Where" hint="A room, or a video link" maxLength={300} value={form.location} onChange={set('location')} />
      <TextField label="Seats" type="number" required min={1} max={10000} value={form.capacity} onChange={set('capacity')} />
      <ErrorAlert title="The session was not changed." error={error} />
      <div className="learning-actions">
        <button type="submit" className="button">
          Save and tell attendees
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Keep it as it is
        </button>
      </div>
    </form>
  )
}
