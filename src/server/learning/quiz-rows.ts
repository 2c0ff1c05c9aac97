// Quiz tables (migration 0034), as Kysely sees them: timestamps are ISO-8601 UTC strings, flags 0/1 integers.
import type { QuestionKind } from '../../shared/quiz.js'

export interface QuizTable {
  id: string
  title: string
  description: string
  community_id: string | null
  points_enabled: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface QuizQuestionTable {
  id: string
  quiz_id: string
  position: number
  kind: QuestionKind
  prompt: string
  /** JSON [{ id, text }]; the author's order (for ordering questions, the right order). */
  options: string
  /** JSON: right option ids (in order, for ordering), or a short answer's accepted variants. */
  answer: string
  explanation: string
  points: number
  created_at: string
  updated_at: string
}

export interface QuizAnswerTable {
  id: string
  quiz_id: string
  question_id: string
  person_id: string
  /** JSON of the AnswerInput as given. */
  response: string
  correct: number
  points: number
  mode: 'quiz' | 'review'
  answered_at: string
}

/** One learner's FSRS card for one question (ts-fsrs Card, dates as ISO strings). */
export interface ReviewCardTable {
  question_id: string
  person_id: string
  quiz_id: string
  due: string
  stability: number
  difficulty: number
  elapsed_days: number
  scheduled_days: number
  learning_steps: number
  reps: number
  lapses: number
  state: number
  last_review: string | null
}

export interface QuizChallengeTable {
  id: string
  quiz_id: string
  community_id: string
  starts_at: string
  ends_at: string
  created_by: string | null
  created_at: string
}

declare module '../platform/db/tables.js' {
  interface Tables {
    quiz: QuizTable
    quiz_question: QuizQuestionTable
    quiz_answer: QuizAnswerTable
    review_card: ReviewCardTable
    quiz_challenge: QuizChallengeTable
  }
}
