import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import type { Community } from '../../../shared/communities'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { useInbox } from '../../lib/asks'
import { ROLE_LABELS, useCommunities, useRecommended } from '../../lib/communities'
import { usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import { SetupChecklist } from '../admin/SetupChecklist'
import './home.css'

/** "What do you need to know?": the way into the ask flow, with the question carried over. */
function QuickAsk() {
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void navigate(text.trim() ? `/ask?q=${encodeURIComponent(text.trim())}` : '/ask')
  }
  return (
    <section className="card" aria-labelledby="quick-ask-heading">
      <h2 id="quick-ask-heading">What do you need to know?</h2>
      <form className="quick-ask" onSubmit={submit} role="search" aria-label="Ask a question">
        <label htmlFor="quick-ask-q" className="visually-hidden">
          Your question
        </label>
        <input
          id="quick-ask-q"
          type="text"
          maxLength={300}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="How do we…?"
        />
        <button type="submit" className="button button-primary">
          Ask
        </button>
      </form>
      <p className="muted">
        You will see what is already answered first; if nothing fits, it goes to the people who answered similar questions.
      </p>
    </section>
  )
}

/** Questions offered to the viewer, shown only when some are waiting. */
function ForYouSummary() {
  const inbox = useInbox()
  const items = inbox.data?.items.filter((i) => i.status === 'offered') ?? []
  if (items.length === 0) return null
  return (
    <section className="card card-highlight" aria-labelledby="home-for-you-heading">
      <h2 id="home-for-you-heading">
        {items.length === 1 ? 'A question is waiting for you' : `${items.length} questions are waiting for you`}
      </h2>
      <ul className="home-list">
        {items.slice(0, 3).map((i) => (
          <li key={i.offerId}>
            <Link to={`/posts/${i.question.id}`}>{i.question.title}</Link>
            <span className="muted"> · {i.question.community.name}</span>
          </li>
        ))}
      </ul>
      <Link to="/for-you">Answer, decline or snooze them in For you</Link>
    </section>
  )
}

function CommunityLine({ community }: { community: Community }) {
  return (
    <li>
      <Link to={`/communities/${community.slug}`}>{community.name}</Link>
      <span className="muted">
        {community.myRole ? ` · ${ROLE_LABELS[community.myRole].toLowerCase()}` : ''}
        {community.myRequest === 'pending' ? ' · request waiting' : ''}
      </span>
    </li>
  )
}

/** The viewer's communities, then the ones recommended from their three questions. */
function MyCommunities() {
  const mine = useCommunities({ mine: true })
  const recommended = useRecommended()
  const joined = mine.data?.items ?? []
  const suggestions = (recommended.data?.items ?? []).slice(0, 3)
  return (
    <section className="card" aria-labelledby="home-communities-heading">
      <h2 id="home-communities-heading">Your communities</h2>
      {mine.isPending && <Loading />}
      <ErrorAlert error={mine.error} />
      {mine.data && joined.length === 0 && (
        <p>
          You have not joined a community yet. <Link to="/communities">Find one to join</Link>, or{' '}
          <Link to="/communities/new">start one</Link> for the work you do.
        </p>
      )}
      {joined.length > 0 && (
        <ul className="home-list" aria-label="Communities you belong to">
          {joined.map((c) => (
            <CommunityLine key={c.id} community={c} />
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <>
          <h3>Suggested for you</h3>
          <ul className="home-list" aria-label="Suggested communities">
            {suggestions.map((r) => (
              <li key={r.community.id}>
                <Link to={`/communities/${r.community.slug}`}>{r.community.name}</Link>
                {r.reasons[0] && <span className="muted"> · {r.reasons[0]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to="/communities">All communities</Link>
    </section>
  )
}

/** Home: the three questions until answered, the ask box, questions waiting for me, my communities, the ways in. */
export function HomePage() {
  const viewer = useViewer()
  const me = usePerson(viewer.id)
  const firstName = viewer.name.split(/\s+/)[0] ?? viewer.name
  const unanswered = me.data && !me.data.whoAmI.trim() && !me.data.wantToBecome.trim() && !me.data.communitiesWanted.trim()

  return (
    <Page
      title={`Welcome, ${firstName}`}
      lead={
        <p className="lead">Wellspring is where our communities of practice live: the people who know, and the people who want to learn.</p>
      }
    >
      {me.isPending && <Loading />}
      <ErrorAlert error={me.error} />
      {viewer.isAdmin && <SetupChecklist onHome />}
      {unanswered && (
        <section className="card card-highlight" aria-labelledby="questions-heading">
          <h2 id="questions-heading">Start with three questions</h2>
          <p>
            Everyone is a lifelong learner. Tell colleagues who you are, who you want to become, and which communities you want to join, so
            the right people can find you.
          </p>
          <Link className="button button-primary" to="/me#questions">
            Answer the three questions
          </Link>
        </section>
      )}
      <ForYouSummary />
      <div className="home-columns">
        <QuickAsk />
        <MyCommunities />
      </div>
      <section aria-labelledby="explore-heading">
        <h2 id="explore-heading">Find your way around</h2>
        <ul className="tiles">
          <li className="tile">
            <h3>
              <Link to="/communities">Communities</Link>
            </h3>
            <p>Groups that share a way of working: their questions, stories, practices and lessons.</p>
          </li>
          <li className="tile">
            <h3>
              <Link to={`/people/${viewer.id}/learned-from`}>Learned from</Link>
            </h3>
            <p>Who you learned from and whom you helped, from thanks and “I learned this from you”.</p>
          </li>
          <li className="tile">
            <h3>
              <Link to="/directory">Directory</Link>
            </h3>
            <p>Search everyone by name, role, department or place.</p>
          </li>
          <li className="tile">
            <h3>
              <Link to="/org">Org chart</Link>
            </h3>
            <p>See who works with whom, from the top of the organisation down.</p>
          </li>
        </ul>
      </section>
    </Page>
  )
}
