import { sql } from 'kysely'
import { parseTags } from '../../shared/tags.js'
import { buildPostRow } from '../knowledge/service.js'
import type { Db } from '../platform/db/dialect.js'

export interface ImportedPost {
  ref: string
  kind: 'question' | 'answer' | 'comment'
  parentRef: string | null
  authorId: string | null
  title: string
  body: string
  tags: string[]
  score: number
  created: string
  lastActivity: string
  url: string
}

/** Ids of posts already imported from a site, by `source_ref`. */
export async function loadImportedPostIds(db: Db, site: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('post')
    .select(['id', 'source_ref'])
    .where('source', '=', 'stackexchange')
    .where('source_ref', 'like', `${site}:%`)
    .execute()
  return new Map(rows.map((r) => [r.source_ref as string, Number(r.id)]))
}

/** Refs of interactions already imported from a site. */
export async function loadImportedRefs(db: Db, site: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('interaction')
    .select('ref')
    .where('source', '=', 'stackexchange')
    .where('ref', 'like', `${site}:%`)
    .execute()
  return new Set(rows.map((r) => r.ref as string))
}

/**
 * Inserts one batch of imported posts in a transaction, recording their new ids in `ids` (parents must be
 * in it already). Posts whose parent is unknown are left out. Returns how many were inserted.
 */
export async function insertImportedPosts(db: Db, communityId: string, posts: ImportedPost[], ids: Map<string, number>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    let n = 0
    let latest = ''
    for (const p of posts) {
      if (ids.has(p.ref)) continue
      const parentId = p.parentRef ? ids.get(p.parentRef) : null
      if (p.parentRef && !parentId) continue
      const parent = parentId
        ? await tx.selectFrom('post').select(['id', 'root_id']).where('id', '=', parentId).executeTakeFirst()
        : undefined
      const row = buildPostRow({
        communityId,
        kind: p.kind,
        parentId: parentId ?? null,
        rootId: parent ? Number(parent.root_id ?? parent.id) : null,
        authorId: p.authorId,
        title: p.title,
        body: p.body,
        tags: p.tags,
        score: p.score,
        source: 'stackexchange',
        sourceRef: p.ref,
        sourceUrl: p.url,
        at: p.created,
        updatedAt: p.lastActivity,
        lastActivityAt: p.lastActivity,
      })
      const inserted = await tx.insertInto('post').values(row).returning('id').executeTakeFirstOrThrow()
      const id = Number(inserted.id)
      ids.set(p.ref, id)
      const tags = parseTags(row.tags)
      if (tags.length)
        await tx
          .insertInto('post_tag')
          .values(tags.map((tag) => ({ post_id: id, tag })))
          .execute()
      if (parentId) {
        const column = p.kind === 'answer' ? 'answer_count' : 'comment_count'
        await tx
          .updateTable('post')
          .set({ [column]: sql`${sql.ref(column)} + 1` })
          .where('id', '=', parentId)
          .execute()
      }
      n++
      if (p.lastActivity > latest) latest = p.lastActivity
    }
    // Counted in the batch's own transaction, by an increment: a batch is counted once even if the import is
    // interrupted and resumed, and posts written meanwhile in the community keep their count too.
    if (n > 0)
      await tx
        .updateTable('community')
        .set({
          post_count: sql<number>`post_count + ${n}`,
          // Forward only; a community with no posts yet takes its history's time (not its creation's).
          last_activity_at: sql<string>`case when post_count = 0 or last_activity_at < ${latest} then ${latest} else last_activity_at end`,
        })
        .where('id', '=', communityId)
        .execute()
    return n
  })
}
