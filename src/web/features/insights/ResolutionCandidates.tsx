import type { DiscoveryReport } from '../../../shared/insights'
import { TableScroll } from '../../components/TableScroll'

type Run = NonNullable<DiscoveryReport['run']>

/**
 * The resolutions an automatic run tried, each with its stability across seeds, the number of communities and
 * the modularity of its best partition, the chosen one marked. Folded away by default: it explains the choice
 * to whoever asks, and the one-line summary above it is what most readers need.
 */
export function ResolutionCandidates({ run }: { run: Run }) {
  if (run.resolutionMode !== 'auto' || run.resolutionTrials.length === 0) return null
  return (
    <details className="resolution-candidates" data-testid="resolution-candidates">
      <summary>How the resolution was chosen ({run.resolutionTrials.length} candidates)</summary>
      <p className="muted">
        Each candidate was run with several seeds. Stability is how much their partitions agree (1 means identical). The most stable
        candidate wins; when several are within a hair of it, the one closest to 1 does.
      </p>
      <TableScroll>
        <table>
          <caption className="visually-hidden">Candidate resolutions of this run</caption>
          <thead>
            <tr>
              <th scope="col">Resolution</th>
              <th scope="col">Stability</th>
              <th scope="col">Communities</th>
              <th scope="col">Modularity</th>
            </tr>
          </thead>
          <tbody>
            {run.resolutionTrials.map((c) => {
              const chosen = c.resolution === run.resolution
              return (
                <tr key={c.resolution} className={chosen ? 'chosen-row' : undefined}>
                  <th scope="row">
                    {c.resolution}
                    {chosen && (
                      <>
                        {' '}
                        <span className="badge">chosen</span>
                      </>
                    )}
                  </th>
                  <td>{c.stability.toFixed(3)}</td>
                  <td>{c.communities}</td>
                  <td>{c.quality.toFixed(3)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableScroll>
    </details>
  )
}
