import type { Post } from '../../shared/knowledge.js'
import type { Db } from '../platform/db/dialect.js'

/**
 * What the knowledge domain tells others after a change commits. Notifications listen here; the knowledge
 * domain does not know who listens.
 */
export interface KnowledgeEvents {
  /**
   * Inside the transaction that writes a new post (`tx`): work that must commit with the post or not at all,
   * such as queueing the job that tells followers. It may throw, and then the post is not written.
   */
  onPostWriting?: (
    tx: Db,
    e: { postId: number; title: string; authorId: string; communityId: string; mentioned: string[]; anonymous: boolean },
  ) => Promise<void>
  onPostCreated?: (e: { post: Post; authorId: string; communityId: string; mentioned: string[]; anonymous: boolean }) => Promise<void>
  onReply?: (e: {
    post: Post
    parentAuthorId: string | null
    parentId: number
    parentTitle: string
    communityId: string
    actorId: string
    mentioned: string[]
  }) => Promise<void>
  onAccepted?: (e: { answerAuthorId: string; questionId: number; actorId: string; communityId: string }) => Promise<void>
  onThanks?: (e: {
    kind: 'thanks' | 'learned'
    giverId: string
    receiverId: string
    postId: number | null
    communityId: string | null
    note: string
  }) => Promise<void>
}

export async function notifyPostCreated(
  events: KnowledgeEvents,
  e: Parameters<NonNullable<KnowledgeEvents['onPostCreated']>>[0],
): Promise<void> {
  await events.onPostCreated?.(e)
}

/** Several listeners as one: each hook calls every listener's hook in turn. */
export function combineEvents(...all: KnowledgeEvents[]): KnowledgeEvents {
  const each =
    <K extends keyof KnowledgeEvents>(key: K) =>
    async (e: Parameters<NonNullable<KnowledgeEvents[K]>>[0]) => {
      for (const l of all) await (l[key] as ((x: typeof e) => Promise<void>) | undefined)?.(e)
    }
  const onPostWriting: KnowledgeEvents['onPostWriting'] = async (tx, e) => {
    for (const l of all) await l.onPostWriting?.(tx, e)
  }
  return {
    onPostWriting,
    onPostCreated: each('onPostCreated'),
    onReply: each('onReply'),
    onAccepted: each('onAccepted'),
    onThanks: each('onThanks'),
  }
}
