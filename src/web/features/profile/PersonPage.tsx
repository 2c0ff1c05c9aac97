import { Link, useParams } from 'react-router-dom'
import type { Person } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Avatar } from '../../components/Avatar'
import { Page } from '../../components/Page'
import { TagList } from '../../components/TagInput'
import { describeRole, usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import { KnownForSection } from '../expertise/KnownForSection'
import { PersonKnowledge } from '../knowledge/PersonKnowledge'
import { HrDetailsForm } from './HrDetailsForm'
import './profile.css'

function Answer({ question, answer }: { question: string; answer: string }) {
  return (
    <div className="answer">
      <h3>{question}</h3>
      {answer.trim() ? <p className="prewrap">{answer}</p> : <p className="muted">Not answered yet.</p>}
    </div>
  )
}

function PersonHeader({ person }: { person: Person }) {
  return (
    <div className="person-header">
      <Avatar person={person} size="large" />
      <div>
        <p className="person-role">{describeRole(person) || <span className="muted">No role details yet</span>}</p>
        <p>
          <a href={`mailto:${person.email}`}>{person.email}</a>
        </p>
        {person.manager && (
          <p>
            Reports to <Link to={`/people/${person.manager.id}`}>{person.manager.name}</Link>
          </p>
        )}
        {person.reportCount > 0 && (
          <p>
            {person.reportCount} direct {person.reportCount === 1 ? 'report' : 'reports'}
          </p>
        )}
        {person.startDate && <p className="muted">Started {person.startDate}</p>}
        <p>
          <Link to={`/org?focus=${encodeURIComponent(person.id)}`}>Show in the org chart</Link>
        </p>
      </div>
    </div>
  )
}

/** A person's page: who they are, where they sit, their three answers and their skills. */
export function PersonPage() {
  const { id = '' } = useParams()
  const viewer = useViewer()
  const person = usePerson(id)

  if (person.isPending) return <Loading />
  if (person.isError) {
    return (
      <Page title="Person not found">
        <ErrorAlert error={person.error} />
        <p>
          <Link to="/directory">Search the directory</Link>
        </p>
      </Page>
    )
  }
  const p = person.data
  const self = p.id === viewer.id
  return (
    <Page
      title={p.name}
      lead={
        self ? (
          <p className="lead">
            <Link to="/me">Edit my profile</Link>
          </p>
        ) : undefined
      }
    >
      <PersonHeader person={p} />
      {p.bio && <p className="bio prewrap">{p.bio}</p>}
      <div className="columns">
        <section className="card" aria-labelledby="answers-heading">
          <h2 id="answers-heading">In their own words</h2>
          <Answer question="Who am I?" answer={p.whoAmI} />
          <Answer question="Who do I want to become?" answer={p.wantToBecome} />
          <Answer question="Which communities do I want to join?" answer={p.communitiesWanted} />
          <TagList tags={p.aspirationTags} label="Community interests" empty="" />
        </section>
        <section className="card" aria-labelledby="skills-heading">
          <h2 id="skills-heading">Skills</h2>
          <h3>Offers</h3>
          <TagList tags={p.skillsOffered} label="Skills offered" />
          <h3>Wants to learn</h3>
          <TagList tags={p.skillsWanted} label="Skills wanted" />
        </section>
      </div>
      <KnownForSection personId={p.id} name={p.name} self={self} />
      <PersonKnowledge personId={p.id} name={p.name} self={self} />
      {viewer.isAdmin && <HrDetailsForm key={p.id} person={p} />}
    </Page>
  )
}
