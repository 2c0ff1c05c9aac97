import { lazy, Suspense } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { PracticeSpread } from '../../../shared/insights-manage'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate, labelOf } from './insights-api'
import { InsightsNav } from './InsightsNav'
import { countText, share, usePracticeSpread } from './manage-api'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

// recharts is loaded with this page only.
const AdoptionCurve = lazy(() => import('./SpreadCharts').then((m) => ({ default: m.AdoptionCurve })))
const SpreadMap = lazy(() => import('./SpreadCharts').then((m) => ({ default: m.SpreadMap })))

function CurveTable({ spread }: { spread: PracticeSpread }) {
  return (
    <TableScroll>
      <table>
        <caption>Adoption by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Communities with an adopter</th>
            <th scope="col">Adopters</th>
          </tr>
        </thead>
        <tbody>
          {spread.curve.map((p) => (
            <tr key={p.month}>
              <th scope="row">{p.month}</th>
              <td>{p.communities}</td>
              <td>{countText(p.adopters, spread.minAggregate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function CommunityTable({ spread }: { spread: PracticeSpread }) {
  return (
    <TableScroll>
      <table>
        <caption>Communities and the practice</caption>
        <thead>
          <tr>
            <th scope="col">Community</th>
            <th scope="col">People</th>
            <th scope="col">Adopted</th>
            <th scope="col">Adopters</th>
            <th scope="col">First adopted</th>
          </tr>
        </thead>
        <tbody>
          {spread.communities.map((c) => (
            <tr key={c.community.id}>
              <th scope="row">
                <Link to={`/insights/communities/${encodeURIComponent(c.community.id)}`}>{labelOf(c.community)}</Link>
              </th>
              <td>{c.community.size}</td>
              <td>{c.adopted ? 'Yes' : 'Not yet'}</td>
              <td>{c.adopted ? countText(c.adopters, spread.minAggregate) : '0'}</td>
              <td>{c.firstAdoptedAt ? formatDate(c.firstAdoptedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function NextList({ spread }: { spread: PracticeSpread }) {
  return (
    <section className="card stack" aria-labelledby="next-heading">
      <h2 id="next-heading">Most likely to benefit next</h2>
      {spread.next.length === 0 ? (
        <p>No community close enough in topics or ties.</p>
      ) : (
        <ol>
          {spread.next.map((n) => (
            <li key={n.community.id}>
              <Link to={`/insights/communities/${encodeURIComponent(n.community.id)}`}>{labelOf(n.community)}</Link> ({n.community.size}{' '}
              people): expected reach {share(n.reach)} of its members
              {n.sharedTopics.length > 0 ? `, shares ${n.sharedTopics.join(', ')}` : ''}
              {n.tiesToAdopters > 0 ? `, ties to adopters ${n.tiesToAdopters.toFixed(2)} per member` : ''}.
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** One practice's spread across the discovered communities: a curve and a map, each with its table. */
export function PracticeSpreadPage() {
  const { id = '' } = useParams()
  const spread = usePracticeSpread(id)
  const data = spread.data
  return (
    <Page title={data ? `Spread: ${data.practice.title}` : 'Practice spread'}>
      <div className="stack">
        <InsightsNav />
        <ErrorAlert error={spread.error} />
        {spread.isPending && <Loading />}
        {data && (
          <>
            <p>
              Shared in <Link to={`/communities/${encodeURIComponent(data.practice.community.slug)}`}>{data.practice.community.name}</Link>:{' '}
              {countText(data.practice.adopters, data.minAggregate)} adopters in {data.practice.communities} communities. Counts of fewer
              than {data.minAggregate} people are not shown{data.withheld > 0 ? `, nor ${data.withheld} smaller communities` : ''}.
            </p>
            <section className="card stack" aria-labelledby="curve-heading">
              <h2 id="curve-heading">Adoption over time</h2>
              <Suspense fallback={<Loading label="Loading the chart…" />}>
                <AdoptionCurve spread={data} />
              </Suspense>
              <CurveTable spread={data} />
            </section>
            <section className="card stack" aria-labelledby="map-heading">
              <h2 id="map-heading">Across communities</h2>
              <Suspense fallback={<Loading label="Loading the map…" />}>
                <SpreadMap spread={data} />
              </Suspense>
              <CommunityTable spread={data} />
            </section>
            <NextList spread={data} />
          </>
        )}
      </div>
    </Page>
  )
}
