import { Link, useParams } from 'react-router-dom'
import type { PersonTrajectory } from '../../../shared/insights-map'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { ApiError } from '../../lib/api'
import { NotFoundPage } from '../home/NotFoundPage'
import { formatDate } from './insights-api'
import { positionWords, useTrajectory } from './insights-map-api'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

// Trajectories: a person's position in each community over the discovery runs, from the edge to the core,
// against the community's typical path. Shown to the person (My trajectory) and to their own manager.

const percent = (x: number) => `${Math.round(x * 100)}%`

function CommunityPath({ community, own }: { community: PersonTrajectory['communities'][number]; own: boolean }) {
  const title = community.topics
    ? community.topics.length > 0
      ? community.topics.slice(0, 3).join(' · ')
      : 'A community with no shared topic yet'
    : 'A small community'
  const headingId = `trajectory-${community.id}`
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {community.topics === null && <p className="muted">Too small to describe; its typical path is not shown.</p>}
      {community.stuckAtEdge && (
        <p className="trajectory-notice">
          {own ? 'You have' : 'They have'} been at the edge of this community for the last few runs, while members at that stage are
          typically further in.{' '}
          {own
            ? 'A steward or a core member can help you take part more: ask for an introduction.'
            : 'An introduction to its core could help.'}
        </p>
      )}
      <TableScroll>
        <table>
          <caption className="visually-hidden">Position in the community in each run, against its typical path</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Runs in it</th>
              <th scope="col">Position (edge 0%, core 100%)</th>
              <th scope="col">Typical at this stage</th>
            </tr>
          </thead>
          <tbody>
            {community.points.map((p) => {
              const typical = community.typical.find((t) => t.tenure === p.tenure)
              return (
                <tr key={p.runId}>
                  <th scope="row">{formatDate(p.at)}</th>
                  <td>{p.tenure}</td>
                  <td>
                    <meter min={0} max={1} value={p.position} aria-label={`Position ${percent(p.position)}`} /> {percent(p.position)},{' '}
                    {positionWords(p.position)}
                  </td>
                  <td>{typical ? `${percent(typical.median)} (${typical.people} people)` : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}

function TrajectoryView({ trajectory, own }: { trajectory: PersonTrajectory; own: boolean }) {
  if (trajectory.optedOut)
    return (
      <p>{own ? 'You have opted out of people analytics, so nothing is computed about you.' : 'Nothing is computed about this person.'}</p>
    )
  if (trajectory.communities.length === 0)
    return (
      <p>{own ? 'No discovery run has placed you in a community yet.' : 'No discovery run has placed this person in a community yet.'}</p>
    )
  return (
    <div className="stack">
      {trajectory.communities.map((c) => (
        <CommunityPath key={c.id} community={c} own={own} />
      ))}
    </div>
  )
}

/** My trajectory: my own position in each community over time (every member; only I see it, and my manager). */
export function MyTrajectoryPage() {
  const trajectory = useTrajectory(undefined)
  return (
    <Page
      title="My trajectory"
      lead={
        <p>
          Where you stand in the communities you take part in, from the edge to the core, run after run. Only you and your manager see this.
        </p>
      }
    >
      <div className="stack">
        <ErrorAlert error={trajectory.error} />
        {trajectory.isPending && <Loading />}
        {trajectory.data && <TrajectoryView trajectory={trajectory.data} own />}
      </div>
    </Page>
  )
}

/** A direct report's trajectory, for their manager; anyone else gets the not-found page. */
export function PersonTrajectoryPage() {
  const { id = '' } = useParams()
  const trajectory = useTrajectory(id)
  if (trajectory.error instanceof ApiError && trajectory.error.status === 404) return <NotFoundPage />
  return (
    <Page title={trajectory.data ? `Trajectory of ${trajectory.data.person.name}` : 'Trajectory'}>
      <div className="stack">
        <p>
          <Link to="/insights">Back to Insights</Link>
        </p>
        <ErrorAlert error={trajectory.error} />
        {trajectory.isPending && <Loading />}
        {trajectory.data && <TrajectoryView trajectory={trajectory.data} own={false} />}
      </div>
    </Page>
  )
}
