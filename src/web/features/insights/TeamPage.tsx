import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { ManageView } from '../../../shared/insights-manage'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate, labelOf } from './insights-api'
import { InsightsNav } from './InsightsNav'
import { useIntroduce, useManageView } from './manage-api'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

const ROLE = { core: 'Core', member: 'Member', bridge: 'Bridge' } as const

function Team({ view }: { view: ManageView }) {
  if (view.reports.length === 0) return <p>You have no direct reports that insights may count.</p>
  return (
    <TableScroll>
      <table>
        <caption>Your team&apos;s ties into communities of practice</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Community</th>
            <th scope="col">Position</th>
          </tr>
        </thead>
        <tbody>
          {view.reports.map((r) => (
            <tr key={r.personId}>
              <th scope="row">
                <Link to={`/people/${encodeURIComponent(r.personId)}`}>{r.name}</Link>
              </th>
              <td>
                {!r.connected ? (
                  'No ties yet'
                ) : r.community ? (
                  <Link to={`/insights/communities/${encodeURIComponent(r.community.id)}`}>{labelOf(r.community)}</Link>
                ) : (
                  'A small community (not shown)'
                )}
              </td>
              <td className="word">{r.role ? ROLE[r.role] : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function Suggestions({ view }: { view: ManageView }) {
  const introduce = useIntroduce()
  const [made, setMade] = useState<Record<string, string>>({})
  if (view.suggestions.length === 0) return <p>No introductions to suggest: everyone on your team has ties, or no community fits yet.</p>
  return (
    <>
      <ul className="suggestion-list">
        {view.suggestions.map((s) => {
          const key = `${s.report.id}:${s.partner.id}`
          return (
            <li key={key} className="card stack">
              <p>
                <strong>{s.report.name}</strong> ↔ <strong>{s.partner.name}</strong>, at the core of{' '}
                <Link to={`/communities/${encodeURIComponent(s.home.slug)}`}>{s.home.name}</Link>
              </p>
              <p className="muted">{s.reason}</p>
              {made[key] ? (
                <p>
                  Introduced: both will find it in Connections.{' '}
                  <Link to={`/connections/programmes/${encodeURIComponent(made[key])}`}>Your introductions programme</Link>
                </p>
              ) : (
                <div>
                  <button
                    type="button"
                    className="button"
                    disabled={introduce.isPending}
                    onClick={() =>
                      introduce.mutate(
                        { reportId: s.report.id, partnerId: s.partner.id },
                        { onSuccess: (r) => setMade((m) => ({ ...m, [key]: r.programmeId })) },
                      )
                    }
                  >
                    Introduce {s.report.name} to {s.partner.name}
                  </button>
                </div>
              )}
            </li>
          )
        })}
      </ul>
      <ErrorAlert error={introduce.error} title="The introduction was not made." />
      <StatusMessage>{Object.keys(made).length > 0 ? 'Introduction made: both will hear of it in Connections.' : undefined}</StatusMessage>
    </>
  )
}

/** A manager's view: their team's ties into communities and suggested introductions, one click each. */
export function TeamPage() {
  const view = useManageView()
  const data = view.data
  return (
    <Page title="My team" lead={<p>Where your reports take part, and introductions for those who are not connected yet.</p>}>
      <div className="stack">
        <InsightsNav />
        <ErrorAlert error={view.error} />
        {view.isPending && <Loading />}
        {data && !data.run && <p>No discovery has run yet.</p>}
        {data?.run && (
          <>
            <p className="muted">From the discovery run of {formatDate(data.run.finishedAt)}.</p>
            <Team view={data} />
            <section className="stack" aria-labelledby="suggest-heading">
              <h2 id="suggest-heading">Suggested introductions</h2>
              <Suggestions view={data} />
            </section>
          </>
        )}
      </div>
    </Page>
  )
}
