import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { DiscoveredCommunity, DiscoveredPosition, DiscoveryReport } from '../../../shared/insights'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { EmptyNext } from '../../components/EmptyNext'
import { Counts } from '../../components/Counts'
import { Page } from '../../components/Page'
import { Tabs } from '../../components/Tabs'
import { useViewer } from '../../lib/session'
import { DeclaredOverlap, departmentsText, SuggestedActions } from './CommunityFacts'
import { formatDate, labelOf, useDiscoveryReport } from './insights-api'
import { InsightsNav } from './InsightsNav'
import { ResolutionCandidates } from './ResolutionCandidates'
import { RunDiscovery } from './RunDiscovery'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

function CommunityCard({ community }: { community: DiscoveredCommunity }) {
  const headingId = `dc-${community.id}`
  return (
    <li className="card stack discovered-card">
      <h3 id={headingId}>
        <Link to={`/insights/communities/${encodeURIComponent(community.id)}`}>{labelOf(community)}</Link>
      </h3>
      <p>
        {community.size} people · {community.coreCount} core · {community.bridgeCount} bridges · {community.departmentCount} department
        {community.departmentCount === 1 ? '' : 's'}
      </p>
      <p>
        <strong>Departments: </strong>
        {departmentsText(community)}
      </p>
      <div>
        <strong>Declared communities: </strong>
        <DeclaredOverlap community={community} />
      </div>
      <div>
        <strong>Suggested actions: </strong>
        <SuggestedActions community={community} />
      </div>
    </li>
  )
}

/** The same data as the cards, as one table: for screen readers and for comparing communities. */
function CommunityTable({ communities }: { communities: DiscoveredCommunity[] }) {
  return (
    <TableScroll>
      <table className="discovery-table">
        <caption>Discovered communities of practice</caption>
        <thead>
          <tr>
            <th scope="col">Community</th>
            <th scope="col">People</th>
            <th scope="col">Core</th>
            <th scope="col">Bridges</th>
            <th scope="col">Departments</th>
            <th scope="col">Declared communities</th>
            <th scope="col">Suggested actions</th>
          </tr>
        </thead>
        <tbody>
          {communities.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/insights/communities/${encodeURIComponent(c.id)}`}>{labelOf(c)}</Link>
              </th>
              <td>{c.size}</td>
              <td>{c.coreCount}</td>
              <td>{c.bridgeCount}</td>
              <td>{departmentsText(c)}</td>
              <td>
                <DeclaredOverlap community={c} />
              </td>
              <td>
                <SuggestedActions community={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

const ROLE: Record<DiscoveredPosition['role'], string> = { core: 'Core', member: 'Member', bridge: 'Bridge' }

/**
 * The viewer's own position and their direct reports': the one place individual signals are shown, to the
 * person and to their own manager (DESIGN.md).
 */
function Positions({ report }: { report: DiscoveryReport }) {
  if (report.reports.length === 0 && !report.mine) return null
  const byId = new Map(report.communities.map((c) => [c.id, c]))
  const mine = report.mine ? byId.get(report.mine.communityId) : undefined
  return (
    <section className="card stack" aria-labelledby="team-heading">
      <h2 id="team-heading">You and your team</h2>
      {report.mine && (
        <p>
          You: {ROLE[report.mine.role].toLowerCase()} in{' '}
          {mine ? (
            <Link to={`/insights/communities/${encodeURIComponent(mine.id)}`}>{labelOf(mine)}</Link>
          ) : (
            'a small community (not shown)'
          )}
          .
        </p>
      )}
      {report.reports.length > 0 && (
        <TableScroll>
          <table>
            <caption className="visually-hidden">Where your direct reports take part</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Community</th>
                <th scope="col">Position</th>
                <th scope="col">Trajectory</th>
              </tr>
            </thead>
            <tbody>
              {report.reports.map((p) => {
                const c = byId.get(p.communityId)
                return (
                  <tr key={p.personId}>
                    <th scope="row">
                      <Link to={`/people/${encodeURIComponent(p.personId)}`}>{p.name}</Link>
                    </th>
                    <td>
                      {c ? (
                        <Link to={`/insights/communities/${encodeURIComponent(c.id)}`}>{labelOf(c)}</Link>
                      ) : (
                        'A small community (not shown)'
                      )}
                    </td>
                    <td>{ROLE[p.role]}</td>
                    <td>
                      <Link to={`/insights/people/${encodeURIComponent(p.personId)}/trajectory`} aria-label={`Trajectory of ${p.name}`}>
                        Trajectory
                      </Link>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}

function ReportView({ report }: { report: DiscoveryReport }) {
  const [tab, setTab] = useState('cards')
  if (!report.run) return <p>No discovery has run yet.</p>
  const { run, communities } = report
  return (
    <section className="stack" aria-labelledby="found-heading">
      <h2 id="found-heading">Communities found</h2>
      <p className="muted">
        Run of {formatDate(run.finishedAt)} over the last {run.windowDays} days; modularity {run.modularity.toFixed(2)}. Communities of
        fewer than {report.minAggregate} people are not shown.
      </p>
      <p className="muted" data-testid="discovery-resolution">
        {run.resolutionMode === 'auto'
          ? `Resolution chosen automatically: ${run.resolution} (stability ${(run.stability ?? 0).toFixed(2)}).`
          : `Resolution fixed by an admin: ${run.resolution}.`}
      </p>
      <ResolutionCandidates run={run} />
      <Counts
        items={[
          ['People counted', run.people],
          ['Communities', communities.length],
          ['Too small to show', report.withheld],
          ['Declared, no activity', report.dormant.length],
        ]}
      />
      {communities.length === 0 ? (
        <EmptyNext>
          No community is large enough to show: each needs at least the minimum number of people, so no one can be singled out. Activity
          grows them; <Link to="/communities">start or join communities</Link> and ask and answer there, then run discovery again.
        </EmptyNext>
      ) : (
        <Tabs
          label="Views of the discovered communities"
          selected={tab}
          onSelect={setTab}
          tabs={[
            {
              id: 'cards',
              label: 'Cards',
              panel: (
                <ul className="discovered-list">
                  {communities.map((c) => (
                    <CommunityCard key={c.id} community={c} />
                  ))}
                </ul>
              ),
            },
            { id: 'table', label: 'Table', panel: <CommunityTable communities={communities} /> },
          ]}
        />
      )}
      {report.dormant.length > 0 && (
        <section className="card stack" aria-labelledby="dormant-heading">
          <h3 id="dormant-heading">Declared communities that show no life</h3>
          <ul className="inline-list">
            {report.dormant.map((d) => (
              <li key={d.id}>
                <Link to={`/communities/${encodeURIComponent(d.slug)}`}>{d.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Positions report={report} />
    </section>
  )
}

/** Insights for managers and admins: the communities of practice discovered from the interaction log. */
export function InsightsPage() {
  const viewer = useViewer()
  const report = useDiscoveryReport()
  return (
    <Page
      title="Insights"
      lead={<p>The communities of practice people actually form, found from who helps whom. Only aggregates are shown.</p>}
    >
      <div className="stack">
        <InsightsNav />
        {viewer.isAdmin && <RunDiscovery />}
        <ErrorAlert error={report.error} />
        {report.isPending && <Loading />}
        {report.data && <ReportView report={report.data} />}
      </div>
    </Page>
  )
}
