import type { Meeting } from '../../../shared/connections'
import { formatDate, formatDateTime } from '../../lib/dates'

/**
 * One meeting of a match, with only the actions that make sense at its point in time: before it, cancelling;
 * after it, the check-back ("did you meet?") until it is answered; once answered, the answer itself.
 */
export function MeetingItem({
  meeting: m,
  onCheck,
  onCancel,
}: {
  meeting: Meeting
  onCheck: (held: boolean) => void
  onCancel: () => void
}) {
  // The reader's own clock decides "past": the check-back mail goes out an hour after the start anyway.
  const past = Date.parse(m.startsAt) <= Date.now()
  const when = (
    <>
      <time dateTime={m.startsAt}>{formatDateTime(m.startsAt)}</time> · {m.minutes} min{m.location && ` · ${m.location}`}
    </>
  )
  if (m.status === 'cancelled')
    return (
      <li className="card">
        <p>{when} · cancelled</p>
      </li>
    )
  if (m.held !== null)
    return (
      <li className="card">
        <p>
          <strong>{m.held ? `You met on ${formatDate(m.startsAt)}` : `You did not meet on ${formatDate(m.startsAt)}`}</strong>
        </p>
        <p className="meta">{when}</p>
      </li>
    )
  return (
    <li className="card">
      <p>
        {when} · {past ? 'did you meet?' : 'coming up'}
      </p>
      <div className="round-actions">
        {past ? (
          <>
            <button type="button" className="button" onClick={() => onCheck(true)}>
              We met
            </button>
            <button type="button" className="button button-secondary" onClick={() => onCheck(false)}>
              We did not meet
            </button>
          </>
        ) : (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel meeting
          </button>
        )}
      </div>
    </li>
  )
}
