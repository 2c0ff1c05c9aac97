import type { ReactNode } from 'react'
import { Link, NavLink } from 'react-router-dom'
import type { Community } from '../../../shared/communities'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { ApiError } from '../../lib/api'
import { ROLE_LABELS, useCommunity, VISIBILITY_LABELS } from '../../lib/communities'
import './communities.css'

interface FrameProps {
  slug: string
  /** The page's h1, from the community once it is loaded. */
  title: (c: Community) => string
  children: (c: Community) => ReactNode
  /** Shown after the community's navigation (actions such as join or post). */
  actions?: (c: Community) => ReactNode
}

/** The community's own navigation: home and members for readers, requests and settings for stewards. */
function CommunityNav({ community }: { community: Community }) {
  const base = `/communities/${community.slug}`
  const steward = community.myRole === 'steward'
  return (
    <nav className="community-nav" aria-label={`${community.name} sections`}>
      <ul>
        <li>
          <NavLink to={base} end>
            Home
          </NavLink>
        </li>
        {community.canSeeContent && (
          <li>
            <NavLink to={`${base}/members`}>Members</NavLink>
          </li>
        )}
        {community.canSeeContent && (
          <li>
            <NavLink to={`${base}/learning-map`}>Learning map</NavLink>
          </li>
        )}
        {steward && (
          <li>
            <NavLink to={`${base}/requests`}>Join requests</NavLink>
          </li>
        )}
        {steward && (
          <li>
            <NavLink to={`${base}/settings`}>Settings</NavLink>
          </li>
        )}
      </ul>
    </nav>
  )
}

/** A small line under the title: visibility, size and the viewer's role. */
export function CommunityFacts({ community }: { community: Community }) {
  return (
    <p className="community-facts">
      <span className={`visibility visibility-${community.visibility}`}>{VISIBILITY_LABELS[community.visibility].label}</span>
      {community.canSeeContent && (
        <span>
          {community.memberCount} {community.memberCount === 1 ? 'member' : 'members'} · {community.postCount}{' '}
          {community.postCount === 1 ? 'post' : 'posts'}
        </span>
      )}
      {community.myRole && <span>You are {ROLE_LABELS[community.myRole].toLowerCase()} here</span>}
    </p>
  )
}

/** Loads a community and lays out one of its pages: its name, facts, purpose, sections and the page body. */
export function CommunityFrame({ slug, title, children, actions }: FrameProps) {
  const community = useCommunity(slug)
  if (community.isPending) return <Loading />
  if (community.isError) {
    const gone = community.error instanceof ApiError && community.error.status === 404
    return (
      <Page title={gone ? 'Community not found' : 'Community not available'}>
        <ErrorAlert error={community.error} />
        <p>
          <Link to="/communities">All communities</Link>
        </p>
      </Page>
    )
  }
  const c = community.data
  return (
    <Page
      title={title(c)}
      className="community-page"
      lead={
        <>
          <CommunityFacts community={c} />
          <CommunityNav community={c} />
          {actions?.(c)}
        </>
      }
    >
      {children(c)}
    </Page>
  )
}
