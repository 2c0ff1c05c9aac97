import { lazy, Suspense } from 'react'
import { ErrorAlert, Loading } from '../../components/Alerts'
import type { Draft } from './simulation-draft'
import { useSimulationPaths } from './simulation-api'

const SimulationGraph = lazy(() => import('./SimulationGraph'))

/**
 * The paths learners took, for the author: drawn on the graph (edge width and label) and as a table, which is
 * also what a screen reader reads. Counts under the privacy minimum are withheld.
 */
export function SimulationPathsView({ id, draft }: { id: string; draft: Draft }) {
  const paths = useSimulationPaths(id)
  if (paths.isPending) return <Loading />
  if (!paths.data) return <ErrorAlert title="The paths could not be loaded." error={paths.error} />
  const counts = new Map(paths.data.choices.map((c) => [c.key, c.learners]))
  const title = (key: string) => draft.situations.find((s) => s.key === key)?.title ?? key
  const few = `fewer than ${paths.data.minAggregate}`
  return (
    <section className="card" aria-labelledby="sim-paths-heading">
      <h2 id="sim-paths-heading">Paths taken</h2>
      <p className="hint">
        {paths.data.learners === null ? `So far ${few} learners have played.` : `${paths.data.learners} learners have played.`} Each count
        is of distinct people; counts {few} are not shown, and people who opted out of analytics are not counted.
      </p>
      <Suspense fallback={<Loading label="Loading the graph…" />}>
        <div className="sim-paths-graph">
          <SimulationGraph draft={draft} paths={paths.data} readOnly />
        </div>
      </Suspense>
      <div className="table-scroll">
        <table className="sim-paths-table">
          <caption>Learners per choice</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Choice</th>
              <th scope="col">To</th>
              <th scope="col">Learners</th>
            </tr>
          </thead>
          <tbody>
            {draft.choices.map((c) => {
              const n = counts.get(c.key)
              return (
                <tr key={c.key}>
                  <td>{title(c.from)}</td>
                  <th scope="row">{c.label}</th>
                  <td>{title(c.to)}</td>
                  <td>{n === null || n === undefined ? few : n}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
