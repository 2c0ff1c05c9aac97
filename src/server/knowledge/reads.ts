import type { FeedQuery, Post, PostList, Thread } from '../../shared/knowledge.js'
import { communityAccess, getCommunityRefs, rolesIn, type CommunityRef } from '../communities/lookup.js'
import { cachedReadableCommunity, loadReadableCommunity } from '../communities/service.js'
import type { CommunityRow } from '../communities/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import type { CommunityRole } from '../../shared/communities.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import { findAdoptions, findDuplicateLinks, findFeed, findPostById, findSeries, findThreadChildren, type PostRow } from './store.js'
import { feedCaches } from './feed-cache.js'
import { loadThreadExtras, mineOf, type ThreadExtras } from './thread-store.js'
import { toPosts, toSummaries, type Reader } from './views.js'

// The read side of posts: who may read a post, and posts, threads and feeds as the viewer sees them. Reads
// pass along what they already learned (a community's ref, the viewer's role in it) so it is not asked twice.

/** What the viewer's reads already know about communities: their refs, and the viewer's role in each. */
export interface Known {
  roles: Map<string, CommunityRole | null>
  communities: ReadonlyMap<string, CommunityRef>
  /** Set when the rows were created by this request (see toPosts). */
  justWritten?: { withMedia: boolean }
}

export function knownOf(ref: CommunityRef, role: CommunityRole | null): Known {
  return { roles: new Map([[ref.id, role]]), communities: new Map([[ref.id, ref]]) }
}

