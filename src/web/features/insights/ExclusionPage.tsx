import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { ExclusionReport } from '../../../shared/insights-manage'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate } from './insights-api'
import { InsightsNav } from './InsightsNav'
import { countText, useExclusion } from './manage-api'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

function Figures({ report }: { report: ExclusionReport }) {
  const n = (x: number | null) => countText(x, report.minAggregate)
  return (
    <TableScroll>
      <table>
        <caption>Signs of exclusion{report.department ? ` in ${report.department}` : ''}</caption>
        <tbody>
          <tr>
            <th scope="row">People with no tie into any community</th>
            <td>
              {n(report.unconnected)} of {n(report.people)}
            </td>
          </tr>
          <tr>
            <th scope="row">Newcomers (started {report.newcomerWeeks}+ weeks ago, within 26 weeks)</th>
            <td>{n(report.newcomers)}</td>
          </tr>
          <tr>
            <th scope="row">… of them still unconnected after {report.newcomerWeeks} weeks</th>
            <td>{n(report.newcomersUnconnected)}</td>
          </tr>
          <tr>
            <th scope="row">Newcomers whose questions went unanswered</th>
            <td>{n(report.unansweredFromNewcomers)}</td>
          </tr>
        </tbody>
      </table>
    </TableScroll>
  )
}

function Details({ report }: { report: ExclusionReport }) {
  return (
    <>
      {report.unconnectedByDepartment.length > 0 && (
        <section className="card stack" aria-labelledby="by-dept-heading">
          <h2 id="by-dept-heading">Unconnected people by department</h2>
          <ul>
            {report.unconnectedByDepartment.map((d) => (
              <li key={d.name}>
                {d.name}: {d.count}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card stack" aria-labelledby="unanswered-heading">
        <h2 id="unanswered-heading">Questions nobody answered (a week or more)</h2>
        {report.unanswered.length === 0 ? (
          <p>None to show.</p>
        ) : (
          <ul>
            {report.unanswered.map((u) => (
              <li key={u.community.id}>
                <Link to={`/communities/${encodeURIComponent(u.community.slug)}`}>{u.community.name}</Link>: {u.questions} questions from{' '}
                {u.askers} people, the oldest {u.oldestDays} days old
              </li>
            ))}
          </ul>
        )}
        {report.unansweredWithheld > 0 && (
          <p className="muted">
            {report.unansweredWithheld} more {report.unansweredWithheld === 1 ? 'community has' : 'communities have'} unanswered questions
            from fewer than {report.minAggregate} people (not shown).
          </p>
        )}
      </section>
      <section className="card stack" aria-labelledby="closed-heading">
        <h2 id="closed-heading">Communities where no newcomer became a member in six months</h2>
        {report.closedToNewcomers.length === 0 ? (
          <p>None to show.</p>
        ) : (
          <ul>
            {report.closedToNewcomers.map((c) => (
              <li key={c.community.id}>
                <Link to={`/communities/${encodeURIComponent(c.community.slug)}`}>{c.community.name}</Link>: {c.newcomers} newcomers, none
                moved on
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

/** Your own reports with no ties: the one place names appear, as a suggested action for their manager. */
function MyReports({ report }: { report: ExclusionReport }) {
  if (report.reports.length === 0) return null
  return (
    <section className="card stack" aria-labelledby="my-reports-heading">
      <h2 id="my-reports-heading">Your reports with no ties yet</h2>
      <ul>
        {report.reports.map((p) => (
          <li key={p.personId}>
            <Link to={`/people/${encodeURIComponent(p.personId)}`}>{p.name}</Link>
            {p.newcomer ? ` (newcomer, ${p.weeks ?? '?'} weeks)` : ''}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/insights/team">Suggested introductions for them</Link>
      </p>
    </section>
  )
}

/** Who is left out (principle 6): aggregates of at least the minimum, with filters. */
export function ExclusionPage() {
  const [department, setDepartment] = useState('')
  const [weeks, setWeeks] = useState(8)
  const report = useExclusion(department, weeks)
  const data = report.data
  return (
    <Page
      title="Who is left out"
      lead={<p>Signs of exclusion: isolated people, newcomers still outside, unanswered questions, closed communities.</p>}
    >
      <div className="stack">
        <InsightsNav />
        <form className="manage-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            Department
            <select value={department} onChange={(e) => setDepartment(e.target.value)}>
              <option value="">Everyone</option>
              {data?.departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            Newcomer still unconnected after (weeks)
            <input
              type="number"
              min={1}
              max={52}
              value={weeks}
              onChange={(e) => setWeeks(Math.min(52, Math.max(1, Number(e.target.value) || 1)))}
            />
          </label>
        </form>
        <ErrorAlert error={report.error} />
        {report.isPending && <Loading />}
        {data && !data.run && <p>No discovery has run yet.</p>}
        {data?.run && (
          <>
            <p className="muted">
              From the discovery run of {formatDate(data.run.finishedAt)}. Counts of fewer than {data.minAggregate} people are not shown.
              {data.me?.unconnected ? ' You have no ties into a community yet either.' : ''}
            </p>
            <Figures report={data} />
            <MyReports report={data} />
            <Details report={data} />
          </>
        )}
      </div>
    </Page>
  )
}
