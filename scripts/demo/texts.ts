import { chance, pick, sample, type Rng } from './prng.js'
import { ANSWER_CLOSERS, ANSWER_OPENERS, QUESTION_CLOSERS, TRIED, type CodeSnippet, type Vocabulary } from './vocabulary.js'

// Short plausible texts made from a community's vocabulary and shared phrases. No language model: templates,
// word lists and a seeded generator, so the same seed writes the same words.

/** Replaces every `{slot}` in a template with a word from its list. */
export function fill(rng: Rng, template: string, slots: Readonly<Record<string, readonly string[]>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const words = slots[name]
    return words && words.length > 0 ? pick(rng, words) : whole
  })
}

export function codeBlock(snippet: CodeSnippet): string {
  return `\`\`\`${snippet.lang}\n${snippet.code}\n\`\`\``
}

/** The @handle that mentions a person: the local part of their email. */
export function handleOf(email: string): string {
  return email.split('@')[0] as string
}

export interface QuestionText {
  title: string
  body: string
  tags: string[]
}

/** A question: a title from a template, a little context, sometimes a snippet, and a mention of someone who might know. */
export function writeQuestion(rng: Rng, vocab: Vocabulary, mention: string | null): QuestionText {
  const spec = pick(rng, vocab.questions)
  const tags = [...new Set([...spec.tags, ...(chance(rng, 0.3) ? [pick(rng, vocab.tags)] : [])])]
  const parts: string[] = [pick(rng, vocab.contexts), pick(rng, TRIED)]
  if (vocab.code.length > 0 && chance(rng, 0.2)) parts.push(`What I ran:\n\n${codeBlock(pick(rng, vocab.code))}`)
  parts.push(`${pick(rng, QUESTION_CLOSERS)}${mention ? ` cc @${handleOf(mention)}` : ''}`)
  return { title: fill(rng, spec.title, vocab.slots), body: parts.join('\n\n'), tags }
}

/** An answer: an opener, one to three pieces of advice, sometimes a code block, and a closer. */
export function writeAnswer(rng: Rng, vocab: Vocabulary, mention: string | null): string {
  const advice = sample(rng, vocab.advice, 1 + Math.floor(rng() * 3))
  const parts: string[] = [pick(rng, ANSWER_OPENERS)]
  if (advice.length > 1 && chance(rng, 0.5)) parts.push(advice.map((a, i) => `${i + 1}. ${a}`).join('\n'))
  else parts.push(advice.join(' '))
  if (vocab.code.length > 0 && chance(rng, 0.35)) parts.push(codeBlock(pick(rng, vocab.code)))
  if (mention) parts.push(`@${handleOf(mention)} has done this more than anyone, worth a chat.`)
  else parts.push(pick(rng, ANSWER_CLOSERS))
  return parts.join('\n\n')
}
