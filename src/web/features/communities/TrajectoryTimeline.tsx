import { Link } from 'react-router-dom'
import type { CommunityRole, Trajectory } from '../../../shared/communities'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { ROLE_LABELS, useTrajectories } from '../../lib/communities'
import { formatDate } from '../../lib/knowledge'
import './communities.css'

const REASONS: Record<string, string> = {
  join: 'joined',
  approved: 'joined after a steward approved',
  rule: 'by taking part (promotion rules)',
  manual: 'set by a steward',
  leave: 'left',
  created: 'started the community',
  import: 'imported',
}

type Event = Trajectory['events'][number]

/** One step as a sentence: "Newcomer → Member, by taking part". */
function describe(e: Event): string {
  const role = (r: CommunityRole | null) => (r ? ROLE_LABELS[r] : '')
  const why = REASONS[e.reason] ?? e.reason
  if (e.toRole === null) return `Left (was ${role(e.fromRole).toLowerCase()})`
  if (e.fromRole === null) return `${role(e.toRole)}: ${why}`
  return `${role(e.fromRole)} → ${role(e.toRole)}, ${why}`
}

/** A trajectory drawn as a line of dated steps, each marked with the role it reached. */
function Timeline({ trajectory }: { trajectory: Trajectory }) {
  return (
    <div className="trajectory">
      <h3>
        <Link to={`/communities/${trajectory.community.slug}`}>{trajectory.community.name}</Link>{' '}
        <span className="muted">{trajectory.role ? `now ${ROLE_LABELS[trajectory.role].toLowerCase()}` : 'no longer a member'}</span>
      </h3>
      <ol className="timeline" aria-label={`Trajectory in ${trajectory.community.name}`}>
        {trajectory.events.map((e, i) => (
          <li key={`${e.at}-${i}`} className={`timeline-step role-${e.toRole ?? 'left'}`}>
            <span className="timeline-dot" aria-hidden="true" />
            <time dateTime={e.at}>{formatDate(e.at)}</time>
            <span>{describe(e)}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** A person's path in each community: newcomer → member → core → steward, with the date of every step. */
export function Trajectories({ personId, name }: { personId: string; name: string }) {
  const trajectories = useTrajectories(personId)
  return (
    <section className="card" aria-labelledby="trajectories-heading">
      <h2 id="trajectories-heading">Communities</h2>
      {trajectories.isPending && <Loading />}
      <ErrorAlert error={trajectories.error} />
      {trajectories.data &&
        (trajectories.data.items.length === 0 ? (
          <p className="muted">{name} has not joined a community you can see.</p>
        ) : (
          trajectories.data.items.map((t) => <Timeline key={t.community.slug} trajectory={t} />)
        ))}
    </section>
  )
}
