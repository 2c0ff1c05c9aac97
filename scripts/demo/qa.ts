import { between, delay, HOUR, type Book } from './book.js'
import { joinedBy, type Clock, type CommunityPlan, type Participant } from './cast.js'
import type { DemoPost } from './knowledge-types.js'
import { chance, int, pick, weighted, type Rng } from './prng.js'
import { writeAnswer, writeQuestion } from './texts.js'
import { ANSWER_COMMENTS, THANKS_NOTES } from './vocabulary.js'

/** Newcomers to the organisation ask a little and answer almost never. */
export const NEWCOMER_MAX_QUESTIONS = 3
export const NEWCOMER_MAX_ANSWERS = 1

/** Counts that cap what newcomers (people who started in the last 90 days) do across all communities. */
export interface NewcomerCaps {
  recent: ReadonlySet<string>
  questions: Map<string, number>
  answers: Map<string, number>
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)

function askWeight(p: Participant, caps: NewcomerCaps): number {
  if (p.recent) return (caps.questions.get(p.email) ?? 0) >= NEWCOMER_MAX_QUESTIONS ? 0 : 1.6
  return p.core ? 0.7 : 2.2
}

/** Core members answer most, above all on their specialties; peripheral members now and then; newcomers barely. */
function answerWeight(p: Participant, tags: readonly string[], caps: NewcomerCaps): number {
  if (p.recent) return (caps.answers.get(p.email) ?? 0) >= NEWCOMER_MAX_ANSWERS ? 0 : 0.5
  if (p.core) return p.specialty.some((s) => tags.includes(s)) ? 12 : 4
  return 1.5
}

/**
 * A question and what follows it: perhaps a clarifying comment, up to three answers (the first within
 * hours), an acceptance, a thank-you comment, thanks and "I learned this from you", and later readers'
 * thanks. Newcomers' questions go unanswered more often, as they do in real communities. Null when the
 * community's bank has no title left that nobody asked (then nothing is asked).
 */
export function askThread(
  rng: Rng,
  book: Book,
  plan: CommunityPlan,
  asker: string,
  t: number,
  caps: NewcomerCaps,
  unansweredP: number,
): DemoPost | null {
  const space = (plan.space as NonNullable<CommunityPlan['space']>).slug
  if (!plan.bank) return null
  const cores = plan.participants.filter((p) => p.core && p.joined && p.email !== asker)
  const mention = cores.length > 0 && chance(rng, 0.12) ? pick(rng, cores).email : null
  const text = writeQuestion(rng, plan.bank, book.asked, mention)
  if (!text) return null
  const question = book.add({ space, kind: 'question', author: asker, title: text.title, body: text.body, tags: text.tags }, t)
  const askerIsNew = caps.recent.has(asker)
  if (askerIsNew) bump(caps.questions, asker)
  const others = (at: number) => joinedBy(plan, at).filter((p) => p.email !== asker)
  if (others(t).length > 0 && chance(rng, 0.2)) {
    book.reply(question, 'comment', pick(rng, others(t)).email, pick(rng, text.askBack), t + between(rng, HOUR / 6, 3 * HOUR))
  }
  if (chance(rng, unansweredP)) return question

  const answers: { post: DemoPost; by: Participant }[] = []
  const count = weighted(rng, [
    [1, 55],
    [2, 30],
    [3, 15],
  ] as const)
  let at = t
  for (let i = 0; i < count; i++) {
    at += delay(rng, i === 0 ? 6 * HOUR : 20 * HOUR) + HOUR / 12
    const candidates = others(at)
      .filter((p) => !answers.some((a) => a.by === p))
      .map((p) => [p, answerWeight(p, text.tags, caps)] as const)
      .filter(([, w]) => w > 0)
    if (candidates.length === 0) break
    const by = weighted(rng, candidates)
    const alsoAsk = cores.filter((c) => c !== by)
    const answerMention = alsoAsk.length > 0 && chance(rng, 0.08) ? pick(rng, alsoAsk).email : null
    const written = writeAnswer(rng, text.answers[i] as string, answerMention)
    const body = i === 0 && text.code && chance(rng, 0.6) ? `${written}\n\n${text.code}` : written
    const post = book.reply(question, 'answer', by.email, body, at)
    if (!post) break
    if (by.recent) bump(caps.answers, by.email)
    answers.push({ post, by })
  }
  if (answers.length === 0) return question

  const timeOf = (p: DemoPost) => Date.parse(p.createdAt)
  let best = answers[0] as (typeof answers)[number]
  if (chance(rng, askerIsNew ? 0.8 : 0.68)) {
    const chosen = weighted(
      rng,
      answers.map((a) => [a, a.by.core ? 3 : 1] as const),
    )
    if (book.accept(question, chosen.post, timeOf(chosen.post) + between(rng, HOUR / 2, 36 * HOUR))) best = chosen
  }
  if (chance(rng, 0.35))
    book.reply(best.post, 'comment', asker, pick(rng, ANSWER_COMMENTS), timeOf(best.post) + between(rng, HOUR, 24 * HOUR))
  const commenters = others(at).filter((p) => p !== best.by)
  if (commenters.length > 0 && chance(rng, 0.12)) {
    book.reply(
      best.post,
      'comment',
      pick(rng, commenters).email,
      pick(rng, ANSWER_COMMENTS),
      timeOf(best.post) + between(rng, 2 * HOUR, 72 * HOUR),
    )
  }
  const thankAt = timeOf(best.post) + between(rng, HOUR, 48 * HOUR)
  const base = { giver: asker, receiver: best.by.email, post: best.post.n, space }
  if (chance(rng, askerIsNew ? 0.85 : 0.5)) book.thank({ ...base, kind: 'thanks', note: pick(rng, THANKS_NOTES) }, thankAt)
  if (chance(rng, askerIsNew ? 0.5 : 0.2)) book.thank({ ...base, kind: 'learned', note: '' }, thankAt + HOUR)
  for (const a of answers) {
    const readers = others(timeOf(a.post)).filter((p) => p !== a.by)
    if (readers.length > 0 && chance(rng, a.by.core ? 0.2 : 0.06)) {
      const reader = pick(rng, readers).email
      book.thank(
        { kind: chance(rng, 0.3) ? 'learned' : 'thanks', giver: reader, receiver: a.by.email, post: a.post.n, space, note: '' },
        timeOf(a.post) + between(rng, 24 * HOUR, 60 * 24 * HOUR),
      )
    }
  }
  return question
}

/**
 * A year of questions in a discovered community, spread from its creation to today with a little growth
 * (more recent activity). Peripheral members ask most; askers are members who had joined by then.
 */
export function simulateQuestions(rng: Rng, book: Book, plan: CommunityPlan, clock: Clock, caps: NewcomerCaps): void {
  if (!plan.space) return
  const created = Date.parse(plan.space.createdAt)
  const total = Math.round(plan.planted.members.length * (4.5 + rng() * 2))
  const times = Array.from({ length: total }, () => created + Math.round((clock.end - created) * rng() ** 0.85)).sort((a, b) => a - b)
  for (const t of times) {
    const askers = joinedBy(plan, t)
      .map((p) => [p, askWeight(p, caps)] as const)
      .filter(([, w]) => w > 0)
    if (askers.length === 0) continue
    const asker = weighted(rng, askers)
    askThread(rng, book, plan, asker.email, t, caps, asker.recent ? 0.4 : 0.1)
  }
}

/** How many questions a guest (someone outside the community who drops in) asks. */
export function guestQuestions(rng: Rng, recent: boolean): number {
  return recent ? 1 : int(rng, 1, 2)
}
