import type { PostKind } from '../../shared/knowledge.js'
import { parseTags } from '../../shared/tags.js'
import { recordImportedPosts } from '../communities/service.js'
import type { Db } from '../platform/db/dialect.js'
import { findExistingLinks, findParentRef, insertLinks, type NewLink } from './bulk-store.js'
import { buildPostRow } from './post-row.js'
import { bumpReplyCount, insertPost, insertTags, updatePost } from './store.js'

// Knowledge's write API for bulk imports (Stack Exchange today; Slack and CSV logs later): posts, answers and
// comments with their tags, the counters of their parents, accepted answers and links between posts. Search
// indexing follows the posts (the index's triggers; see migrations 0007 and 0010), and the community's own
// counters move through the communities service in each batch's transaction. Importers never write knowledge's
// tables themselves.

/** A post from another system. `ref` is its id there, unique per source: a re-import finds the post by it. */
export interface ImportedPost {
  ref: string
  kind: Extract<PostKind, 'question' | 'answer' | 'comment'>
  /** The parent's ref (answers and comments); it must have been imported first. */
  parentRef: string | null
  authorId: string | null
  title: string
  body: string
  tags: string[]
  score: number
  created: string
  lastActivity: string
  url: string
  /** When the source closed it (a question closed on Stack Exchange); null or absent when open. */
  closed?: string | null
}

/**
 * Inserts one batch of imported posts into a community in one transaction, recording each new id in `ids`
 * (by ref). A post whose ref is in `ids` already is skipped, and one whose parent is not in it is left out.
 * Each answer or comment raises its parent's count, and the community counts the batch (communities service).
 * Returns how many posts were inserted.
 */
export async function importPosts(
  db: Db,
  target: { communityId: string; source: string },
  posts: ImportedPost[],
  ids: Map<string, number>,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    let n = 0
    let latest = ''
    for (const p of posts) {
      if (ids.has(p.ref)) continue
      const parentId = p.parentRef ? ids.get(p.parentRef) : null
      if (p.parentRef && !parentId) continue
      const parent = parentId ? await findParentRef(tx, parentId) : undefined
      const row = buildPostRow({
        communityId: target.communityId,
        kind: p.kind,
        parentId: parentId ?? null,
        rootId: parent ? Number(parent.root_id ?? parent.id) : null,
        authorId: p.authorId,
        title: p.title,
        body: p.body,
        tags: p.tags,
        score: p.score,
        source: target.source,
        sourceRef: p.ref,
        sourceUrl: p.url,
        at: p.created,
        updatedAt: p.lastActivity,
        lastActivityAt: p.lastActivity,
      })
      const id = await insertPost(tx, { ...row, closed_at: p.closed ?? null })
      ids.set(p.ref, id)
      // The tags as the row stores them (the one tag rule, src/shared/tags.ts).
      await insertTags(tx, id, parseTags(row.tags))
      if (parentId) await bumpReplyCount(tx, parentId, p.kind === 'answer' ? 'answer' : 'comment', 1)
      n++
      if (p.lastActivity > latest) latest = p.lastActivity
    }
    // Counted in the batch's own transaction, by an increment: a batch is counted once even if the import is
    // interrupted and resumed (the community row last, as every post path writes it).
    await recordImportedPosts(tx, target.communityId, n, latest)
    return n
  })
}

/** Marks accepted answers, each `answerId` on its `questionId`, in one transaction. */
export async function acceptImportedAnswers(db: Db, pairs: { questionId: number; answerId: number }[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const { questionId, answerId } of pairs) await updatePost(tx, questionId, { accepted_answer_id: answerId })
  })
}

/** Links posts (duplicates, related) unless the same link exists; returns how many were added. */
export async function linkImportedPosts(db: Db, links: NewLink[]): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const have = await findExistingLinks(tx)
    const fresh = links.filter((l) => !have.has(`${l.post_id}:${l.target_id}:${l.kind}`))
    await insertLinks(tx, fresh)
    return fresh.length
  })
}
