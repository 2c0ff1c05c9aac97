import { Link } from 'react-router-dom'
import { Trajectories } from '../communities/TrajectoryTimeline'
import { ThankPerson } from './ThankPerson'

/** On a person's page: thank them, their learned-from page, and their trajectory in each community. */
export function PersonKnowledge({ personId, name, self }: { personId: string; name: string; self: boolean }) {
  return (
    <div className="stack person-knowledge">
      <section className="card" aria-labelledby="learned-from-heading">
        <h2 id="learned-from-heading">Learned from</h2>
        <p>
          <Link to={`/people/${personId}/learned-from`}>
            {self ? 'What I learned, and whom I helped' : `What ${name} learned, and whom they helped`}
          </Link>
        </p>
        {!self && <ThankPerson personId={personId} name={name} />}
      </section>
      <Trajectories personId={personId} name={name} />
    </div>
  )
}
