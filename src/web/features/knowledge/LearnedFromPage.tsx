import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { LearnedFromEntry } from '../../../shared/knowledge'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Counts, type CountItem } from '../../components/Counts'
import { Page } from '../../components/Page'
import { formatDate, useLearnedFrom } from '../../lib/knowledge'
import { usePerson } from '../../lib/people'
import { useViewer } from '../../lib/session'
import { ThankPerson } from './ThankPerson'
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

interface EntryListProps {
  id: string
  title: string
  empty: ReactNode
  entries: LearnedFromEntry[]
  direction: 'from' | 'by'
}

function EntryList({ id, title, empty, entries, direction }: EntryListProps) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {entries.length === 0 ? (
        <p className="muted empty-next">{empty}</p>
      ) : (
        <ul className="learned-from-list">
          {entries.map((e, i) => (
            <Entry key={`${e.at}-${i}`} entry={e} direction={direction} />
          ))}
        </ul>
      )}
    </section>
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
  const counts: CountItem[] = [
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
      <Counts items={counts} />
      {p.id !== viewer.id && <ThankPerson personId={p.id} name={p.name} />}
      <div className="columns">
        <EntryList
          id="helped-heading"
          title={`Whom ${p.name} helped`}
          empty={
            p.id === viewer.id ? (
              <>
                No thanks yet. Answer a question <Link to="/for-you">waiting for you</Link>, or share a practice in{' '}
                <Link to="/communities">a community</Link>.
              </>
            ) : (
              'No thanks yet.'
            )
          }
          entries={l.helped}
          direction="by"
        />
        <EntryList
          id="learned-heading"
          title={`What ${p.name} learned`}
          empty={
            p.id === viewer.id ? (
              <>
                Nothing recorded yet. When a post helps you, say “I learned this” under it; <Link to="/search">search</Link> for what you
                need to know.
              </>
            ) : (
              'Nothing recorded yet.'
            )
          }
          entries={l.learned}
          direction="from"
        />
      </div>
    </Page>
  )
}
