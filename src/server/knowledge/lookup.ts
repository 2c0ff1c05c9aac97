import type { Db } from '../platform/db/dialect.js'
import type { PostKind } from '../../shared/knowledge.js'
import {
  countLinksWhere,
  countParticipation,
  countPostsWhere,
  findAnswerSignals,
  findExpertisePostsByIds,
  findImportedPostIds,
  findPostIdsInRange,
  findQuestionsAndAnswersAfter,
  type ExpertisePostRow,
} from './lookup-store.js'
import { findVoteTotals } from './vote-store.js'

// The knowledge domain's reads that other domains may use. Posts come back as rows (PostRow): callers decide
// what the viewer may see with the communities' lookups, as knowledge's own reads do.

export { findPostById, findPostsByIds, findReplierIds as replierIds, type PostRow } from './store.js'
export { searchPosts, toSearchPost } from './search.js'
export { searchTerms, snippetToHtml } from './search-terms.js'
export { renderedExcerpt, renderMarkdown } from './markdown.js'
export type { ExpertisePostRow }

/** Active questions and answers with ids above `afterId`, in id order, at most `limit` (the expertise model's feed). */
export function questionsAndAnswersAfter(db: Db, afterId: number, limit: number): Promise<ExpertisePostRow[]> {
  return findQuestionsAndAnswersAfter(db, afterId, limit)
}

/** Posts by id as the expertise model reads them, with their status (ids that appeared late on PostgreSQL). */
export function expertisePostsByIds(db: Db, ids: number[]): Promise<(ExpertisePostRow & { status: string })[]> {
  return findExpertisePostsByIds(db, ids)
}

/** Ids of the posts with `afterId` < id <= `upToId` (which ids of a range have committed). */
export function postIdsInRange(db: Db, afterId: number, upToId: number): Promise<number[]> {
  return findPostIdsInRange(db, afterId, upToId)
}

/** What says an answer was good: whether its question accepted it, and its score plus the thanks it received. */
export async function answerSignals(db: Db, answerIds: number[]): Promise<Map<number, { accepted: boolean; score: number }>> {
  const out = new Map<number, { accepted: boolean; score: number }>()
  for (let i = 0; i < answerIds.length; i += 500) {
    for (const a of await findAnswerSignals(db, answerIds.slice(i, i + 500))) {
      out.set(Number(a.id), { accepted: Number(a.accepted_answer_id) === Number(a.id), score: Number(a.score) + Number(a.thanks ?? 0) })
    }
  }
  return out
}

/** A person's taking part in one community, as the promotion rules count it: active posts by kind, thanks received. */
export function participationIn(
  db: Db,
  communityId: string,
  personId: string,
): Promise<{ questions: number; answers: number; posts: number; thanks: number }> {
  return countParticipation(db, communityId, personId)
}

/** Ids of the posts an import brought in from `source`, by their `source_ref`, for refs starting with `prefix`. */
export function importedPostIds(db: Db, source: string, prefix: string): Promise<Map<string, number>> {
  return findImportedPostIds(db, source, prefix)
}

/** How many posts there are (deleted ones too): all, of one kind, or questions with an accepted answer. */
export function countPosts(db: Db, filter: { kind?: PostKind; withAcceptedAnswer?: boolean } = {}): Promise<number> {
  return countPostsWhere(db, filter)
}

/** How many links between posts there are, of one kind or all. */
export function countPostLinks(db: Db, kind?: 'duplicate' | 'related'): Promise<number> {
  return countLinksWhere(db, kind)
}

/** Votes as evidence of a person's expertise, for their questions and for their answers. */
export interface VoteEvidence {
  /** Up- and down-votes cast in Wellspring on their active, non-anonymous posts of the kind. */
  up: number
  down: number
  /** The net score of those posts, imported scores (Stack Exchange votes) included. */
  score: number
  /** How many such posts they wrote. */
  posts: number
}

/**
 * Votes received by each of `personIds`, on their questions and on their answers (the routing model weighs
 * answers). People with no active question or answer are absent.
 */
export async function voteEvidence(db: Db, personIds: string[]): Promise<Map<string, { question: VoteEvidence; answer: VoteEvidence }>> {
  const out = new Map<string, { question: VoteEvidence; answer: VoteEvidence }>()
  const none = (): VoteEvidence => ({ up: 0, down: 0, score: 0, posts: 0 })
  for (let i = 0; i < personIds.length; i += 500) {
    for (const r of await findVoteTotals(db, personIds.slice(i, i + 500))) {
      const entry = out.get(r.author_id) ?? { question: none(), answer: none() }
      entry[r.kind === 'question' ? 'question' : 'answer'] = { up: r.up, down: r.down, score: r.score, posts: r.posts }
      out.set(r.author_id, entry)
    }
  }
  return out
}

/** Thanks received and practices written on some topics, as reasons a person was offered a question. */
export {
  findTopicPractices as topicPractices,
  findTopicThanks as topicThanks,
  type TopicPracticeRow,
  type TopicThanksRow,
} from './topic-recognition.js'

/** The tags a person writes about (their active, non-anonymous posts), most used first. */
export { findAuthorTags as authorTags } from './author-tags.js'
export {
  findAdoptionsOf as practiceAdoptions,
  findAnswerersByTopic as answerersByTopic,
  findPractices as activePractices,
  findUnansweredQuestions as unansweredQuestions,
  type PracticeRow,
  type UnansweredQuestionRow,
} from './insights-evidence.js'
export {
  findAnswerCountsByTag as answerCountsByTag,
  findGoodAnswersOnTags as goodAnswersOnTags,
  findPostsOnTags as postsOnTags,
  findPracticeTags as practiceTags,
} from './learning-map-evidence.js'
