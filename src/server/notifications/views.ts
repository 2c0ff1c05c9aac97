import type { Notification, NotificationKind } from '../../shared/notifications.js'
import { NOTIFICATION_KINDS } from '../../shared/notifications.js'
import { getCommunityRefs, readableCommunityIds } from '../communities/lookup.js'
import { findPostsByIds, renderedExcerpt } from '../knowledge/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import { connectionSentence } from './connections-listeners.js'
import type { NotificationRow } from './store.js'

const KIND_LABEL: Record<string, string> = {
  question: 'question',
  story: 'story',
  practice: 'practice',
  lesson: 'lesson',
  answer: 'answer',
  comment: 'comment',
}

export function isKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind)
}

/** A short plain-text excerpt of a Markdown body, made from what its readers see (rendered, tags dropped). */
export function excerptOf(markdown: string, max = 200): string {
  return renderedExcerpt(markdown, max)
}

/**
 * The sentence a notification reads as. Names are looked up when it is shown, so an erased person is never
 * named; `postKind` is the kind of the post it is about (for new posts).
 */
export function sentenceFor(
  row: Pick<NotificationRow, 'kind' | 'body' | 'title'>,
  actorName: string | null,
  communityName: string | null,
  postKind: string | undefined,
): string {
  const who = actorName ?? 'Someone'
  const where = communityName ?? 'a community'
  switch (row.kind as NotificationKind) {
    case 'reply':
      return `${who} commented on your post`
    case 'answer':
      return `${who} answered your question`
    case 'mention':
      return `${who} mentioned you`
    case 'accepted':
      return `${who} accepted your answer`
    case 'thanks':
      return `${who} thanked you`
    case 'learned':
      return `${who} says they learned from you`
    case 'join_request':
      return `${who} asks to join ${where}`
    case 'join_decided':
      return row.body === 'approved' ? `Your request to join ${where} was approved` : `Your request to join ${where} was declined`
    case 'routed':
      return `A question in ${where} may be for you`
    case 'escalated':
      return `A newcomer's question in ${where} is still unanswered`
    case 'session':
      return row.body === 'seat_given' ? `A seat freed up: you are now enrolled in ${row.title}` : `${row.title} was cancelled`
    case 'connection':
      return connectionSentence(row.body, row.title, actorName).text

    case 'assignment': {
      const due = row.body
        ? `, by ${new Date(row.body).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}`
        : ''
      return `${who} asked you to take ${row.title}${due}`
    }
    case 'new_post': {
      const label = KIND_LABEL[postKind ?? ''] ?? 'post'
      return actorName ? `${actorName} posted a new ${label} in ${where}` : `A new ${label} in ${where}`
    }
  }
}

/**
 * Notifications as the API shows them. Posts deleted since keep their notification (so counts agree) but
 * lose their title and excerpt: deleted content is not repeated here. Mail leaves them out (`dropDeleted`).
 */
export async function renderNotifications(
  db: Db,
  rows: NotificationRow[],
  options: { dropDeleted?: boolean } = {},
): Promise<Notification[]> {
  const people = await getPersonSummaries(
    db,
    rows.map((r) => r.actor_id),
  )
  const communities = await getCommunityRefs(
    db,
    rows.map((r) => r.community_id).filter((c): c is string => Boolean(c)),
  )
  // A secret community is named only to people who can read it: a thanks "in" a secret community, sent to someone
  // outside it, must not reveal that it exists (the post-less notifications pass the readable filter).
  const hidden = await secretCommunitiesHiddenFrom(db, rows, communities)
  const postIds = [...new Set(rows.map((r) => r.post_id).filter((p): p is number => p !== null))]
  const posts = new Map((await findPostsByIds(db, postIds)).map((p) => [p.id, p]))
  const isGone = (r: NotificationRow) => {
    const post = r.post_id !== null ? posts.get(r.post_id) : undefined
    return r.post_id !== null && (!post || post.status === 'deleted')
  }
  return rows
    .filter((r) => isKind(r.kind) && !(options.dropDeleted && isGone(r)))
    .map((r) => {
      const actor = r.actor_id ? (people.get(r.actor_id) ?? null) : null
      const community = r.community_id && !hidden.has(`${r.person_id}:${r.community_id}`) ? communities.get(r.community_id) : undefined
      const post = r.post_id !== null ? posts.get(r.post_id) : undefined
      const gone = isGone(r)
      return {
        id: r.id,
        kind: r.kind as NotificationKind,
        text: sentenceFor(r, actor?.name ?? null, community?.name ?? null, post?.kind),
        // A join request or decision is about the community the sentence names already, a connection notice
        // about the programme it names: no title to repeat.
        title: gone ? '(deleted)' : r.kind === 'join_request' || r.kind === 'join_decided' || r.kind === 'connection' ? '' : r.title,
        excerpt:
          r.kind === 'connection'
            ? connectionSentence(r.body, r.title, actor?.name ?? null).excerpt
            : gone || r.kind === 'join_decided' || r.kind === 'session' || r.kind === 'assignment'
              ? ''
              : r.body,
        link: r.link,
        actor,
        community: community ? { slug: community.slug, name: community.name } : null,
        postId: r.post_id,
        read: r.read_at !== null,
        createdAt: r.created_at,
      }
    })
}

/** `person:community` pairs of the rows whose community is secret and not readable by the row's person. */
async function secretCommunitiesHiddenFrom(
  db: Db,
  rows: NotificationRow[],
  communities: Awaited<ReturnType<typeof getCommunityRefs>>,
): Promise<Set<string>> {
  const hidden = new Set<string>()
  const secret = rows.filter((r) => r.community_id && communities.get(r.community_id)?.visibility === 'secret')
  const readable = new Map<string, Set<string>>()
  for (const r of secret) {
    let mine = readable.get(r.person_id)
    if (!mine) {
      mine = new Set(await readableCommunityIds(db, r.person_id))
      readable.set(r.person_id, mine)
    }
    if (!mine.has(r.community_id as string)) hidden.add(`${r.person_id}:${r.community_id}`)
  }
  return hidden
}
