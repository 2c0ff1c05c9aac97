import { Link, useParams } from 'react-router-dom'
import type { DiscoveredCommunity } from '../../../shared/insights'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Counts } from '../../components/Counts'
import { Page } from '../../components/Page'
import { ApiError } from '../../lib/api'
import { NotFoundPage } from '../home/NotFoundPage'
import { DeclaredOverlap, departmentsText, SuggestedActions } from './CommunityFacts'
import { CommunityTrajectorySection } from './CommunityTrajectorySection'
import { formatDate, labelOf, useDiscoveredCommunity } from './insights-api'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

function CommunityDetail({ community }: { community: DiscoveredCommunity }) {
  return (
    <Page title={labelOf(community)} lead={<p className="muted">Discovered community, first seen {formatDate(community.firstSeen)}.</p>}>
      <div className="stack">
        <p>
          <Link to="/insights">Back to Insights</Link>
        </p>
        <Counts
          items={[
            ['People', community.size],
            ['Core', community.coreCount],
            ['Bridges', community.bridgeCount],
            ['Departments', community.departmentCount],
          ]}
        />
        <section className="card stack" aria-labelledby="topics-heading">
          <h2 id="topics-heading">Topics</h2>
          {community.topics.length > 0 ? (
            <ul className="inline-list">
              {community.topics.map((t) => (
                <li key={t} className="badge">
                  {t}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No distinctive topics.</p>
          )}
        </section>
        <section className="card stack" aria-labelledby="org-heading">
          <h2 id="org-heading">Against the org chart and declared communities</h2>
          <p>
            <strong>Departments: </strong>
            {departmentsText(community)}
          </p>
          <div>
            <strong>Declared communities it overlaps: </strong>
            <DeclaredOverlap community={community} />
          </div>
        </section>
        <section className="card stack" aria-labelledby="actions-heading">
          <h2 id="actions-heading">Suggested actions</h2>
          <SuggestedActions community={community} />
        </section>
        <section className="card stack" aria-labelledby="trend-heading">
          <h2 id="trend-heading">Size over time</h2>
          <TableScroll>
            <table>
              <caption className="visually-hidden">Size of the community in each discovery run</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">People</th>
                </tr>
              </thead>
              <tbody>
                {community.history.map((h) => (
                  <tr key={h.at}>
                    <th scope="row">{formatDate(h.at)}</th>
                    <td>{h.size}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
        <CommunityTrajectorySection id={community.id} />
      </div>
    </Page>
  )
}

/** A page per discovered community of the latest run (managers and admins; aggregates only). */
export function DiscoveredCommunityPage() {
  const { id = '' } = useParams()
  const community = useDiscoveredCommunity(id)
  if (community.error instanceof ApiError && community.error.status === 404) return <NotFoundPage />
  if (community.data) return <CommunityDetail community={community.data} />
  return (
    <Page title="Discovered community">
      <ErrorAlert error={community.error} />
      {community.isPending && <Loading />}
    </Page>
  )
}
