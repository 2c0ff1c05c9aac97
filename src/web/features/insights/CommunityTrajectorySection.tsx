import { Link } from 'react-router-dom'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { useCommunityTrajectory } from './insights-map-api'
import { TableScroll } from '../../components/TableScroll'

const percent = (x: number) => `${Math.round(x * 100)}%`

/** A discovered community's typical path from edge to core, and who is stuck at its edge (aggregates; your reports by name). */
export function CommunityTrajectorySection({ id }: { id: string }) {
  const trajectory = useCommunityTrajectory(id)
  const t = trajectory.data
  return (
    <section className="card stack" aria-labelledby="path-heading">
      <h2 id="path-heading">Typical path from edge to core</h2>
      <ErrorAlert error={trajectory.error} />
      {trajectory.isPending && <Loading />}
      {t && (
        <>
          {t.typical.length === 0 ? (
            <p className="muted">Not enough runs yet: each step needs at least {t.minAggregate} people.</p>
          ) : (
            <TableScroll>
              <table>
                <caption className="visually-hidden">Median position of members by how many runs they have been in the community</caption>
                <thead>
                  <tr>
                    <th scope="col">Runs in the community</th>
                    <th scope="col">Median position (edge 0%, core 100%)</th>
                    <th scope="col">People</th>
                  </tr>
                </thead>
                <tbody>
                  {t.typical.map((s) => (
                    <tr key={s.tenure}>
                      <th scope="row">{s.tenure}</th>
                      <td>{percent(s.median)}</td>
                      <td>{s.people}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <p>
            <strong>Stuck at the edge: </strong>
            {t.stuckAtEdge === 0 ? 'nobody' : `${t.stuckAtEdge} ${t.stuckAtEdge === 1 ? 'person' : 'people'}`} (at the edge for their last
            three runs while members at that stage are typically further in).
          </p>
          {t.reportsStuck.length > 0 && (
            <div>
              <strong>Your reports among them (suggested: introduce them to the core): </strong>
              <ul className="inline-list">
                {t.reportsStuck.map((r) => (
                  <li key={r.id}>
                    <Link to={`/insights/people/${encodeURIComponent(r.id)}/trajectory`}>{r.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  )
}
