import { findMentions } from '../../src/server/knowledge/markdown.js'
import type { Book } from './book.js'
import type { DemoInteraction, DemoPost } from './knowledge-types.js'
import { handleOf } from './texts.js'

/**
 * The interaction log the product would have written for everything in the book (DESIGN.md): answers and
 * comments as help to the parent's author, acceptances, thanks and "learned", adoptions and mentions, with
 * the thread's question tags as topics; then the chat. Anonymous authors are never named, and nobody
 * interacts with themselves. Sorted by time.
 */
export function deriveLog(book: Book, emails: readonly string[]): DemoInteraction[] {
  const byHandle = new Map(emails.map((e) => [handleOf(e).toLowerCase(), e]))
  const posts = book.posts
  const rootOf = (p: DemoPost) => (p.root === null ? p : (posts[p.root] as DemoPost))
  const out: DemoInteraction[] = []
  const add = (i: Omit<DemoInteraction, 'source'>) => {
    if (i.actor !== i.target) out.push({ ...i, source: 'wellspring' })
  }
  for (const p of posts) {
    const topics = rootOf(p).tags
    if (p.parent !== null) {
      const parent = posts[p.parent] as DemoPost
      if (!parent.anonymous)
        add({
          actor: p.author,
          target: parent.author,
          kind: p.kind === 'answer' ? 'answer' : 'comment',
          space: p.space,
          topics,
          weight: p.kind === 'answer' ? 1 : 0.3,
          at: p.createdAt,
          post: p.n,
        })
    }
    if (p.kind === 'question' && p.accepted !== null && p.acceptedAt !== null) {
      const answer = posts[p.accepted] as DemoPost
      add({ actor: p.author, target: answer.author, kind: 'accept', space: p.space, topics, weight: 2, at: p.acceptedAt, post: answer.n })
    }
    if (!p.anonymous) {
      for (const handle of findMentions(p.body)) {
        const target = byHandle.get(handle)
        if (target) add({ actor: p.author, target, kind: 'mention', space: p.space, topics, weight: 0.5, at: p.createdAt, post: p.n })
      }
    }
  }
  for (const t of book.thanks) {
    if (t.receiver === null) continue
    const topics = t.post === null ? [] : rootOf(posts[t.post] as DemoPost).tags
    add({
      actor: t.giver,
      target: t.receiver,
      kind: t.kind,
      space: t.space,
      topics,
      weight: t.kind === 'learned' ? 2 : 1,
      at: t.at,
      post: t.post,
    })
  }
  for (const a of book.adoptions) {
    const practice = posts[a.post] as DemoPost
    if (practice.anonymous) continue
    add({
      actor: a.person ?? a.by,
      target: practice.author,
      kind: 'adopt',
      space: a.space ?? practice.space,
      topics: practice.tags,
      weight: 2,
      at: a.at,
      post: practice.n,
    })
  }
  out.push(...book.chat)
  return out.sort((a, b) => a.at.localeCompare(b.at))
}
