// Pure rules of a question: checking what an author wrote, presenting it to learners without its answer, and
// grading an answer. No I/O, so they are tested alone and reused by the service.
import type { AnswerInput, AuthorQuestion, PlayQuestion, QuestionInput } from '../../shared/quiz.js'
import { BadRequestError } from '../platform/errors.js'
import { newId } from '../platform/time.js'
import type { QuizQuestionTable } from './quiz-rows.js'

interface Option {
  id: string
  text: string
}

/** The fields of a question row that come from what the author wrote. */
export type QuestionContent = Pick<QuizQuestionTable, 'kind' | 'prompt' | 'options' | 'answer' | 'explanation' | 'points'>

/**
 * Checks an author's question and turns it into row content. Option ids are kept for texts that stay (so
 * learners' past answers still mean something after an edit) and made new for new texts.
 */
export function questionContent(input: QuestionInput, previous?: QuizQuestionTable): QuestionContent {
  const bad = (code: string, message: string) => new BadRequestError(code, message)
  const texts = (input.options ?? []).map((t) => t.trim())
  const old = new Map((previous ? (JSON.parse(previous.options) as Option[]) : []).map((o) => [o.text, o.id]))
  let options: Option[] = []
  let answer: string[]
  if (input.kind === 'short') {
    const accepted = [...new Set((input.accepted ?? []).map((a) => a.trim()).filter(Boolean))]
    if (accepted.length === 0) throw bad('no_accepted_answer', 'a short-answer question needs at least one accepted answer')
    answer = accepted
  } else {
    if (texts.length < 2) throw bad('too_few_options', 'a choice or ordering question needs at least two options')
    if (new Set(texts.map(normalise)).size !== texts.length) throw bad('duplicate_options', 'two options say the same thing')
    options = texts.map((text) => ({ id: old.get(text) ?? newId().replace(/-/g, '').slice(0, 12), text }))
    const correct = [...new Set(input.correct ?? [])]
    if (correct.some((i) => i >= texts.length)) throw bad('unknown_option', 'a right answer points at an option that is not there')
    if (input.kind === 'single' && correct.length !== 1)
      throw bad('one_right_option', 'a single-choice question has exactly one right option')
    if (input.kind === 'multiple' && correct.length === 0)
      throw bad('no_right_option', 'a multiple-choice question needs at least one right option')
    // Ordering: the options as written are the right order.
    answer = input.kind === 'ordering' ? options.map((o) => o.id) : correct.sort((a, b) => a - b).map((i) => options[i]!.id)
  }
  return {
    kind: input.kind,
    prompt: input.prompt.trim(),
    options: JSON.stringify(options),
    answer: JSON.stringify(answer),
    explanation: input.explanation?.trim() ?? '',
    points: input.points ?? 1,
  }
}

/** Lower case, single spaces, no spaces or final punctuation at the ends: "  Rubber  duck." = "rubber duck". */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?;:,]+$/, '')
    .trim()
}

const optionsOf = (q: QuizQuestionTable) => JSON.parse(q.options) as Option[]
const answerOf = (q: QuizQuestionTable) => JSON.parse(q.answer) as string[]

/**
 * The options in the order learners see them. Choices keep the author's order; ordering questions are shown
 * sorted by their random ids, turned by one place when that happens to be the right order.
 */
function shownOptions(q: QuizQuestionTable): Option[] {
  const options = optionsOf(q)
  if (q.kind !== 'ordering') return options
  const shown = [...options].sort((a, b) => a.id.localeCompare(b.id))
  if (shown.every((o, i) => o.id === options[i]!.id)) shown.push(shown.shift()!)
  return shown
}

/** A question for learners: no answer in it. */
export function playQuestion(q: QuizQuestionTable, last: PlayQuestion['last'] = null): PlayQuestion {
  return { id: q.id, position: q.position, kind: q.kind, prompt: q.prompt, options: shownOptions(q), last }
}

/** A question for its author, options by index as they were written. */
export function authorQuestion(q: QuizQuestionTable): AuthorQuestion {
  const options = optionsOf(q)
  const answer = answerOf(q)
  return {
    id: q.id,
    position: q.position,
    kind: q.kind,
    prompt: q.prompt,
    options: options.map((o) => o.text),
    correct: q.kind === 'short' || q.kind === 'ordering' ? [] : options.flatMap((o, i) => (answer.includes(o.id) ? [i] : [])),
    accepted: q.kind === 'short' ? answer : [],
    explanation: q.explanation,
    points: q.points,
  }
}

/** Checks that an answer fits the question's kind and options; a 400 otherwise. */
export function checkAnswer(q: QuizQuestionTable, input: AnswerInput): void {
  const ids = new Set(optionsOf(q).map((o) => o.id))
  const bad = (message: string) => new BadRequestError('answer_does_not_fit', message)
  switch (q.kind) {
    case 'single':
      if (input.choices?.length !== 1 || !ids.has(input.choices[0]!)) throw bad('choose one of the options')
      return
    case 'multiple':
      if (!input.choices?.length || new Set(input.choices).size !== input.choices.length || input.choices.some((c) => !ids.has(c)))
        throw bad('choose one or more of the options')
      return
    case 'ordering':
      if (!input.order || input.order.length !== ids.size || new Set(input.order).size !== ids.size || input.order.some((c) => !ids.has(c)))
        throw bad('put every option in order, each once')
      return
    case 'short':
      if (!input.text || normalise(input.text) === '') throw bad('type an answer')
      return
  }
}

/** Whether an (already checked) answer is right. */
export function isRight(q: QuizQuestionTable, input: AnswerInput): boolean {
  const answer = answerOf(q)
  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const chosen = new Set(input.choices ?? [])
      return chosen.size === answer.length && answer.every((id) => chosen.has(id))
    }
    case 'ordering':
      return (input.order ?? []).every((id, i) => id === answer[i])
    case 'short':
      return answer.some((a) => normalise(a) === normalise(input.text ?? ''))
  }
}

/** The right answer in words, for the feedback. */
export function rightAnswer(q: QuizQuestionTable): string[] {
  const answer = answerOf(q)
  if (q.kind === 'short') return answer.slice(0, 1)
  const text = new Map(optionsOf(q).map((o) => [o.id, o.text]))
  return answer.map((id) => text.get(id) ?? '')
}
