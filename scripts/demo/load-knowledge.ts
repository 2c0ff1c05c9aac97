import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import { buildPostRow } from '../../src/server/knowledge/post-row.js'
import { findPeopleByEmails } from '../../src/server/people/roster-store.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import type { Tables } from '../../src/server/platform/db/tables.js'
import { newId } from '../../src/server/platform/time.js'
import { normaliseTags, POST_TAG_LIMIT, tagsJson } from '../../src/shared/tags.js'
import type { DemoKnowledge, DemoPost } from './knowledge-types.js'

/** Demo posts carry `source = 'demo'` and `source_ref = 'demo:<n>'`, so demo content is always told apart. */
export const DEMO_SOURCE = 'demo'
const BATCH = 400

export interface KnowledgeLoadResult {
  communities: number
  memberships: number
  membershipEvents: number
  joinRequests: number
  posts: number
  thanks: number
  adoptions: number
  interactions: number
}

async function insertAll<T extends keyof Tables>(db: Db, table: T, rows: Tables[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute()
}

const depth = (posts: readonly DemoPost[], p: DemoPost) => (p.parent === null ? 0 : (posts[p.parent] as DemoPost).parent === null ? 1 : 2)

/** Inserts posts parents first (top-level, then replies to them, then comments on answers), returning their ids by `n`. */
async function insertPosts(
  db: Db,
  posts: readonly DemoPost[],
  communityIds: ReadonlyMap<string, string>,
  personIds: ReadonlyMap<string, string>,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>()
  for (const level of [0, 1, 2]) {
    const wave = posts.filter((p) => depth(posts, p) === level)
    for (let i = 0; i < wave.length; i += BATCH) {
      const rows = wave.slice(i, i + BATCH).map((p) =>
        buildPostRow({
          communityId: communityIds.get(p.space) as string,
          kind: p.kind,
          parentId: p.parent === null ? null : (ids.get(p.parent) as number),
          rootId: p.root === null ? null : (ids.get(p.root) as number),
          authorId: personIds.get(p.author) as string,
          anonymous: p.anonymous,
          title: p.title,
          body: p.body,
          fields: p.fields,
          tags: p.tags,
          answerCount: p.answerCount,
          commentCount: p.commentCount,
          seriesId: p.seriesId,
          seriesOrder: p.seriesOrder,
          source: DEMO_SOURCE,
          sourceRef: `demo:${p.n}`,
          at: p.createdAt,
          lastActivityAt: p.lastActivityAt,
        }),
      )
      const inserted = await db.insertInto('post').values(rows).returning(['id', 'source_ref']).execute()
      for (const r of inserted) ids.set(Number((r.source_ref as string).slice('demo:'.length)), Number(r.id))
    }
  }
  return ids
}

/**
 * Writes the demo's year of activity into the product's own tables, inside the caller's transaction
 * (`loadDemoOrganisation`, which checked the database is empty): communities, memberships and their
 * trajectories, join requests, posts with tags and accepted answers, thanks, adoptions and the interaction log.
 * The full-text index follows by itself (triggers on SQLite, a generated column on PostgreSQL). Every person
 * named must exist (insert the people first).
 */
export async function insertKnowledge(tx: Db, k: DemoKnowledge): Promise<KnowledgeLoadResult> {
  const emails = [
    ...new Set([
      ...k.spaces.map((s) => s.createdBy),
      ...k.members.map((m) => m.email),
      ...k.posts.map((p) => p.author),
      ...k.interactions.flatMap((i) => [i.actor, i.target]),
      ...k.joinRequests.map((j) => j.email),
    ]),
  ]
  const personIds = new Map((await findPeopleByEmails(tx, emails)).map((p) => [p.email, p.id]))
  const missing = emails.filter((e) => !personIds.has(e))
  if (missing.length > 0) throw new Error(`the demo's people must be loaded first; missing ${missing.slice(0, 3).join(', ')}…`)
  const pid = (email: string) => personIds.get(email) as string
  const communityIds = new Map(k.spaces.map((s) => [s.slug, newId()]))
  const cid = (slug: string) => communityIds.get(slug) as string
  await insertAll(
    tx,
    'community',
    k.spaces.map((s) => {
      const posts = k.posts.filter((p) => p.space === s.slug)
      const last = posts.reduce((max, p) => (p.lastActivityAt > max ? p.lastActivityAt : max), s.createdAt)
      return {
        id: cid(s.slug),
        slug: s.slug,
        name: s.name,
        purpose: s.purpose,
        tags: tagsJson(s.tags),
        visibility: s.visibility,
        rules: JSON.stringify(s.rules),
        created_by: pid(s.createdBy),
        member_count: k.members.filter((m) => m.space === s.slug).length,
        post_count: posts.length,
        last_activity_at: last,
        created_at: s.createdAt,
        updated_at: s.createdAt,
      }
    }),
  )
  await insertAll(
    tx,
    'membership',
    k.members.map((m) => ({
      community_id: cid(m.space),
      person_id: pid(m.email),
      role: m.role,
      following: 1,
      joined_at: m.joinedAt,
      role_since: m.roleSince,
    })),
  )
  const events = k.members.flatMap((m) =>
    m.events.map((e) => ({
      id: newId(),
      community_id: cid(m.space),
      person_id: pid(m.email),
      from_role: e.from,
      to_role: e.to,
      reason: e.reason,
      actor_id: e.actor === null ? null : pid(e.actor),
      at: e.at,
    })),
  )
  await insertAll(tx, 'membership_event', events)
  await insertAll(
    tx,
    'join_request',
    k.joinRequests.map((j) => ({
      id: newId(),
      community_id: cid(j.space),
      person_id: pid(j.email),
      message: j.message,
      status: 'pending' as const,
      created_at: j.createdAt,
      decided_by: null,
      decided_at: null,
    })),
  )

  const postIds = await insertPosts(tx, k.posts, communityIds, personIds)
  const post = (n: number) => postIds.get(n) as number
  await insertAll(
    tx,
    'post_tag',
    k.posts.flatMap((p) => normaliseTags(p.tags, POST_TAG_LIMIT).map((tag) => ({ post_id: post(p.n), tag }))),
  )
  for (const q of k.posts)
    if (q.accepted !== null)
      await tx
        .updateTable('post')
        .set({ accepted_answer_id: post(q.accepted) })
        .where('id', '=', post(q.n))
        .execute()
  await insertAll(
    tx,
    'thanks',
    k.thanks.map((t) => ({
      id: newId(),
      kind: t.kind,
      giver_id: pid(t.giver),
      receiver_id: t.receiver === null ? null : pid(t.receiver),
      post_id: t.post === null ? null : post(t.post),
      community_id: t.space === null ? null : cid(t.space),
      note: t.note,
      at: t.at,
    })),
  )
  await insertAll(
    tx,
    'adoption',
    k.adoptions.map((a) => ({
      id: newId(),
      post_id: post(a.post),
      person_id: a.person === null ? null : pid(a.person),
      community_id: a.space === null ? null : cid(a.space),
      note: a.note,
      created_by: pid(a.by),
      at: a.at,
    })),
  )
  let chat = 0
  const log: InteractionInput[] = k.interactions.map((i) => ({
    actorId: pid(i.actor),
    targetId: pid(i.target),
    kind: i.kind,
    communityId: i.space === null ? null : cid(i.space),
    topics: i.topics,
    weight: i.weight,
    at: i.at,
    source: i.source,
    ref: i.post !== null ? `post:${post(i.post)}` : i.source === 'demo-chat' ? `demo-chat:${chat++}` : null,
  }))
  await recordInteractions(tx, log)
  return {
    communities: k.spaces.length,
    memberships: k.members.length,
    membershipEvents: events.length,
    joinRequests: k.joinRequests.length,
    posts: k.posts.length,
    thanks: k.thanks.length,
    adoptions: k.adoptions.length,
    interactions: log.length,
  }
}
