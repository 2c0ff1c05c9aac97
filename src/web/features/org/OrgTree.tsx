import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link } from 'react-router-dom'
import type { OrgNode, OrgNodeList } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Avatar } from '../../components/Avatar'
import { api, queryString } from '../../lib/api'

export interface TreeState {
  expanded: ReadonlySet<string>
  toggle: (id: string) => void
  /** The person to reveal and move focus to (from ?focus= or a search). */
  focusId: string | null
}

/** The people directly under `managerId` (or the top of the chart), fetched when their level is opened. */
export function OrgLevel({ managerId, state, id, label }: { managerId: string | null; state: TreeState; id?: string; label?: string }) {
  const children = useQuery({
    queryKey: ['org', 'children', managerId ?? 'top'],
    queryFn: ({ signal }) => api<OrgNodeList>(`/api/org/children${queryString({ managerId })}`, { signal }),
  })
  if (children.isPending) return <Loading label="Loading people…" />
  if (children.isError) return <ErrorAlert error={children.error} />
  if (children.data.items.length === 0) return <p className="muted">No one here yet.</p>
  return (
    <ul className={managerId ? 'org-group' : 'org-tree'} id={id} aria-label={label}>
      {children.data.items.map((node) => (
        <OrgItem key={node.person.id} node={node} state={state} />
      ))}
    </ul>
  )
}

/** One person in the chart: a toggle for their reports (with aria-expanded) and a link to their page. */
function OrgItem({ node, state }: { node: OrgNode; state: TreeState }) {
  const { person, reportCount } = node
  const open = state.expanded.has(person.id)
  const isFocus = state.focusId === person.id
  const link = useRef<HTMLAnchorElement>(null)
  const groupId = `reports-of-${person.id}`

  useEffect(() => {
    if (!isFocus || !link.current) return
    link.current.scrollIntoView({ block: 'center' })
    link.current.focus({ preventScroll: true })
  }, [isFocus])

  return (
    <li className={isFocus ? 'org-item is-focus' : 'org-item'}>
      <div className="org-row">
        {reportCount > 0 ? (
          <button
            type="button"
            className="org-toggle"
            aria-expanded={open}
            aria-controls={open ? groupId : undefined}
            onClick={() => state.toggle(person.id)}
          >
            <span className="chevron" aria-hidden="true" />
            <span className="visually-hidden">Reports of {person.name}</span>
          </button>
        ) : (
          <span className="org-toggle-spacer" />
        )}
        <Avatar person={person} size="small" />
        <span className="org-text">
          <Link ref={link} to={`/people/${person.id}`} className="org-name" aria-current={isFocus ? 'true' : undefined}>
            {person.name}
          </Link>
          <span className="muted">{[person.title, person.department].filter(Boolean).join(' · ')}</span>
        </span>
        {reportCount > 0 && (
          <span className="count-badge">
            {reportCount} {reportCount === 1 ? 'report' : 'reports'}
          </span>
        )}
      </div>
      {open && <OrgLevel managerId={person.id} state={state} id={groupId} label={`Reports of ${person.name}`} />}
    </li>
  )
}
