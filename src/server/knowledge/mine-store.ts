import type { ThreadMine } from '../../shared/knowledge.js'
import type { Db } from '../platform/db/dialect.js'

// What each person did in a thread (thanks, "I learned", votes), for Thread.mine.

const emptyMine = (): ThreadMine => ({ thanks: [], learned: [], votes: [] })

/**
 * The thanks, "I learned" and votes given to these posts, by person: every giver and voter, or only `personId`
 * when given. Two queries, whatever the number of posts; each list is in ascending post id.
 */
export async function findMineInPosts(db: Db, postIds: number[], personId?: string): Promise<Map<string, ThreadMine>> {
  const out = new Map<string, ThreadMine>()
  if (postIds.length === 0) return out
  let thanks = db.selectFrom('thanks').select(['giver_id', 'kind', 'post_id']).where('post_id', 'in', postIds)
  let votes = db.selectFrom('post_vote').select(['person_id', 'post_id', 'value']).where('post_id', 'in', postIds)
  if (personId !== undefined) {
    thanks = thanks.where('giver_id', '=', personId)
    votes = votes.where('person_id', '=', personId)
  }
  const [thankRows, voteRows] = await Promise.all([thanks.orderBy('post_id').execute(), votes.orderBy('post_id').execute()])
  const of = (person: string) => {
    let mine = out.get(person)
    if (!mine) out.set(person, (mine = emptyMine()))
    return mine
  }
  for (const t of thankRows) {
    // A thanks names a giver; an erased person's are gone with them.
    if (t.giver_id === null || t.post_id === null) continue
    of(t.giver_id)[t.kind === 'learned' ? 'learned' : 'thanks'].push(Number(t.post_id))
  }
  for (const v of voteRows) of(v.person_id).votes.push({ postId: Number(v.post_id), value: Number(v.value) })
  return out
}

/** A viewer's part of a thread, from findMineInPosts' map (empty lists when they did nothing there). */
export function mineOf(all: ReadonlyMap<string, ThreadMine>, personId: string | null): ThreadMine {
  return (personId !== null && all.get(personId)) || emptyMine()
}
