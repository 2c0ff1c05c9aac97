import { Link } from 'react-router-dom'
import { Trajectories } from '../communities/TrajectoryTimeline'
import { ThankPerson } from './ThankPerson'

/** On a person's page: thank them, their learning page, and their trajectory in each community. */
export function PersonKnowledge({ personId, name, self }: { personId: string; name: string; self: boolean }) {
  return (
    <div className="stack person-knowledge">
      <section className="card" aria-labelledby="learning-heading">
        <h2 id="learning-heading">Learning</h2>
        <p>
          <Link to={`/people/${personId}/learning`}>
            {self ? 'What I learned, and whom I helped' : `What ${name} learned, and whom they helped`}
          </Link>
        </p>
        {!self && <ThankPerson personId={personId} name={name} />}
      </section>
      <Trajectories personId={personId} name={name} />
    </div>
  )
}
