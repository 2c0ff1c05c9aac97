import { Link } from 'react-router-dom'
import type { EvidenceItem } from '../../../shared/asks'
import { queryString } from '../../lib/api'

/** Who the reason is about: the person offered the question reads "You", the asker reads their name. */
type Subject = { you: true } | { you: false; name: string }

type AnswerItem = Extract<EvidenceItem, { kind: 'answer' | 'topic' }>

function answerHref(post: NonNullable<AnswerItem['post']>): string {
  return post.answerId ? `/posts/${post.id}#post-${post.answerId}` : `/posts/${post.id}`
}

function topicLink(tag: string) {
  return <Link to={`/search${queryString({ q: tag, tag })}`}>{tag}</Link>
}

function times(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** Thanks and "learned from" received on a topic, as one sentence. */
function ThanksLine({ item, subject }: { item: Extract<EvidenceItem, { kind: 'thanks' }>; subject: Subject }) {
  const parts = [
    item.thanks > 0 ? `thanked ${times(item.thanks, 'time', 'times')}` : null,
    item.learned > 0 ? `told ${times(item.learned, 'time', 'times')} that someone learned from ${subject.you ? 'you' : 'them'}` : null,
  ].filter((p) => p !== null)
  return (
    <li>
      {subject.you ? 'You were' : `${subject.name} was`} {parts.join(' and ')} on {topicLink(item.tag)}
    </li>
  )
}

/**
 * One line of evidence: an answer (with links to the question and the answer), a topic, unseen answers,
 * thanks received on a topic, or a practice written on it.
 */
function ReasonLine({ item, subject }: { item: EvidenceItem; subject: Subject }) {
  const who = subject.you ? 'You' : subject.name
  if (item.kind === 'thanks') return <ThanksLine item={item} subject={subject} />
  if (item.kind === 'practice') {
    return (
      <li>
        {who} wrote the practice <Link to={`/posts/${item.practice.id}`}>{item.practice.title}</Link> on {topicLink(item.tag)}
      </li>
    )
  }
  if (item.kind === 'answer' && item.post) {
    return (
      <li>
        {who} answered <Link to={`/posts/${item.post.id}`}>{item.post.title}</Link> (
        <Link to={answerHref(item.post)}>{subject.you ? 'your answer' : 'the answer'}</Link>
        {item.post.accepted ? ', accepted' : ''})
      </li>
    )
  }
  if (item.kind === 'answer') {
    const n = item.answers
    return (
      <li>
        {who} answered {n} similar {n === 1 ? 'question' : 'questions'} in {n === 1 ? 'a community' : 'communities'} you cannot see
      </li>
    )
  }
  if (item.tag) {
    return (
      <li>
        {who} {subject.you ? 'have' : 'has'} answered {item.answers} {item.answers === 1 ? 'question' : 'questions'} about{' '}
        {topicLink(item.tag)}
      </li>
    )
  }
  return null
}

/** The actual reasons someone was offered a question, or "new to this topic" when there are none. */
export function Reasons({ why, subject, labelledBy }: { why: EvidenceItem[]; subject: Subject; labelledBy?: string }) {
  if (why.length === 0) {
    return (
      <p className="why-new">
        <strong>New to this topic.</strong> {subject.you ? 'You have' : `${subject.name} has`} no answers on it yet: this is an explore
        question, offered so that new people can start answering.
      </p>
    )
  }
  return (
    <ul aria-labelledby={labelledBy}>
      {why.map((w, i) => (
        <ReasonLine key={i} item={w} subject={subject} />
      ))}
    </ul>
  )
}
