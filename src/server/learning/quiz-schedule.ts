// Spaced retrieval with FSRS (ts-fsrs, FSRS-6): each question a learner answered is a card; a right answer is
// graded Good, a wrong one Again, and the card comes back when FSRS says it is due. Short-term learning steps
// are off, so a card is next due in days rather than minutes, and fuzz is off so tests can name the day.
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs'
import type { ReviewCardTable } from './quiz-rows.js'

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }))

function toCard(row: ReviewCardTable): Card {
  return {
    due: new Date(row.due),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsed_days: Number(row.elapsed_days),
    scheduled_days: Number(row.scheduled_days),
    learning_steps: Number(row.learning_steps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: Number(row.state),
    last_review: row.last_review ? new Date(row.last_review) : undefined,
  }
}

/**
 * The card after an answer at `nowMs`. A first answer creates it; later answers move it only when it is due,
 * so answering again at once (practice) does not push a question out of reach. `review` says whether the
 * schedule moved because the card was due.
 */
export function scheduleAnswer(
  existing: ReviewCardTable | undefined,
  ids: Pick<ReviewCardTable, 'question_id' | 'person_id' | 'quiz_id'>,
  right: boolean,
  nowMs: number,
): { card: ReviewCardTable; moved: boolean; review: boolean } {
  const now = new Date(nowMs)
  const review = existing !== undefined && Date.parse(existing.due) <= nowMs
  if (existing && !review) return { card: existing, moved: false, review: false }
  const { card } = scheduler.next(existing ? toCard(existing) : createEmptyCard(now), now, right ? Rating.Good : Rating.Again)
  return {
    card: {
      ...ids,
      due: card.due.toISOString(),
      stability: card.stability,
      difficulty: card.difficulty,
      elapsed_days: card.elapsed_days,
      scheduled_days: card.scheduled_days,
      learning_steps: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses,
      state: card.state,
      last_review: card.last_review ? card.last_review.toISOString() : now.toISOString(),
    },
    moved: true,
    review,
  }
}