/** A readable post with its community's ref and the viewer's role there; NotFound otherwise. */
export async function loadReadable(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<{ row: PostRow; ref: CommunityRef; role: CommunityRole | null }> {
  const row = await findPostById(db, id)
  // Hidden posts (flags.ts) are gone for readers, as deleted ones are.
  if (!row || row.status !== 'active') throw new NotFoundError('post_not_found', `no post ${id}`)
  const access = await communityAccess(db, viewer.id, row.community_id)
  if (!access || (access.ref.visibility !== 'open' && !access.role)) throw new NotFoundError('post_not_found', `no post ${id}`)
  return { row, ...access }
}

/**
 * For a post the viewer may not read because it is in a closed community they are not in: that community, so
 * the web app can offer to ask to join instead of "no post". A closed community shows its name and purpose to
 * everyone already; the post's title and body stay hidden. Secret communities, readable posts and missing ones
 * are all NotFound, alike.
 */
export async function closedCommunityOfPost(db: Db, viewer: Viewer, id: number): Promise<{ community: { slug: string; name: string } }> {
  const row = await findPostById(db, id)
  const access = row && row.status !== 'deleted' ? await communityAccess(db, viewer.id, row.community_id) : undefined
  if (!access || access.ref.visibility !== 'closed' || access.role) throw new NotFoundError('post_not_found', `no post ${id}`)
  return { community: { slug: access.ref.slug, name: access.ref.name } }
}

/** A post the viewer may read (its community is open, or they belong to it); NotFound otherwise. */
export async function loadReadablePost(db: Db, viewer: Viewer, id: number): Promise<PostRow> {
  return (await loadReadable(db, viewer, id)).row
}

/** Communities where the viewer is a steward, asking the database only about those whose role is not known. */
async function permsFor(db: Db, viewer: Reader, communityIds: string[], known?: Known) {
  const ids = [...new Set(communityIds)]
  const unknown = ids.filter((id) => !known?.roles.has(id))
  // A reader with no id is a member of nothing.
  const asked = viewer.id === null ? new Map<string, CommunityRole>() : await rolesIn(db, viewer.id, unknown)
  const stewardOf = new Set(ids.filter((id) => (known?.roles.has(id) ? known.roles.get(id) : asked.get(id)) === 'steward'))
  return { stewardOf }
}

/** Renders rows for the viewer (`loaded`: their counts and media, when the caller has them). */
export async function renderPosts(db: Db, viewer: Reader, rows: PostRow[], known?: Known, loaded?: ThreadExtras): Promise<Post[]> {
  const perms = await permsFor(
    db,
    viewer,
    rows.map((r) => r.community_id),
    known,
  )
  return toPosts(db, viewer, rows, perms, undefined, { communities: known?.communities, justWritten: known?.justWritten, loaded })
}

export async function getPostView(db: Db, viewer: Viewer, id: number): Promise<Post> {
  const { row, ref, role } = await loadReadable(db, viewer, id)
  const [post] = await renderPosts(db, viewer, [row], knownOf(ref, role))
  return post as Post
}

/** A question with its answers (accepted first) and comments, or any other post with its comments. */
export async function getThread(db: Db, viewer: Viewer, id: number): Promise<Thread> {
  let { row, ref, role } = await loadReadable(db, viewer, id)
  if (row.root_id) ({ row, ref, role } = await loadReadable(db, viewer, row.root_id))
  return (await buildThread(db, viewer, row, knownOf(ref, role))).thread
}

/**
 * The thread of a root post as `reader` sees it; access is the caller's to check. `authors` holds the author
 * of every post shown, anonymous ones included, and `mine` what every giver and voter did in it, so a thread
 * rendered for a reader with no rights can be made personal later (thread-reads.ts).
 */
export async function buildThread(
  db: Db,
  reader: Reader,
  row: PostRow,
  known: Known,
): Promise<{ thread: Thread; authors: Map<number, string | null>; mine: ThreadExtras['mine'] }> {
  const children = await findThreadChildren(db, row.id)
  // Only a practice (always a root) can be adopted: its adoptions are listed, and counted from the list.
  const adoptionRows = row.kind === 'practice' ? await findAdoptions(db, row.id) : []
  const rows = [row, ...children]
  const extras = await loadThreadExtras(
    db,
    row.id,
    rows.map((r) => r.id),
    adoptionRows.length,
  )
  const rendered = await renderPosts(db, reader, rows, known, extras)
  const [post, ...rest] = rendered as [Post, ...Post[]]
  const answers = rest
    .filter((p) => p.kind === 'answer')
    .sort(
      (a, b) =>
        Number(b.id === row.accepted_answer_id) - Number(a.id === row.accepted_answer_id) ||
        b.score - a.score ||
        a.createdAt.localeCompare(b.createdAt),
    )
  const people = await getPersonSummaries(
    db,
    adoptionRows.map((a) => a.person_id),
  )
  const communities = await getCommunityRefs(
    db,
    adoptionRows.map((a) => a.community_id).filter((c): c is string => Boolean(c)),
  )
  const thread: Thread = {
    post,
    answers,
    comments: rest.filter((p) => p.kind === 'comment'),
    duplicates: await findDuplicateLinks(db, row.id),
    series: row.series_id ? await findSeries(db, row.series_id, row.community_id) : [],
    adoptions: adoptionRows.map((a) => {
      const c = a.community_id ? communities.get(a.community_id) : undefined
      return {
        person: a.person_id ? (people.get(a.person_id) ?? null) : null,
        community: c ? { slug: c.slug, name: c.name } : null,
        note: a.note,
        at: a.at,
      }
    }),
    mine: mineOf(extras.mine, reader.id),
  }
  return { thread, authors: new Map(rows.map((r) => [r.id, r.author_id])), mine: extras.mine }
}

/**
 * A page of a community's top-level posts, as summaries (full posts are on their threads), in UTF-8 JSON made
 * by `serialize` (the route's response serializer) and cached for every viewer who may read the community
 * (feed-cache.ts). Whether this viewer may read it is checked first, every time.
 */
export async function getFeedJson(
  db: Db,
  viewer: Viewer,
  slug: string,
  query: FeedQuery,
  serialize: (list: PostList) => string,
): Promise<Buffer> {
  const { row } = await loadReadableCommunity(db, viewer, slug)
  const load = async () => Buffer.from(serialize(await buildFeed(db, row, query)))
  const cache = feedCaches.of(db)
  if (!cache) return load()
  return (await cache.through(feedKey(row.id, query), load)) as Buffer
}

/**
 * The feed page as getFeedJson would answer it, when the community access and feed caches both hold it; undefined
 * otherwise (then call getFeedJson). It does not wait for anything, so a hit is answered within the request's
 * own turn of the event loop, without the promise hops of the general path.
 */
export function cachedFeedJson(db: Db, viewer: Viewer, slug: string, query: FeedQuery): Buffer | undefined {
  const access = cachedReadableCommunity(db, viewer, slug)
  return access && feedCaches.of(db)?.get(feedKey(access.row.id, query), Date.now())
}

const feedKey = (communityId: string, query: FeedQuery) =>
  [communityId, query.kind ?? '', query.unanswered ? 1 : 0, query.limit ?? 20, query.cursor ?? ''].join('\u0000')

async function buildFeed(db: Db, row: CommunityRow, query: FeedQuery): Promise<PostList> {
  const limit = query.limit ?? 20
  let before: { at: string; id: number } | undefined
  if (query.cursor) {
    const [at, id] = query.cursor.split('|')
    // An id NumericId would take: PostgreSQL refuses 1e+25 as a bigint (a 500).
    if (!at || !/^[1-9]\d*$/.test(id ?? '') || !Number.isSafeInteger(Number(id)))
      throw new BadRequestError('bad_cursor', 'that cursor is not valid')
    before = { at, id: Number(id) }
  }
  const rows = await findFeed(db, row.id, { kind: query.kind, unanswered: query.unanswered, limit, before })
  const last = rows[rows.length - 1]
  const ref: CommunityRef = { id: row.id, slug: row.slug, name: row.name, visibility: row.visibility }
  return {
    items: await toSummaries(db, rows, new Map([[row.id, ref]])),
    nextCursor: rows.length === limit && last ? `${last.last_activity_at}|${last.id}` : null,
  }
}
