import type { CommunityHome } from '../../shared/knowledge.js'
import { memberIdsWithRole, membersByRole } from '../communities/lookup.js'
import { loadReadableCommunity } from '../communities/service.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { findFeed, findWaitingQuestions } from './store.js'
import { toSummaries } from './views.js'

/**
 * A community's home: what is new, questions waiting for an answer (newcomers' first), stories, practices,
 * lessons and members by role. Posts are summaries, as in the feed; their threads have the full posts.
 */
export async function getCommunityHome(db: Db, viewer: Viewer, slug: string): Promise<CommunityHome> {
  const { row } = await loadReadableCommunity(db, viewer, slug)
  const newcomers = await memberIdsWithRole(db, row.id, 'newcomer')
  const [recent, waiting, stories, practices, lessons, members] = await Promise.all([
    findFeed(db, row.id, { limit: 10 }),
    findWaitingQuestions(db, row.id, newcomers, 20),
    findFeed(db, row.id, { kind: 'story', limit: 6 }),
    findFeed(db, row.id, { kind: 'practice', limit: 6 }),
    findFeed(db, row.id, { kind: 'lesson', limit: 6 }),
    membersByRole(db, row.id),
  ])
  const ref = { id: row.id, slug: row.slug, name: row.name, visibility: row.visibility }
  // One batch of author and reaction lookups for every list (a post may be in several).
  const all = [...new Map([...recent, ...waiting, ...stories, ...practices, ...lessons].map((r) => [r.id, r])).values()]
  const byId = new Map((await toSummaries(db, all, new Map([[row.id, ref]]))).map((p) => [p.id, p]))
  const pick = (rows: { id: number }[]) => rows.map((r) => byId.get(r.id)).filter((p) => p !== undefined)
  const grouped: CommunityHome['members'] = { steward: [], core: [], member: [], newcomer: [] }
  for (const m of members) grouped[m.role].push(m.person)
  return {
    whatsNew: pick(recent),
    waiting: waiting.flatMap((w) => {
      const p = byId.get(w.id)
      return p ? [{ ...p, askedByNewcomer: w.by_newcomer === 1 }] : []
    }),
    stories: pick(stories),
    practices: pick(practices),
    lessons: pick(lessons),
    members: grouped,
  }
}
