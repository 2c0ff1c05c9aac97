import { useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { Link, NavLink } from 'react-router-dom'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { INBOX_KEY, useInbox } from '../../lib/asks'
import { OfferCard, type OfferOutcome } from './OfferCard'
import '../knowledge/knowledge.css'
import './ask.css'

function describe(outcome: OfferOutcome): ReactNode {
  switch (outcome.kind) {
    case 'answered':
      return (
        <>
          Thank you: your answer to “{outcome.title}” was posted. <Link to={`/posts/${outcome.questionId}`}>See it in the thread</Link>
        </>
      )
    case 'declined':
      return outcome.reason === 'not_my_area'
        ? `You declined “${outcome.title}” as not your area. It goes to someone else, and you will be offered fewer questions like it.`
        : `You declined “${outcome.title}”. It goes to someone else.`
    case 'snoozed':
      return `“${outcome.title}” comes back ${outcome.hours >= 24 * 7 ? 'in a week' : outcome.hours >= 24 ? 'tomorrow' : 'later'}.`
  }
}

/** /for-you: questions Wellspring offered to the viewer because of what they have answered before. */
export function ForYouPage() {
  const inbox = useInbox()
  const client = useQueryClient()
  const [outcome, setOutcome] = useState<OfferOutcome | null>(null)
  const items = inbox.data?.items ?? []

  function onDone(o: OfferOutcome) {
    setOutcome(o)
    void client.invalidateQueries({ queryKey: INBOX_KEY })
  }

  return (
    <Page
      title="For you"
      lead={
        <p className="lead">
          Questions you are likely to answer well, judged from what you have answered before. Answer, pass them on, or snooze them.{' '}
          <Link to="/settings/availability">How many questions you get, and when</Link>
        </p>
      }
    >
      <StatusMessage>{outcome && describe(outcome)}</StatusMessage>
      {inbox.isPending && <Loading />}
      <ErrorAlert error={inbox.error} />
      {inbox.isSuccess && items.length === 0 && (
        <section className="card card-quiet" aria-labelledby="empty-heading">
          <h2 id="empty-heading">Nothing waiting for you</h2>
          <p>
            When someone asks something you have answered before, it appears here. You can also <Link to="/ask">ask a question</Link>{' '}
            yourself.
          </p>
        </section>
      )}
      {items.length > 0 && (
        <ul className="offer-list" aria-label="Questions offered to you">
          {items.map((item) => (
            <li key={item.offerId}>
              <OfferCard offer={item} onDone={onDone} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}

/** The navigation's link to "For you", with the number of questions waiting. */
export function ForYouNavLink() {
  const inbox = useInbox()
  const count = inbox.data?.items.length ?? 0
  return (
    <NavLink to="/for-you">
      {count > 0 ? 'For you ' : 'For you'}
      {count > 0 && (
        <span className="nav-count" data-testid="for-you-count">
          {count}
          <span className="visually-hidden"> waiting</span>
        </span>
      )}
    </NavLink>
  )
}
