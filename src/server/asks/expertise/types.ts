// The inputs and outputs of the expertise model. They are plain data so the model can be fed from our
// database (posts and the interaction log) or from a team2box export in the same way.

/** A past question: its text is what new questions are matched against. */
export interface QuestionInput {
  id: string
  /** Who asked; null for anonymous or imported questions without an author. */
  askerId: string | null
  title: string
  body: string
  tags: readonly string[]
}

/** An answer to a known question. Answers must be added in the order they were written. */
export interface AnswerInput {
  id: string
  questionId: string
  authorId: string
  /** Accepted by the asker. Can change later with `setAnswerSignals`. */
  accepted?: boolean
  /** Net votes, plus thanks and "learned from" when fed from Wellspring. Can change later. */
  score?: number
  /** Answer text, when there is any; it adds to the person's text profile. */
  body?: string
}

/** A new question to route. */
export interface QuestionQuery {
  title: string
  body: string
  tags: readonly string[]
  askerId: string | null
}

export interface RankOptions {
  /** Return only the best `limit` people (default: every candidate). */
  limit?: number
  /** How many people get evidence attached, from the top (default 10). */
  evidenceFor?: number
  /** How many evidence items each of them gets (default 3). */
  evidenceItems?: number
  /** People never to return, besides the asker (who is always left out). */
  exclude?: Iterable<string>
  /** The calendar time (ms) of the ranking, for how much past declines still weigh; the latest decline's by default. */
  now?: number
}

/** Why someone was ranked where they were: a past answer of theirs, or a topic they have answered on. */
export type Evidence =
  | { kind: 'answer'; questionId: string; answerId: string; similarity: number; accepted: boolean; score?: number }
  | { kind: 'topic'; tag: string; answers: number }

export interface RankedPerson {
  personId: string
  score: number
  /** The answers and topics behind the score; filled for the first `evidenceFor` people only. */
  evidence: Evidence[]
  /**
   * Whether the person has any evidence at all for this question (an answer to a similar past question, or
   * an answer on one of its tags), for every candidate: someone without it must never be offered the
   * question as an expert.
   */
  hasEvidence: boolean
}

/** One topic someone is known for, with the answers that show it, most recent first. */
export interface KnownTopic {
  tag: string
  /** Recency-weighted number of answers on the topic. */
  weight: number
  answers: number
  accepted: number
  answerIds: string[]
}
