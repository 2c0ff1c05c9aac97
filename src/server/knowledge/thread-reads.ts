import type { CommunityRole } from '../../shared/communities.js'
import type { Post, Thread } from '../../shared/knowledge.js'
import { getCommunityRefs } from '../communities/lookup.js'
import { cachedReadableCommunity, canReadCommunity, loadCommunity } from '../communities/service.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import { buildThread, getThread, knownOf } from './reads.js'
import { mineOf } from './thread-store.js'
import { findPostById } from './store.js'
import { threadCaches, type CachedThread } from './thread-cache.js'
import { postRights, type Reader } from './views.js'

// Thread reads through the thread cache (thread-cache.ts). A thread is the most read page of all (every
// notification, digest and search result leads to one) and took a dozen queries and a large serialization per
// read; it is now built once per change, as JSON, for every reader without rights in it.

/** A reader of a thread who is in none of its posts, no steward and no admin: the shared JSON is theirs. */
const NO_RIGHTS: Reader = { id: null, isAdmin: false }

const notFound = (id: number) => new NotFoundError('post_not_found', `no post ${id}`)

/**
 * The thread with post `id` as getThread answers it, sent as the JSON `serialize` (the route's serializer)
 * makes, or as a Thread object when the viewer has rights in it (then the route serializes it). The viewer's
 * access to the thread's community is checked on every read, cached entry or not.
 */
export async function getThreadJson(db: Db, viewer: Viewer, id: number, serialize: (thread: Thread) => string): Promise<Buffer | Thread> {
  const cache = threadCaches.of(db)
  const entry = cache && (await cache.through(String(id), () => loadEntry(db, id, serialize)))
  // Not cached (no cache, or the post is gone or deleted): the uncached read says which error it is.
  if (!entry) return getThread(db, viewer, id)
  const role = await readableRole(db, viewer, id, entry)
  return needsObject(viewer, role, entry) ? personalise(entry, viewer, role) : withMine(entry, viewer)
}

/**
 * The thread's JSON when the thread cache and the community access cache both hold what this viewer needs and
 * the viewer has no rights in it; undefined otherwise (then call getThreadJson). It waits for nothing, so a hit is
 * answered within the request's own turn of the event loop.
 */
export function cachedThreadJson(db: Db, viewer: Viewer, id: number): Buffer | undefined {
  const entry = threadCaches.of(db)?.get(String(id), Date.now())
  if (!entry) return undefined
  // Only an access entry that says this viewer may read the community lets the JSON out.
  const access = cachedReadableCommunity(db, viewer, entry.communitySlug)
  if (!access || access.row.id !== entry.communityId) return undefined
  return needsObject(viewer, access.membership?.role ?? null, entry) ? undefined : withMine(entry, viewer)
}

/** The viewer's role in the thread's community (null: not a member); NotFound when they may not read it. */
async function readableRole(db: Db, viewer: Viewer, id: number, entry: CachedThread): Promise<CommunityRole | null> {
  // Through the community access cache, which then serves the next read of any thread there at once.
  const found = await loadCommunity(db, viewer, entry.communitySlug).catch((err: unknown) => {
    if (err instanceof NotFoundError) throw notFound(id)
    throw err
  })
  if (found.row.id !== entry.communityId || !canReadCommunity(found.row, found.membership)) throw notFound(id)
  return found.membership?.role ?? null
}

/** The thread of post `id` for readers without rights, as loadReadable and getThread find it; undefined when either refuses it. */
async function loadEntry(db: Db, id: number, serialize: (thread: Thread) => string): Promise<CachedThread | undefined> {
  const asked = await findPostById(db, id)
  // Hidden posts (flags.ts) are gone for readers, as deleted ones are.
  if (!asked || asked.status !== 'active') return undefined
  const row = asked.root_id ? await findPostById(db, asked.root_id) : asked
  // A thread lives in one community; anything else is left to the uncached read.
  if (!row || row.status !== 'active' || row.community_id !== asked.community_id) return undefined
  const ref = (await getCommunityRefs(db, [row.community_id])).get(row.community_id)
  if (!ref) return undefined
  // With everyone's thanks and votes here: a viewer's own part is then filled in without asking.
  const { thread, authors, mine } = await buildThread(db, NO_RIGHTS, row, knownOf(ref, null))
  const json = Buffer.from(serialize(thread))
  const head = json.subarray(json.length - EMPTY_MINE.length).equals(EMPTY_MINE)
    ? json.subarray(0, json.length - EMPTY_MINE.length)
    : undefined
  return { communityId: ref.id, communitySlug: ref.slug, json, head, authors, mine }
}

/** How the shared JSON ends: its reader (NO_RIGHTS) did nothing in the thread, and `mine` is Thread's last member. */
const EMPTY_MINE = Buffer.from('"mine":{"thanks":[],"learned":[],"votes":[]}}')

/** The thread's JSON for a viewer without rights in it: the shared one, or its head with their own part. */
function withMine(entry: CachedThread, viewer: Viewer): Buffer {
  const mine = entry.mine.get(viewer.id)
  if (!mine || !entry.head) return entry.json
  return Buffer.concat([entry.head, Buffer.from(`"mine":${JSON.stringify(mine)}}`)])
}

/** Whether the thread must be made personal as an object: rights to set, or a part of theirs and no head to put it after. */
function needsObject(viewer: Viewer, role: CommunityRole | null, entry: CachedThread): boolean {
  return hasRights(viewer, role, entry) || (entry.mine.has(viewer.id) && !entry.head)
}

/** Whether the viewer sees rights somewhere in the thread (see postRights), so the shared JSON is not theirs. */
function hasRights(viewer: Viewer, role: CommunityRole | null, entry: CachedThread): boolean {
  if (viewer.isAdmin || role === 'steward') return true
  for (const author of entry.authors.values()) if (author === viewer.id) return true
  return false
}

/** The cached thread with the viewer's rights set on every post, by the same rule as rendered posts, and their part. */
function personalise(entry: CachedThread, viewer: Viewer, role: CommunityRole | null): Thread {
  const thread = JSON.parse(entry.json.toString('utf8')) as Thread
  const steward = role === 'steward'
  thread.mine = mineOf(entry.mine, viewer.id)
  const withRights = (p: Post) =>
    Object.assign(p, postRights(viewer, { authorId: entry.authors.get(p.id) ?? null, kind: p.kind, deleted: p.deleted }, steward))
  withRights(thread.post)
  thread.answers.forEach(withRights)
  thread.comments.forEach(withRights)
  return thread
}
