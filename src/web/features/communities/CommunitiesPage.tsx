import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import type { Community } from '../../../shared/communities'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { useDebounced } from '../../lib/hooks'
import { ROLE_LABELS, useCommunities, useRecommended, VISIBILITY_LABELS, type CommunitySort } from '../../lib/communities'
import { formatDate } from '../../lib/knowledge'
import './communities.css'

/** One community in the directory: the name links to its home. */
function CommunityCard({ community, reasons }: { community: Community; reasons?: string[] }) {
  return (
    <li className="community-card">
      <div className="community-card-head">
        <Link to={`/communities/${community.slug}`} className="community-card-name">
          {community.name}
        </Link>
        <span className={`visibility visibility-${community.visibility}`}>{VISIBILITY_LABELS[community.visibility].label}</span>
      </div>
      {community.purpose && <p className="community-card-purpose">{community.purpose}</p>}
      <p className="muted community-card-facts">
        {community.canSeeContent
          ? `${community.memberCount} ${community.memberCount === 1 ? 'member' : 'members'} · ${community.postCount} ${community.postCount === 1 ? 'post' : 'posts'} · active ${formatDate(community.lastActivityAt)}`
          : 'Members only'}
        {community.myRole && ` · you are ${ROLE_LABELS[community.myRole].toLowerCase()}`}
        {community.myRequest === 'pending' && ' · request waiting'}
      </p>
      {reasons && reasons.length > 0 && (
        <ul className="reasons" aria-label={`Why ${community.name} is recommended`}>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </li>
  )
}

function Recommended() {
  const recommended = useRecommended()
  if (recommended.isPending || recommended.isError || recommended.data.items.length === 0) return null
  return (
    <section className="card card-highlight" aria-labelledby="recommended-heading">
      <h2 id="recommended-heading">Recommended for you</h2>
      <p className="hint">
        From your answers to the three questions. <Link to="/me#questions">Change your answers</Link>
      </p>
      <ul className="community-grid" aria-label="Recommended communities">
        {recommended.data.items.map((r) => (
          <CommunityCard key={r.community.id} community={r.community} reasons={r.reasons} />
        ))}
      </ul>
    </section>
  )
}

/** The directory of communities: search, sort, my communities, recommendations, and a way to start one. */
export function CommunitiesPage() {
  const [params, setParams] = useSearchParams()
  const sort = (params.get('sort') as CommunitySort | null) ?? 'activity'
  const mine = params.get('mine') === '1'
  const [text, setText] = useState(params.get('q') ?? '')
  const q = useDebounced(text.trim(), 250)
  const list = useCommunities({ q, sort, mine })

  function setParam(key: string, value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: true },
    )
  }

  return (
    <Page
      title="Communities"
      lead={
        <div className="page-lead-row">
          <p className="lead">Where people who do the same work learn together. Anyone can start one.</p>
          <Link className="button button-primary" to="/communities/new">
            Start a community
          </Link>
        </div>
      }
    >
      <Recommended />
      <form className="community-filters" role="search" aria-label="Communities" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="communities-q">Search communities</label>
          <input id="communities-q" type="search" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="communities-sort">Sort by</label>
          <select
            id="communities-sort"
            value={sort}
            onChange={(e) => setParam('sort', e.target.value === 'activity' ? '' : e.target.value)}
          >
            <option value="activity">Recent activity</option>
            <option value="size">Size</option>
            <option value="name">Name</option>
          </select>
        </div>
        <div className="checkbox">
          <input id="communities-mine" type="checkbox" checked={mine} onChange={(e) => setParam('mine', e.target.checked ? '1' : '')} />
          <label htmlFor="communities-mine">Only mine</label>
        </div>
      </form>
      <p role="status" className="result-count">
        {list.data &&
          (list.data.items.length === 0
            ? q || mine
              ? 'No community matches.'
              : 'There is no community yet.'
            : `${list.data.items.length} ${list.data.items.length === 1 ? 'community' : 'communities'}.`)}
      </p>
      {list.data && list.data.items.length === 0 && (
        // An empty list says what to do next: a fresh organisation starts its first community; a search that
        // found nothing can be widened, or become the community nobody has started yet.
        <div className="card card-quiet empty-next">
          {q || mine ? (
            <p>
              Try other words{mine ? ', or all communities rather than only yours' : ''}. If none fits, you can{' '}
              <Link to="/communities/new">start the community</Link> you were looking for.
            </p>
          ) : (
            <p>
              Communities are where people who do the same work learn together. <Link to="/communities/new">Start the first one</Link>: give
              it a name and a purpose, then invite the people who do that work.
            </p>
          )}
        </div>
      )}
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length > 0 && (
        <ul className="community-grid" aria-label="Communities">
          {list.data.items.map((c) => (
            <CommunityCard key={c.id} community={c} />
          ))}
        </ul>
      )}
    </Page>
  )
}
