import { Link } from 'react-router-dom'
import type { PersonSummary } from '../../../shared/schemas'
import { Avatar } from '../../components/Avatar'

/** One person in the directory grid; the whole card is one link to their page. */
export function PersonCard({ person }: { person: PersonSummary }) {
  return (
    <li className="person-card">
      <Avatar person={person} />
      <div className="person-card-text">
        <Link to={`/people/${person.id}`} className="person-card-name">
          {person.name}
        </Link>
        {person.title && <span>{person.title}</span>}
        {(person.department || person.location) && (
          <span className="muted">{[person.department, person.location].filter(Boolean).join(' · ')}</span>
        )}
      </div>
    </li>
  )
}
