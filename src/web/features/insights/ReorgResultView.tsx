import type { ReorgResult } from '../../../shared/insights-manage'
import { labelOf } from './insights-api'
import { countText, share } from './manage-api'
import { TableScroll } from '../../components/TableScroll'

/** The network before and after, side by side. */
function Shape({ result }: { result: ReorgResult }) {
  const rows: [string, number, number][] = [
    ['People', result.before.people, result.after.people],
    ['Ties', result.before.ties, result.after.ties],
    ['Connected groups', result.before.components, result.after.components],
    ['Largest group', result.before.largestComponent, result.after.largestComponent],
  ]
  return (
    <TableScroll>
      <table>
        <caption>The network before and after</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, before, after]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{before}</td>
              <td>{after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

/** "1 person", "3 people". */
const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** What the simulated change would break: communities, topics and links between communities. */
export function ReorgResultView({ result }: { result: ReorgResult }) {
  const losing = result.communities.filter((c) => c.losesCore).length
  const lastAnswerersGone = result.topics.filter((t) => t.answerersAfter === 0).length
  return (
    <section className="stack" aria-labelledby="reorg-result-heading">
      <h2 id="reorg-result-heading">Before and after</h2>
      <p>
        {counted(result.chosen, 'person', 'people')} {result.mode === 'leave' ? 'leaving' : 'moving'}:{' '}
        {losing === 1 ? '1 community loses its core' : `${losing} communities lose their core`},{' '}
        {lastAnswerersGone === 1 ? '1 topic loses its last answerers' : `${lastAnswerersGone} topics lose their last answerers`},{' '}
        {result.bridges.length === 1 ? '1 link between communities breaks' : `${result.bridges.length} links between communities break`}.
        They hold {share(result.brokerageShare)} of the network&apos;s brokerage; {countText(result.cutOff, result.minAggregate)} others
        lose every path to the largest group.
      </p>
      <Shape result={result} />
      <TableScroll>
        <table>
          <caption>Communities affected</caption>
          <thead>
            <tr>
              <th scope="col">Community</th>
              <th scope="col">Core lost</th>
              <th scope="col">Members lost</th>
              <th scope="col">Ties kept</th>
              <th scope="col">Loses its core</th>
            </tr>
          </thead>
          <tbody>
            {result.communities.map((c) => (
              <tr key={c.community.id}>
                <th scope="row">{labelOf(c.community)}</th>
                <td>
                  {c.coreLost} of {c.coreCount}
                </td>
                <td>
                  {c.membersLost} of {c.community.size}
                </td>
                <td>{share(c.tiesKept)}</td>
                <td>{c.losesCore ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {result.communities.length === 0 && <p>No community shown here is affected.</p>}
      {result.withheld > 0 && (
        <p className="muted">
          {result.withheld === 1 ? '1 community' : `${result.withheld} communities`} smaller than {result.minAggregate} people{' '}
          {result.withheld === 1 ? 'is' : 'are'} not shown.
        </p>
      )}
      <TableScroll>
        <table>
          <caption>Topics that lose their answerers</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Answerers before</th>
              <th scope="col">Answerers after</th>
            </tr>
          </thead>
          <tbody>
            {result.topics.map((t) => (
              <tr key={t.topic}>
                <th scope="row">{t.topic}</th>
                <td>{t.answerersBefore}</td>
                <td>{t.answerersAfter === 0 ? 'None left' : t.answerersAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {result.topics.length === 0 && <p>No topic loses half its answerers or more.</p>}
      <TableScroll>
        <table>
          <caption>Links between communities that break</caption>
          <thead>
            <tr>
              <th scope="col">Between</th>
              <th scope="col">And</th>
              <th scope="col">Tie weight before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {result.bridges.map((b) => (
              <tr key={`${b.a.id}-${b.b.id}`}>
                <th scope="row">{labelOf(b.a)}</th>
                <td>{labelOf(b.b)}</td>
                <td>{b.before.toFixed(1)}</td>
                <td>{b.after.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {result.bridges.length === 0 && <p>No link between communities loses half its weight.</p>}
    </section>
  )
}
