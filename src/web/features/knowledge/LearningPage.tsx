import { Link, useParams } from 'react-router-dom'
import type { LearningEntry } from '../../../shared/knowledge'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate, useLearning } from '../../lib/knowledge'
import { usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import { ThankPerson } from './ThankPerson'
import '../admin/admin.css'
import './knowledge.css'

function Entry({ entry, direction }: { entry: LearningEntry; direction: 'from' | 'by' }) {
  const who = entry.person ? <Link to={`/people/${entry.person.id}`}>{entry.person.name}</Link> : <span>someone</span>
  const verb = direction === 'from' ? 'Learned from' : entry.kind === 'learned' ? 'Taught' : 'Thanked by'
  return (
    <li className="learning-entry">
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
      {entry.note && <p className="learning-note prewrap">“{entry.note}”</p>}
    </li>
  )
}

/** /people/:id/learning: what a person learned and from whom, and whom they helped. Informal learning, made visible. */
export function LearningPage() {
  const { id = '' } = useParams()
  const viewer = useViewer()
  const person = usePerson(id)
  const learning = useLearning(id)
  if (person.isPending || learning.isPending) return <Loading />
  if (person.isError || learning.isError) {
    return (
      <Page title="Person not found">
        <ErrorAlert error={person.error ?? learning.error} />
      </Page>
    )
  }
  const p = person.data
  const l = learning.data
  const counts: [string, number][] = [
    ['Thanks received', l.counts.thanksReceived],
    ['People who learned from them', l.counts.learnedFromThem],
    ['Answers', l.counts.answers],
    ['Accepted answers', l.counts.accepted],
  ]
  return (
    <Page
      title={`Learning with ${p.name}`}
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
            <ul className="learning-list">
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
            <ul className="learning-list">
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
