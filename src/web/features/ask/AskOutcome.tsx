import { Fragment, useEffect, useRef, type ReactNode } from 'react'
import { Link } from 'react-router-dom'
import type { AskResult } from '../../../shared/asks'
import type { PersonSummary } from '../../../shared/schemas'
import type { SearchResult } from '../../../shared/search'
import { Avatar } from '../../components/Avatar'
import { Reasons } from './Reasons'

/** A card whose heading takes the focus when it appears, so the outcome is read out first. */
function OutcomeCard({ heading, children }: { heading: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <section className="card card-highlight ask-outcome stack" aria-labelledby="ask-outcome-heading">
      <h2 id="ask-outcome-heading" ref={ref} tabIndex={-1}>
        {heading}
      </h2>
      {children}
    </section>
  )
}

/** "A, B and C" with each name a link to the person. */
function PeopleSentence({ people }: { people: PersonSummary[] }) {
  return (
    <>
      {people.map((p, i) => (
        <Fragment key={p.id}>
          {i > 0 && (i === people.length - 1 ? ' and ' : ', ')}
          <Link to={`/people/${p.id}`}>{p.name}</Link>
        </Fragment>
      ))}
    </>
  )
}

interface PostedProps {
  result: AskResult
  community: { slug: string; name: string }
  onAgain: () => void
}

/** After posting: where the question went and whom it was offered to. */
export function AskPosted({ result, community, onAgain }: PostedProps) {
  const where = <Link to={`/communities/${community.slug}`}>{community.name}</Link>
  const offered = result.offeredTo
  let sentence: ReactNode
  if (offered.length > 0) {
    sentence = (
      <>
        Your question was posted in {where} and offered to <PeopleSentence people={offered} />.
      </>
    )
  } else if (result.status === 'escalated') {
    sentence = (
      <>Your question was posted in {where}. Nobody could be offered it right now, so its stewards were asked to see that it is answered.</>
    )
  } else {
    sentence = (
      <>Your question was posted in {where}. Nobody could be offered it right now; everyone in the community can still answer it.</>
    )
  }
  return (
    <OutcomeCard heading="Your question is on its way">
      <p>{sentence}</p>
      {offered.length > 0 && (
        <>
          <ul className="ask-people" aria-label="Offered to">
            {result.offers.map((o) => (
              <li key={o.person.id}>
                <Avatar person={o.person} size="small" />
                <div className="ask-person">
                  <span>
                    <Link to={`/people/${o.person.id}`}>{o.person.name}</Link>
                    {o.person.title && <span className="muted"> · {o.person.title}</span>}
                    {o.slot === 'explore' && (
                      <>
                        {' '}
                        <span className="badge">explore</span>
                      </>
                    )}
                  </span>
                  <Reasons why={o.why} subject={{ you: false, name: o.person.name }} />
                </div>
              </li>
            ))}
          </ul>
          <p className="muted">If none of them answers in time, the next people are asked. You will be notified when an answer comes.</p>
        </>
      )}
      <div className="button-row">
        <Link className="button button-primary" to={`/posts/${result.questionId}`}>
          Open your question
        </Link>
        <button type="button" className="button" onClick={onAgain}>
          Ask another question
        </button>
      </div>
    </OutcomeCard>
  )
}

/** After "this answered it": nothing was posted. */
export function AskResolved({ result, onAgain }: { result: SearchResult; onAgain: () => void }) {
  const href = result.match.id === result.post.id ? `/posts/${result.post.id}` : `/posts/${result.post.id}#post-${result.match.id}`
  return (
    <OutcomeCard heading="Glad it was already answered">
      <p>
        “{result.post.title}” answered your question, so nothing was posted. Thank you for saying so: it helps Wellspring point the next
        person with the same question to the same answer.
      </p>
      <div className="button-row">
        <Link className="button button-primary" to={href}>
          Read “{result.post.title}”
        </Link>
        <button type="button" className="button" onClick={onAgain}>
          Ask something else
        </button>
      </div>
    </OutcomeCard>
  )
}
