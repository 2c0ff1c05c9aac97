import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { Thread } from '../../../shared/knowledge'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { useCommunities } from '../../lib/communities'
import { adoptPractice, formatDate, useThreadMutation } from '../../lib/knowledge'

/** Who adopted a practice, and a form to adopt it yourself or for a community you steward. */
export function AdoptPractice({ thread }: { thread: Thread }) {
  const post = thread.post
  const mine = useCommunities({ mine: true })
  const stewarded = (mine.data?.items ?? []).filter((c) => c.myRole === 'steward')
  const [who, setWho] = useState('')
  const [note, setNote] = useState('')
  const [done, setDone] = useState('')
  const adopt = useThreadMutation(post.id, () => adoptPractice(post.id, note, who || undefined))
  function submit(event: FormEvent) {
    event.preventDefault()
    const name = stewarded.find((c) => c.slug === who)?.name
    adopt.mutate(undefined, {
      onSuccess: () => {
        setDone(name ? `${name} adopted this practice.` : 'You adopted this practice.')
        setNote('')
      },
    })
  }
  return (
    <section className="card" aria-labelledby="adoptions-heading">
      <h2 id="adoptions-heading">Adopted by</h2>
      {thread.adoptions.length === 0 ? (
        <p className="muted">No one has recorded adopting it yet.</p>
      ) : (
        <ul className="adoptions" aria-label="Adoptions">
          {thread.adoptions.map((a, i) => (
            <li key={`${a.at}-${i}`}>
              {a.community ? (
                <Link to={`/communities/${a.community.slug}`}>{a.community.name}</Link>
              ) : a.person ? (
                <Link to={`/people/${a.person.id}`}>{a.person.name}</Link>
              ) : (
                'Someone'
              )}{' '}
              <span className="muted">{formatDate(a.at)}</span>
              {a.note && <span className="adoption-note"> — {a.note}</span>}
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={submit} aria-label="Adopt this practice">
        <div className="grid-2">
          <div className="field">
            <label htmlFor="adopt-who">Adopt as</label>
            <select id="adopt-who" value={who} onChange={(e) => setWho(e.target.value)}>
              <option value="">Me</option>
              {stewarded.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name} (a community I steward)
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="adopt-note">How it went (optional)</label>
            <input id="adopt-note" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={adopt.isPending}>
            Record the adoption
          </button>
        </div>
        <ErrorAlert error={adopt.error} />
        <StatusMessage>{done}</StatusMessage>
      </form>
    </section>
  )
}
