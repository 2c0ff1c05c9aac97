import type { QuestionBank } from './bank/index.js'
import { slotsOf } from './bank/index.js'
import { chance, pick, shuffle, type Rng } from './prng.js'
import { ANSWER_CLOSERS, ANSWER_OPENERS, QUESTION_CLOSERS, TRIED, type CodeSnippet } from './vocabulary.js'

// Questions and answers written from a community's bank (bank/): one draw of the bank's slots fills a
// question's title, body and answers, so they talk about the same system. No language model: hand-written
// templates and a seeded generator, so the same seed writes the same words.

export function codeBlock(snippet: CodeSnippet): string {
  return `\`\`\`${snippet.lang}\n${snippet.code}\n\`\`\``
}

/** The @handle that mentions a person: the local part of their email. */
export function handleOf(email: string): string {
  return email.split('@')[0] as string
}

/** Replaces every `{slot}` with its bound value. */
function bind(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
}

/** Upper-cases the first letter: a slot value that opens a sentence ("the ledger" → "The ledger"). */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

export interface QuestionText {
  title: string
  body: string
  tags: string[]
  /** Answers written for this question, in the order a thread uses them. */
  answers: string[]
  /** Clarifying comments that fit its community. */
  askBack: readonly string[]
  /** A code block for the first answer, or null. */
  code: string | null
}

/** Attempts at drawing a title not asked yet before the community gives up on a question. */
const ATTEMPTS = 60

/**
 * A question from the bank whose title nobody has asked yet (`asked` holds every title so far, and gets
 * this one), or null when the draws found none: then the question is simply not asked.
 */
export function writeQuestion(rng: Rng, bank: QuestionBank, asked: Set<string>, mention: string | null): QuestionText | null {
  for (let i = 0; i < ATTEMPTS; i++) {
    const spec = pick(rng, bank.questions)
    const values = Object.fromEntries(slotsOf(spec.title).map((s) => [s, pick(rng, bank.slots[s] ?? [`{${s}}`])]))
    const title = sentence(bind(spec.title, values))
    if (asked.has(title)) continue
    asked.add(title)
    const parts = [sentence(bind(pick(rng, spec.bodies), values))]
    if (chance(rng, 0.3)) parts.push(pick(rng, TRIED))
    parts.push(`${pick(rng, QUESTION_CLOSERS)}${mention ? ` cc @${handleOf(mention)}` : ''}`)
    return {
      title,
      body: parts.join('\n\n'),
      tags: [...spec.tags],
      answers: shuffle(rng, spec.answers).map((a) => sentence(bind(a, values))),
      askBack: bank.askBack,
      code: spec.code ? codeBlock({ lang: spec.code.lang, code: bind(spec.code.code, values) }) : null,
    }
  }
  return null
}

/** An answer: the bank's text for the question, sometimes with an opener, and a closer or a pointer to someone. */
export function writeAnswer(rng: Rng, text: string, mention: string | null): string {
  const parts = [chance(rng, 0.3) ? `${pick(rng, ANSWER_OPENERS)} ${text}` : text]
  if (mention) parts.push(`@${handleOf(mention)} has done this more than anyone, worth a chat.`)
  else if (chance(rng, 0.5)) parts.push(pick(rng, ANSWER_CLOSERS))
  return parts.join('\n\n')
}
