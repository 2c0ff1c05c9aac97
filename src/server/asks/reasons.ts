// Why someone was offered a question, as the viewer may see it: the asker's confirmation and the offer card
// both show the answers and topics behind the choice, never a generic sentence.
import type { EvidenceItem } from '../../shared/asks.js'
import { readableCommunityIds } from '../communities/lookup.js'
import { findPostsByIds, topicPractices, topicThanks } from '../knowledge/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import type { Evidence } from './expertise/types.js'

/** One offer's reason to show: the model's stored evidence, and whose it is on which topics. */
export interface OfferReason {
  personId: string
  evidence: Evidence[]
  /** The question's tags: thanks and practices on them are reasons too. */
  tags: readonly string[]
}

/** At most this many thanks lines and practices each, after the answers: the card stays short. */
const RECOGNITION_ITEMS = 2

/**
 * The evidence stored with offers, as items the viewer may see: each answer with its question's title and
 * links, topics with the person's answer count. Answers in communities the viewer cannot read are not named,
 * only counted (`post: null`), so the reason stays true without leaking what they say.
 */
export async function evidenceItemsFor(db: Db, viewerId: string, reasons: readonly OfferReason[]): Promise<EvidenceItem[][]> {
  const lists = reasons.map((r) => r.evidence)
  const ids = lists.flatMap((l) => l.filter((e) => e.kind === 'answer').map((e) => Number(e.questionId)))
  const readableIds = await readableCommunityIds(db, viewerId)
  const readable = new Set(readableIds)
  const recognition = await recognitionFor(db, reasons, readableIds)
  const posts = new Map(
    (await findPostsByIds(db, ids)).filter((p) => p.status === 'active' && readable.has(p.community_id)).map((p) => [p.id, p]),
  )
  return lists.map((evidence, i) => {
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
    return [...items, ...(recognition[i] ?? [])]
  })
}

/**
 * Each offer's thanks received and practices written on its question's tags, in communities the viewer can
 * read: the tags thanked most first, then the newest practices, one line per practice.
 */
async function recognitionFor(db: Db, reasons: readonly OfferReason[], readable: string[]): Promise<EvidenceItem[][]> {
  const people = [...new Set(reasons.map((r) => r.personId))]
  const tags = [...new Set(reasons.flatMap((r) => r.tags))]
  const [thanks, practices] = await Promise.all([topicThanks(db, people, tags, readable), topicPractices(db, people, tags, readable)])
  return reasons.map((r) => {
    const onTopic = new Set(r.tags)
    const byTag = new Map<string, { thanks: number; learned: number }>()
    for (const t of thanks) {
      if (t.person_id !== r.personId || !onTopic.has(t.tag)) continue
      const entry = byTag.get(t.tag) ?? { thanks: 0, learned: 0 }
      entry[t.kind] += t.n
      byTag.set(t.tag, entry)
    }
    const thanked = [...byTag]
      .sort(([ta, a], [tb, b]) => b.thanks + b.learned - (a.thanks + a.learned) || (ta < tb ? -1 : 1))
      .slice(0, RECOGNITION_ITEMS)
      .map(([tag, n]): EvidenceItem => ({ kind: 'thanks', tag, thanks: n.thanks, learned: n.learned }))
    const seen = new Set<number>()
    const written: EvidenceItem[] = []
    for (const p of practices) {
      if (p.person_id !== r.personId || !onTopic.has(p.tag) || seen.has(p.id) || written.length >= RECOGNITION_ITEMS) continue
      seen.add(p.id)
      written.push({ kind: 'practice', tag: p.tag, practice: { id: p.id, title: p.title } })
    }
    return [...thanked, ...written]
  })
}

/** The evidence an offer row stored. */
export function storedEvidence(json: string): Evidence[] {
  return JSON.parse(json) as Evidence[]
}
