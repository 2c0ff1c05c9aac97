import { Link } from 'react-router-dom'
import type { MapCommunity, NetworkMap } from '../../../shared/insights-map'
import { labelOf } from './insights-api'
import { positionWords } from './insights-map-api'
import { TableScroll } from '../../components/TableScroll'

// The network map as tables, for screen readers and for exact figures: the same nodes and links as the map,
// under the same focus and search filters.

function change(c: MapCommunity): string {
  if (c.isNew) return 'New'
  if (c.previousSize === null) return '—'
  const d = c.size - c.previousSize
  return d === 0 ? 'No change' : d > 0 ? `+${d}` : `${d}`
}

const ROLE = { core: 'Core', member: 'Member', bridge: 'Bridge' } as const

/** Tables of the communities, the links between them, and the people on the map. */
export function MapTables({ map, visible, matches }: { map: NetworkMap; visible: Set<string> | null; matches: Set<string> | null }) {
  const keep = (id: string) => (!visible || visible.has(id)) && (!matches || matches.has(id))
  const byId = new Map(map.communities.map((c) => [c.id, c]))
  const communities = map.communities.filter((c) => keep(c.id))
  const links = map.links.filter(
    (l) => (!visible || (visible.has(l.source) && visible.has(l.target))) && (!matches || matches.has(l.source) || matches.has(l.target)),
  )
  const people = map.people.filter((p) => keep(p.id))
  const name = (id: string) => {
    const c = byId.get(id)
    return c ? labelOf(c) : 'A small community (not shown)'
  }
  return (
    <div className="stack">
      <TableScroll>
        <table className="discovery-table">
          <caption>Communities on the map</caption>
          <thead>
            <tr>
              <th scope="col">Community</th>
              <th scope="col">People</th>
              <th scope="col">Since the run before</th>
              <th scope="col">Core</th>
              <th scope="col">Bridges</th>
            </tr>
          </thead>
          <tbody>
            {communities.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/insights/communities/${encodeURIComponent(c.id)}`}>{labelOf(c)}</Link>
                </th>
                <td>{c.size}</td>
                <td>{change(c)}</td>
                <td>{c.coreCount}</td>
                <td>{c.bridgeCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {communities.length === 0 && <p className="muted">No community matches.</p>}
      <TableScroll>
        <table>
          <caption>Links between communities</caption>
          <thead>
            <tr>
              <th scope="col">Between</th>
              <th scope="col">People carrying ties</th>
              <th scope="col">Bridge at risk</th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={`${l.source}~${l.target}`}>
                <th scope="row">
                  {name(l.source)} and {name(l.target)}
                </th>
                <td>{l.people ?? `Fewer than ${map.minAggregate}`}</td>
                <td>{l.fragile ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {links.length === 0 && <p className="muted">No links between the communities shown.</p>}
      {people.length > 0 && (
        <TableScroll>
          <table>
            <caption>You and your direct reports</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Community</th>
                <th scope="col">Role</th>
                <th scope="col">Position</th>
                <th scope="col">Ties into</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={p.self ? '/me/trajectory' : `/insights/people/${encodeURIComponent(p.id)}/trajectory`}>
                      {p.self ? `${p.name} (you)` : p.name}
                    </Link>
                  </th>
                  <td>{name(p.communityId)}</td>
                  <td>{ROLE[p.role]}</td>
                  <td>{positionWords(p.position)}</td>
                  <td>{p.ties.filter((t) => t.communityId !== p.communityId).length} other communities</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  )
}
