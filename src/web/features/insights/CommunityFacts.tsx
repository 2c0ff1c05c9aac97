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

/** The suggested actions of a discovered community, or a plain "none". */
export function SuggestedActions({ community }: { community: DiscoveredCommunity }) {
  if (community.actions.length === 0) return <span className="muted">None</span>
  return (
    <ul className="actions-list">
      {community.actions.map((a) => (
        <li key={a}>{a}</li>
      ))}
    </ul>
  )
}
