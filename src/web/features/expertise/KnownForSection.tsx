import { useEffect, useState } from 'react'
import { Link, useLocation } from 'react-router-dom'
import type { KnownTopic } from '../../../shared/asks'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { useKnownFor, useSetHiddenTopics } from '../../lib/asks'
import './expertise.css'

function Topic({ topic, onHide, busy }: { topic: KnownTopic; onHide?: () => void; busy: boolean }) {
  return (
    <li className="known-topic">
      <div className="known-topic-head">
        <h3>{topic.tag}</h3>
        <span className="muted">
          {topic.answers} {topic.answers === 1 ? 'answer' : 'answers'}
          {topic.accepted > 0 ? `, ${topic.accepted} accepted` : ''}
        </span>
        {onHide && (
          <button type="button" className="button button-small" disabled={busy} onClick={onHide}>
            Hide<span className="visually-hidden"> {topic.tag}</span>
          </button>
        )}
      </div>
      {topic.evidence.length > 0 && (
        <ul className="known-evidence" aria-label={`Answers about ${topic.tag}`}>
          {topic.evidence.map((e) => (
            <li key={e.answerId}>
              <Link to={`/posts/${e.questionId}#post-${e.answerId}`}>{e.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/**
 * "What I'm known for": the topics the routing model thinks a person knows, each with the answers behind it
 * (only those the viewer may read). On one's own profile each topic can be hidden: hidden topics are never
 * used to route questions, and others do not see them.
 */
export function KnownForSection({ personId, name, self }: { personId: string; name: string; self: boolean }) {
  const known = useKnownFor(personId)
  const setHidden = useSetHiddenTopics(personId)
  const [message, setMessage] = useState('')
  const topics = known.data?.topics ?? []
  const hiddenTags = topics.filter((t) => t.hidden).map((t) => t.tag)
  const visible = topics.filter((t) => !t.hidden && !hiddenTags.includes(t.tag))
  const { hash } = useLocation()
  const loaded = known.isSuccess
  useEffect(() => {
    // Arriving from "What I'm known for" on My profile.
    if (loaded && hash === '#known-for') document.getElementById('known-for')?.scrollIntoView()
  }, [loaded, hash])

  function change(tag: string, hide: boolean) {
    const next = hide ? [...hiddenTags, tag] : hiddenTags.filter((t) => t !== tag)
    setHidden.mutate(next, {
      onSuccess: () =>
        setMessage(
          hide ? `“${tag}” is hidden: it is not used to route questions to you, and others no longer see it.` : `“${tag}” is shown again.`,
        ),
    })
  }

  return (
    <section className="card known-for" id="known-for" aria-labelledby="known-for-heading">
      <h2 id="known-for-heading">{self ? 'What I’m known for' : `What ${name} is known for`}</h2>
      <p className="hint">
        {self
          ? 'Topics Wellspring thinks you know, from the questions you answered. Questions on them may be offered to you. Hide any you no longer want to be asked about.'
          : `From the questions ${name} answered.`}
      </p>
      {known.isPending && <Loading />}
      <ErrorAlert error={known.error ?? setHidden.error} />
      {known.isSuccess && visible.length === 0 && (
        <p className="muted">{self ? 'Nothing yet: answer a few questions and it will show here.' : 'Nothing to show yet.'}</p>
      )}
      {visible.length > 0 && (
        <ul className="known-topics" aria-label="Topics">
          {visible.map((t) => (
            <Topic key={t.tag} topic={t} busy={setHidden.isPending} onHide={self ? () => change(t.tag, true) : undefined} />
          ))}
        </ul>
      )}
      {self && hiddenTags.length > 0 && (
        <div className="known-hidden">
          <h3 id="hidden-topics-heading">Hidden topics</h3>
          <p className="hint">Only you see these. No questions about them are routed to you.</p>
          <ul aria-labelledby="hidden-topics-heading">
            {hiddenTags.map((tag) => (
              <li key={tag}>
                {tag}{' '}
                <button type="button" className="button button-small" disabled={setHidden.isPending} onClick={() => change(tag, false)}>
                  Show again<span className="visually-hidden"> {tag}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {self && <StatusMessage>{message}</StatusMessage>}
    </section>
  )
}
