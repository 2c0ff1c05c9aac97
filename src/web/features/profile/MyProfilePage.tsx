import { useEffect } from 'react'
import { Link, useLocation } from 'react-router-dom'
import type { Person } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import { RoutingCard } from '../expertise/RoutingCard'
import { PhotoEditor } from './PhotoEditor'
import { PrivacySection } from './PrivacySection'
import { ProfileForm } from './ProfileForm'
import './profile.css'

/** Details that come from HR: shown here, changed by an admin. */
function HrDetails({ person }: { person: Person }) {
  const rows: [string, string][] = [
    ['Email', person.email],
    ['Title', person.title],
    ['Department', person.department],
    ['Location', person.location],
    ['Start date', person.startDate ?? ''],
  ]
  return (
    <section className="card" aria-labelledby="hr-heading">
      <h2 id="hr-heading">Work details</h2>
      <p className="hint">These come from HR. Ask an administrator to change them.</p>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || <span className="muted">Not set</span>}</dd>
          </div>
        ))}
        <div>
          <dt>Manager</dt>
          <dd>
            {person.manager ? <Link to={`/people/${person.manager.id}`}>{person.manager.name}</Link> : <span className="muted">None</span>}
          </dd>
        </div>
      </dl>
    </section>
  )
}

/** My profile: photo, what I write about myself, HR details, and my data rights. */
export function MyProfilePage() {
  const viewer = useViewer()
  const me = usePerson(viewer.id)
  const { hash } = useLocation()
  const loaded = me.isSuccess

  useEffect(() => {
    // Arriving from the home page's prompt: bring the three questions into view.
    if (loaded && hash === '#questions') document.getElementById('questions')?.focus()
  }, [loaded, hash])

  return (
    <Page
      title="My profile"
      lead={
        <p className="lead">
          <Link to={`/people/${viewer.id}`}>See my profile as others see it</Link> ·{' '}
          <Link to="/me/trajectory">My trajectory in communities</Link>
        </p>
      }
    >
      {me.isPending && <Loading />}
      <ErrorAlert error={me.error} />
      {me.data && (
        <div className="profile-layout">
          <div className="stack">
            <PhotoEditor person={me.data} />
            <ProfileForm key={me.data.id} person={me.data} />
          </div>
          <div className="stack">
            <HrDetails person={me.data} />
            <RoutingCard personId={me.data.id} />
            <PrivacySection />
          </div>
        </div>
      )}
    </Page>
  )
}
