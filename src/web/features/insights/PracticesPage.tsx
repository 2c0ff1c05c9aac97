import { Link } from 'react-router-dom'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { InsightsNav } from './InsightsNav'
import { countText, usePractices } from './manage-api'
import './insights.css'
import { TableScroll } from '../../components/TableScroll'

/** The practices the viewer may read, with how far each has spread across the discovered communities. */
export function PracticesPage() {
  const practices = usePractices()
  const data = practices.data
  return (
    <Page
      title="Practice spread"
      lead={<p>How practices that work spread across the communities of practice, and where they could go next.</p>}
    >
      <div className="stack">
        <InsightsNav />
        <ErrorAlert error={practices.error} />
        {practices.isPending && <Loading />}
        {data && !data.run && <p>No discovery has run yet.</p>}
        {data?.run && data.practices.length === 0 && <p>No practice has been shared yet.</p>}
        {data?.run && data.practices.length > 0 && (
          <TableScroll>
            <table>
              <caption>Practices</caption>
              <thead>
                <tr>
                  <th scope="col">Practice</th>
                  <th scope="col">Shared in</th>
                  <th scope="col">Adopters</th>
                  <th scope="col">Communities reached</th>
                </tr>
              </thead>
              <tbody>
                {data.practices.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/insights/practices/${p.id}`}>{p.title}</Link>
                    </th>
                    <td>{p.community.name}</td>
                    <td>{countText(p.adopters, data.minAggregate)}</td>
                    <td>{p.communities}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </Page>
  )
}
