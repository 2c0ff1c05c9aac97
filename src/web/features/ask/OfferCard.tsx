import { useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import type { InboxItem } from '../../../shared/asks'
import { ErrorAlert } from '../../components/Alerts'
import { TagList } from '../../components/TagInput'
import { useDecline, useSnooze, type DeclineReason } from '../../lib/asks'
import { mutateThen } from '../../lib/hooks'
import { formatDate } from '../../lib/knowledge'
import { ReplyForm } from '../knowledge/ReplyForm'
import { Reasons } from './Reasons'

/** What happened to an offer, for the page to announce once the card has left the inbox. */
export type OfferOutcome =
  | { kind: 'answered'; questionId: number; title: string }
  | { kind: 'declined'; reason: DeclineReason; title: string }
  | { kind: 'snoozed'; hours: number; title: string }

const SNOOZES = [
  { hours: 24, label: 'Snooze 1 day' },
  { hours: 24 * 7, label: 'Snooze 1 week' },
]

/** One question offered to the viewer: what it is, why them, and answer, decline or snooze. */
export function OfferCard({ offer, onDone }: { offer: InboxItem; onDone: (outcome: OfferOutcome) => void }) {
  const { question: q } = offer
  const id = useId()
  const titleId = `${id}-title`
  const [open, setOpen] = useState<'answer' | 'decline' | null>(null)
  const decline = useDecline()
  const snooze = useSnooze()
  const busy = decline.isPending || snooze.isPending
  const toggle = (what: 'answer' | 'decline') => setOpen(open === what ? null : what)
  const answerBox = useRef<HTMLDivElement>(null)
  // "Answer" opens the box to write in: the keyboard (and a screen reader) goes there, not back to the top.
  useEffect(() => {
    if (open === 'answer') answerBox.current?.querySelector('textarea')?.focus()
  }, [open])

  function onDecline(reason: DeclineReason) {
    // A declined or snoozed offer leaves the inbox (and this card unmounts) as the mutation refetches it.
    mutateThen(decline, { offerId: offer.offerId, reason }, () => onDone({ kind: 'declined', reason, title: q.title }))
  }
  function onSnooze(hours: number) {
    mutateThen(snooze, { offerId: offer.offerId, hours }, () => onDone({ kind: 'snoozed', hours, title: q.title }))
  }

  return (
    <article className="card offer stack" aria-labelledby={titleId}>
      <div>
        <h2 id={titleId}>
          <Link to={`/posts/${q.id}`}>{q.title}</Link>
        </h2>
        <p className="muted offer-meta">
          Asked by {q.asker ? <Link to={`/people/${q.asker.id}`}>{q.asker.name}</Link> : 'someone anonymous'} in{' '}
          <Link to={`/communities/${q.community.slug}`}>{q.community.name}</Link> on {formatDate(q.askedAt)} ·{' '}
          {q.answerCount === 0 ? 'no answers yet' : `${q.answerCount} ${q.answerCount === 1 ? 'answer' : 'answers'}`}
        </p>
        {q.excerpt.trim() && <p className="offer-excerpt">{q.excerpt}</p>}
        <TagList tags={q.tags} label={`Tags of ${q.title}`} empty="" />
      </div>
      <div className="why">
        <h3 id={`${id}-why`}>{offer.slot === 'explore' ? 'Why you: an explore question' : 'Why you'}</h3>
        <Reasons why={offer.why} subject={{ you: true }} labelledBy={`${id}-why`} />
      </div>
      <div className="offer-actions">
        <button
          type="button"
          className="button button-primary"
          aria-expanded={open === 'answer'}
          aria-describedby={titleId}
          onClick={() => toggle('answer')}
        >
          Answer
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open === 'decline'}
          aria-describedby={titleId}
          onClick={() => toggle('decline')}
        >
          Decline…
        </button>
        {SNOOZES.map((s) => (
          <button
            key={s.hours}
            type="button"
            className="button"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => onSnooze(s.hours)}
          >
            {s.label}
          </button>
        ))}
      </div>
      {open === 'answer' && (
        <div ref={answerBox}>
          <ReplyForm
            parentId={q.id}
            rootId={q.id}
            kind="answer"
            label={`Your answer to “${q.title}”`}
            onDone={() => onDone({ kind: 'answered', questionId: q.id, title: q.title })}
          />
        </div>
      )}
      {open === 'decline' && (
        <div className="choice-box" role="group" aria-labelledby={`${id}-decline`}>
          <p id={`${id}-decline`}>
            <strong>Why are you declining?</strong> Either way it goes to the next person.
          </p>
          <div>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-describedby={`${id}-area`}
              onClick={() => onDecline('not_my_area')}
            >
              Not my area
            </button>{' '}
            <span id={`${id}-area`} className="hint">
              This teaches the router: you will be offered fewer questions like this one.
            </span>
          </div>
          <div>
            <button type="button" className="button" disabled={busy} aria-describedby={`${id}-busy`} onClick={() => onDecline('busy')}>
              Busy
            </button>{' '}
            <span id={`${id}-busy`} className="hint">
              What you are known for does not change. To get fewer questions, set your availability.
            </span>
          </div>
        </div>
      )}
      <ErrorAlert error={decline.error ?? snooze.error} />
    </article>
  )
}
