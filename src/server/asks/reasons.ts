// Why someone was offered a question, as the viewer may see it: the asker's confirmation and the offer card
// both show the answers and topics behind the choice, never a generic sentence.
import type { EvidenceItem } from '../../shared/asks.js'
import { readableCommunityIds } from '../communities/lookup.js'
import { findPostsByIds } from '../knowledge/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import type { Evidence } from './expertise/types.js'

/**
 * The evidence stored with offers, as items the viewer may see: each answer with its question's title and
 * links, topics with the person's answer count. Answers in communities the viewer cannot read are not named,
 * only counted (`post: null`), so the reason stays true without leaking what they say.
 */
export async function evidenceItemsFor(db: Db, viewerId: string, lists: readonly Evidence[][]): Promise<EvidenceItem[][]> {
  const ids = lists.flatMap((l) => l.filter((e) => e.kind === 'answer').map((e) => Number(e.questionId)))
  const readable = new Set(await readableCommunityIds(db, viewerId))
  const posts = new Map(
    (await findPostsByIds(db, ids)).filter((p) => p.status === 'active' && readable.has(p.community_id)).map((p) => [p.id, p]),
  )
  return lists.map((evidence) => {
    let unseen = 0
    const items = evidence.flatMap((e): EvidenceItem[] => {
      if (e.kind === 'topic') return [{ kind: 'topic', post: null, tag: e.tag, answers: e.answers }]
      const p = posts.get(Number(e.questionId))
      if (!p) {
        unseen++
        return []
      }
      const answerId = Number(e.answerId)
      return [
        {
          kind: 'answer',
          post: { id: p.id, title: p.title, accepted: e.accepted, answerId: Number.isSafeInteger(answerId) ? answerId : null },
          tag: null,
          answers: 1,
        },
      ]
    })
    if (unseen > 0) items.push({ kind: 'answer', post: null, tag: null, answers: unseen })
    return items
  })
}

/** The evidence an offer row stored. */
export function storedEvidence(json: string): Evidence[] {
  return JSON.parse(json) as Evidence[]
}
