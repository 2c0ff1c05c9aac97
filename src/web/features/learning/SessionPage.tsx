import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { LearningSession } from '../../../shared/learning'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea } from '../../components/Fields'
import { Page } from '../../components/Page'
import { SessionChanges } from './SessionChanges'
import { placeWords, saveAttendance, saveFeedback, useRoster, useSession, useSessionAction, when, type Roster } from './sessions-api'
import './learning.css'

/** The facilitator's view: who is coming and waiting, attendance once it has started, feedback in aggregate. */
function RosterSection({ session, roster }: { session: LearningSession; roster: Roster }) {
  const client = useQueryClient()
  const started = Date.parse(session.startsAt) <= Date.now()
  const enrolled = roster.items.filter((i) => i.status === 'enrolled')
  const [attended, setAttended] = useState<Set<string>>(() => new Set(enrolled.filter((i) => i.attended).map((i) => i.person.id)))
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      await saveAttendance(session.id, [...attended])
      setSaved(true)
      await client.invalidateQueries({ queryKey: ['learning', 'roster', session.id] })
    } catch (err) {
      setError(err)
    }
  }
  const waiting = roster.items.filter((i) => i.status === 'waitlisted')
  return (
    <section className="card" aria-labelledby="roster-heading">
      <h2 id="roster-heading">Roster</h2>
      {enrolled.length === 0 && <p className="empty">Nobody has enrolled yet.</p>}
      {enrolled.length > 0 && (
        <form onSubmit={(e) => void submit(e)}>
          <fieldset disabled={!started}>
            <legend>{started ? 'Who attended' : 'Enrolled (attendance opens when the session starts)'}</legend>
            <ul className="roster-list">
              {enrolled.map((i) => (
                <li key={i.person.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={attended.has(i.person.id)}
                      onChange={(e) => {
                        const next = new Set(attended)
                        if (e.target.checked) next.add(i.person.id)
                        else next.delete(i.person.id)
                        setAttended(next)
                        setSaved(false)
                      }}
                    />{' '}
                    <Link to={`/people/${i.person.id}`}>{i.person.name}</Link>
                  </label>
                </li>
              ))}
            </ul>
            {started && (
              <button type="submit" className="button">
                Save attendance
              </button>
            )}
          </fieldset>
        </form>
      )}
      {saved && <StatusMessage>Attendance saved.</StatusMessage>}
      <ErrorAlert error={error} />
      {waiting.length > 0 && <p>Waiting, in order: {waiting.map((i) => i.person.name).join(', ')}</p>}
      <h3>Feedback</h3>
      {roster.feedback ? (
        <>
          <p>
            Average {roster.feedback.averageRating} of 5 from {roster.feedback.responses} people.
          </p>
          {roster.feedback.comments.length > 0 && (
            <ul>
              {roster.feedback.comments.map((c, n) => (
                <li key={n}>{c}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="hint">
          {roster.feedbackResponses} {roster.feedbackResponses === 1 ? 'person has' : 'people have'} given feedback. It is shown once enough
          people have, so nobody's answer can be told apart.
        </p>
      )}
    </section>
  )
}

/** An attendee rates the session. */
function FeedbackForm({ session }: { session: LearningSession }) {
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [done, setDone] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      await saveFeedback(session.id, rating, comment)
      setDone(true)
    } catch (err) {
      setError(err)
    }
  }
  if (done) return <StatusMessage>Thank you for your feedback.</StatusMessage>
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">How was it?</h2>
      <fieldset className="rating">
        <legend>Your rating</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} /> {n}
          </label>
        ))}
      </fieldset>
      <TextArea label="Anything to add? (optional)" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <ErrorAlert error={error} />
      <button type="submit" className="button" disabled={rating === 0}>
        Send feedback
      </button>
    </form>
  )
}

/** One instructor-led session: when and where, the viewer's place, and for its facilitator the roster. */
export function SessionPage() {
  const { id = '' } = useParams()
  const session = useSession(id)
  const action = useSessionAction(id)
  const roster = useRoster(id, session.data?.canManage ?? false)
  if (session.isPending) return <Loading />
  if (session.isError) return <ErrorAlert error={session.error} />
  const s = session.data
  const upcoming = Date.parse(s.startsAt) > Date.now() && s.status === 'scheduled'
  return (
    <Page
      title={s.title}
      lead={
        <p className="meta">
          <Link to="/learning">Learning</Link> · {when(s)}
          {s.location && ` · ${s.location}`} · led by <Link to={`/people/${s.facilitator.id}`}>{s.facilitator.name}</Link>
          {s.community && (
            <>
              {' '}
              · <Link to={`/communities/${s.community.slug}`}>{s.community.name}</Link>
            </>
          )}
        </p>
      }
    >
      {s.description && <p className="session-description">{s.description}</p>}
      <div className="player-status">
        <p role="status" data-testid="session-place">
          {placeWords(s)}
        </p>
        {upcoming && s.mine === null && (
          <button type="button" className="button" disabled={action.isPending} onClick={() => action.mutate('enrol')}>
            {s.enrolled < s.capacity ? 'Enrol' : 'Join the waitlist'}
          </button>
        )}
        {upcoming && s.mine !== null && (
          <button type="button" className="button button-quiet" disabled={action.isPending} onClick={() => action.mutate('withdraw')}>
            {s.mine === 'enrolled' ? 'Give up my seat' : 'Leave the waitlist'}
          </button>
        )}
        {s.canManage && s.status === 'scheduled' && (
          <button type="button" className="button button-quiet" disabled={action.isPending} onClick={() => action.mutate('cancel')}>
            Cancel the session
          </button>
        )}
      </div>
      <ErrorAlert error={action.error} />
      {s.canManage && upcoming && <SessionChanges key={`${s.startsAt}|${s.location}|${s.capacity}`} session={s} />}
      {s.attended === true && !upcoming && <FeedbackForm session={s} />}
      {s.canManage && roster.data && <RosterSection session={s} roster={roster.data} />}
    </Page>
  )
}
