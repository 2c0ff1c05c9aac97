import { Link } from 'react-router-dom'
import { useAvailability } from '../../lib/asks'
import { describeAvailability } from './AvailabilityPage'

/** On "My profile": how questions reach me, with the ways to change it. */
export function RoutingCard({ personId }: { personId: string }) {
  const availability = useAvailability()
  return (
    <section className="card" aria-labelledby="routing-card-heading">
      <h2 id="routing-card-heading">Questions for you</h2>
      <p>{availability.data ? describeAvailability(availability.data) : 'Questions you are likely to answer well are offered to you.'}</p>
      <ul className="routing-links">
        <li>
          <Link to="/for-you">Questions waiting for you</Link>
        </li>
        <li>
          <Link to="/settings/availability">Set your availability</Link>
        </li>
        <li>
          <Link to={`/people/${personId}#known-for`}>What I’m known for</Link>
        </li>
      </ul>
    </section>
  )
}
