import { Link, useParams } from 'react-router-dom'
import type { LearnedFromEntry } from '../../../shared/knowledge'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate, useLearnedFrom } from '../../lib/knowledge'
import { usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import { ThankPerson } from './ThankPerson'
import '../admin/admin.css'
import './knowledge.css'

function Entry({ entry, direction }: { entry: LearnedFromEntry; direction: 'from' | 'by' }) {
  const who = entry.person ? <Link to={`/people/${entry.person.id}`}>{entry.person.name}</Link> : <span>someone</span>
  const verb = direction === 'from' ? 'Learned from' : entry.kind === 'learned' ? 'Taught' : 'Thanked by'
  return (
    <li className="learned-from-entry">
      <p>
        {verb} {who}
        {entry.post && (
          <>
            {' '}
            through <Link to={`/posts/${entry.post.id}`}>{entry.post.title}</Link>
          </>
        )}{' '}
        <span className="muted">· {formatDate(entry.at)}</span>
      </p>
      {entry.note && <p className="learned-from-note prewrap">“{entry.note}”</p>}
    </li>
  )
}

/**
 * /people/:id/learned-from: what a person learned and from whom, and whom they helped. Informal learning, made
 * visible. ("Learning" names the learning catalogue.)
 */
export function LearnedFromPage() {
  const { id = '' } = useParams()
  const viewer = useViewer()
  const person = usePerson(id)
  const learnedFrom = useLearnedFrom(id)
  if (person.isPending || learnedFrom.isPending) return <Loading />
  if (person.isError || learnedFrom.isError) {
    return (
      <Page title="Person not found">
        <ErrorAlert error={person.error ?? learnedFrom.error} />
      </Page>
    )
  }
  const p = person.data
  const l = learnedFrom.data
  const counts: [string, number][] = [
    ['Thanks received', l.counts.thanksReceived],
    ['People who learned from them', l.counts.learnedFromThem],
    ['Answers', l.counts.answers],
    ['Accepted answers', l.counts.accepted],
  ]
  return (
    <Page
      title={`Who ${p.name} learned from and helped`}
      lead={
        <p className="lead">
          <Link to={`/people/${p.id}`}>Back to {p.name}’s page</Link>
        </p>
      }
    >
      <dl className="counts">
        {counts.map(([label, n]) => (
          <div key={label} className="count">
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {p.id !== viewer.id && <ThankPerson personId={p.id} name={p.name} />}
      <div className="columns">
        <section className="card" aria-labelledby="helped-heading">
          <h2 id="helped-heading">Whom {p.name} helped</h2>
          {l.helped.length === 0 ? (
            <p className="muted">No thanks yet.</p>
          ) : (
            <ul className="learned-from-list">
              {l.helped.map((e, i) => (
                <Entry key={`${e.at}-${i}`} entry={e} direction="by" />
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="learned-heading">
          <h2 id="learned-heading">What {p.name} learned</h2>
          {l.learned.length === 0 ? (
            <p className="muted">Nothing recorded yet.</p>
          ) : (
            <ul className="learned-from-list">
              {l.learned.map((e, i) => (
                <Entry key={`${e.at}-${i}`} entry={e} direction="from" />
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  )
}
