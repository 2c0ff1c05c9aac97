import { Link } from 'react-router-dom'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import './home.css'

/** Home: a greeting, the prompt to answer the three questions, and the ways in. */
export function HomePage() {
  const viewer = useViewer()
  const me = usePerson(viewer.id)
  const firstName = viewer.name.split(/\s+/)[0] ?? viewer.name
  const unanswered = me.data && !me.data.whoAmI.trim() && !me.data.wantToBecome.trim() && !me.data.communitiesWanted.trim()

  return (
    <Page
      title={`Welcome, ${firstName}`}
      lead={
        <p className="lead">Wellspring is where our communities of practice live: the people who know, and the people who want to learn.</p>
      }
    >
      {me.isPending && <Loading />}
      <ErrorAlert error={me.error} />
      {unanswered && (
        <section className="card card-highlight" aria-labelledby="questions-heading">
          <h2 id="questions-heading">Start with three questions</h2>
          <p>
            Everyone is a lifelong learner. Tell colleagues who you are, who you want to become, and which communities you want to join, so
            the right people can find you.
          </p>
          <Link className="button button-primary" to="/me#questions">
            Answer the three questions
          </Link>
        </section>
      )}
      <section aria-labelledby="explore-heading">
        <h2 id="explore-heading">Find your way around</h2>
        <ul className="tiles">
          <li className="tile">
            <h3>
              <Link to="/directory">Directory</Link>
            </h3>
            <p>Search everyone by name, role, department or place.</p>
          </li>
          <li className="tile">
            <h3>
              <Link to="/org">Org chart</Link>
            </h3>
            <p>See who works with whom, from the top of the organisation down.</p>
          </li>
          <li className="tile">
            <h3>
              <Link to="/me">My profile</Link>
            </h3>
            <p>Your photo, your answers, the skills you offer and the ones you want to learn.</p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="soon-home-heading" className="card card-quiet">
        <h2 id="soon-home-heading">Coming soon</h2>
        <p>
          Communities, Ask, Connections, Orientation and Insights are being built. They are listed in the menu so you know what is on the
          way; they are not available yet.
        </p>
      </section>
    </Page>
  )
}
