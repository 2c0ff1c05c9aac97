import type { QuestionBank } from './bank/index.js'
import { capacityOf } from './bank/index.js'
import { slotsOf } from './bank/index.js'
import { chance, pick, shuffle, weighted, type Rng } from './prng.js'
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

/** Upper-cases the first letter: a slot value that opens a sentence ("the ledger" → "The ledger"). */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** System names written as code in Markdown: `fct_orders`, `checkout-api`. */
const CODE_NAME = /^[a-z0-9]+(?:[_-][a-z0-9]+)+$/

/**
 * Replaces every `{slot}` with its bound value. In Markdown (bodies and answers) a system name outside a code
 * span becomes inline code, so `fct_orders` is not read as emphasis; titles are plain text.
 */
function bind(template: string, values: Readonly<Record<string, string>>, markdown = false): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) => {
    const value = values[name]
    if (value === undefined) return whole
    const before = template.slice(0, offset)
    const inCode = (before.match(/`/g)?.length ?? 0) % 2 === 1
    if (markdown && !inCode && CODE_NAME.test(value)) return `\`${value}\``
    // "… for an analysis. The board KPI pack is built on it": a value that opens a sentence starts upper-case.
    return /(^|[.!?:]\s+)$/.test(before) ? sentence(value) : value
  })
}

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
    // A template with more slot values is drawn more often (by the square root: enough that small ones do
    // not run out early and leave the last months to a few big ones, not so much that big ones dominate).
    const spec = weighted(
      rng,
      bank.questions.map((q) => [q, Math.sqrt(capacityOf(bank, q))] as const),
    )
    const values = Object.fromEntries(slotsOf(spec.title).map((s) => [s, pick(rng, bank.slots[s] ?? [`{${s}}`])]))
    const title = sentence(bind(spec.title, values))
    if (asked.has(title)) continue
    asked.add(title)
    const parts = [sentence(bind(pick(rng, spec.bodies), values, true))]
    if (chance(rng, 0.3)) parts.push(pick(rng, TRIED))
    parts.push(`${pick(rng, QUESTION_CLOSERS)}${mention ? ` cc @${handleOf(mention)}` : ''}`)
    return {
      title,
      body: parts.join('\n\n'),
      tags: [...spec.tags],
      answers: shuffle(rng, spec.answers).map((a) => sentence(bind(a, values, true))),
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
