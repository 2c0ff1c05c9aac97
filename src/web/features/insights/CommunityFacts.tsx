import { Link } from 'react-router-dom'
import type { DiscoveredCommunity } from '../../../shared/insights'
import { percent } from './insights-api'

/** Departments the community spans; departments below the minimum are only counted, never named. */
export function departmentsText(c: DiscoveredCommunity): string {
  const named = c.departments.map((d) => `${d.name} (${d.count})`)
  const others = c.departmentCount - c.departments.length
  if (others > 0) named.push(`${others} other${others === 1 ? '' : 's'}`)
  return named.join(', ')
}

/** The declared communities this discovered one overlaps, with links, or a plain "none". */
export function DeclaredOverlap({ community }: { community: DiscoveredCommunity }) {
  if (community.declared.length === 0) return <span className="muted">None</span>
  return (
    <ul className="inline-list">
      {community.declared.map((d) => (
        <li key={d.id}>
          <Link to={`/communities/${encodeURIComponent(d.slug)}`}>{d.name}</Link> ({percent(d.overlap)})
        </li>
      ))}
    </ul>
  )
}

/** What each suggested action (a stable code from the server) asks of a manager, in words. */
function ActionText({ code }: { code: string }) {
  switch (code) {
    case 'no_home':
      return (
        <>
          This community of practice has no home here: invite its core to <Link to="/communities/new">start one</Link>.
        </>
      )
    case 'spans_departments':
      return <>It crosses departments: let their managers know it exists, so they can make time for it.</>
    default:
      // A code this page does not know yet is shown as is rather than hidden.
      return <>{code}</>
  }
}

/** The suggested actions of a discovered community, or a plain "none". */
export function SuggestedActions({ community }: { community: DiscoveredCommunity }) {
  if (community.actions.length === 0) return <span className="muted">None</span>
  return (
    <ul className="actions-list">
      {community.actions.map((a) => (
        <li key={a}>
          <ActionText code={a} />
        </li>
      ))}
    </ul>
  )
}
