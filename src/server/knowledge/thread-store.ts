import type { ThreadMine } from '../../shared/knowledge.js'
import type { Db } from '../platform/db/dialect.js'
import { prepareQuery } from '../platform/db/prepared.js'
import type { Tables } from '../platform/db/tables.js'

// What a thread shows besides its posts' rows, read by the thread's root in three prepared queries (built and
// compiled once): its thanks (the counts, and each giver's own part), votes (each voter's own) and media. A
// thread read was a dozen queries built per request; these replace five of them.

/** The ids of a thread's posts: its root and everything below it. */
const threadPostIds = (db: Db, rootId: number) =>
  db
    .selectFrom('post')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', rootId), eb('root_id', '=', rootId)]))

const selectThreadThanks = prepareQuery((db: Db, rootId: number) =>
  db.selectFrom('thanks').select(['giver_id', 'kind', 'post_id']).where('post_id', 'in', threadPostIds(db, rootId)).orderBy('post_id'),
)

const selectThreadVotes = prepareQuery((db: Db, rootId: number) =>
  db.selectFrom('post_vote').select(['person_id', 'post_id', 'value']).where('post_id', 'in', threadPostIds(db, rootId)).orderBy('post_id'),
)

const selectThreadMedia = prepareQuery((db: Db, rootId: number) =>
  db.selectFrom('media').selectAll().where('post_id', 'in', threadPostIds(db, rootId)).orderBy('created_at'),
)

/** Per post: thanks, "I learned" and adoptions, as toPosts shows them. */
export type ReactionCounts = Map<number, { thanks: number; learned: number; adoptions: number }>

export interface ThreadExtras {
  /** Counts for each of `postIds`; adoptions as given (only a practice, a root, can be adopted). */
  reactions: ReactionCounts
  media: Tables['media'][]
  /** What each giver and voter did in the thread, by person id; lists in ascending post id. */
  mine: Map<string, ThreadMine>
}

const emptyMine = (): ThreadMine => ({ thanks: [], learned: [], votes: [] })

/** The thanks, votes and media of the thread of `rootId`, for the posts `postIds` it shows. */
export async function loadThreadExtras(db: Db, rootId: number, postIds: number[], adoptions: number): Promise<ThreadExtras> {
  const [thanks, votes, media] = await Promise.all([
    selectThreadThanks(db, rootId),
    selectThreadVotes(db, rootId),
    selectThreadMedia(db, rootId),
  ])
  const reactions: ReactionCounts = new Map(postIds.map((id) => [id, { thanks: 0, learned: 0, adoptions: id === rootId ? adoptions : 0 }]))
  const mine = new Map<string, ThreadMine>()
  const of = (person: string) => {
    let entry = mine.get(person)
    if (!entry) mine.set(person, (entry = emptyMine()))
    return entry
  }
  for (const t of thanks) {
    const postId = Number(t.post_id)
    const kind = t.kind === 'learned' ? 'learned' : 'thanks'
    const counts = reactions.get(postId)
    if (counts) counts[kind]++
    // Thanks whose giver was erased still count, naming nobody.
    if (t.giver_id !== null) of(t.giver_id)[kind].push(postId)
  }
  for (const v of votes) of(v.person_id).votes.push({ postId: Number(v.post_id), value: Number(v.value) })
  return { reactions, media, mine }
}

/** A viewer's part of a thread, from loadThreadExtras' map (empty lists when they did nothing there). */
export function mineOf(all: ReadonlyMap<string, ThreadMine>, personId: string | null): ThreadMine {
  return (personId !== null && all.get(personId)) || emptyMine()
}
