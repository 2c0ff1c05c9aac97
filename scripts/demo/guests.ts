import { between, DAY, HOUR, type Book } from './book.js'
import { startOf, type Clock, type CommunityPlan } from './cast.js'
import { COMMUNITIES } from './catalogue.js'
import { chance, int, pick, sample, weighted, type Rng } from './prng.js'
import type { DemoPerson } from './profiles.js'
import { askThread, guestQuestions, NEWCOMER_MAX_QUESTIONS, type NewcomerCaps } from './qa.js'
import { writeQuestion } from './texts.js'

/**
 * People outside a community's core circle who drop into an open community with a question or two, drawn by
 * how close their department is to its practice. Newcomers to the organisation are twice as likely to: asking
 * is how they arrive. Posting joins them to the community as newcomers, as it does in the product.
 */
export function simulateGuests(
  rng: Rng,
  book: Book,
  plans: readonly CommunityPlan[],
  people: readonly DemoPerson[],
  excluded: ReadonlySet<string>,
  clock: Clock,
  caps: NewcomerCaps,
): void {
  const used = new Set<string>()
  for (const plan of plans) {
    if (plan.space?.visibility !== 'open') continue
    const created = Date.parse(plan.space.createdAt)
    const affinity = COMMUNITIES.find((c) => c.slug === plan.planted.slug)?.affinity ?? {}
    const pool = people.filter(
      (p) =>
        p.level !== 'ceo' &&
        !excluded.has(p.email) &&
        !used.has(p.email) &&
        !plan.planted.members.includes(p.email) &&
        startOf(p) + 7 * DAY < clock.end,
    )
    const weights = pool.map((p) => [p, (affinity[p.department] ?? 0.3) * (caps.recent.has(p.email) ? 2 : 1)] as const)
    for (let g = int(rng, 8, 14); g > 0 && weights.length > 0; g--) {
      const guest = weighted(rng, weights)
      weights.splice(
        weights.findIndex(([p]) => p === guest),
        1,
      )
      used.add(guest.email)
      const isNew = caps.recent.has(guest.email)
      const from = Math.max(startOf(guest) + 7 * DAY, created + 20 * DAY)
      for (let i = guestQuestions(rng, isNew); i > 0; i--) {
        if (isNew && (caps.questions.get(guest.email) ?? 0) >= NEWCOMER_MAX_QUESTIONS) break
        askThread(rng, book, plan, guest.email, between(rng, from, clock.end - DAY), caps, isNew ? 0.4 : 0.15)
      }
    }
  }
}

/**
 * Half of the isolated people once asked a question in an open community, and nobody answered. They never
 * came back: no answers, no thanks, no replies, so the interaction log holds nothing for them.
 */
export function simulateIsolatedAskers(
  rng: Rng,
  book: Book,
  plans: readonly CommunityPlan[],
  isolated: readonly string[],
  people: ReadonlyMap<string, DemoPerson>,
  clock: Clock,
): void {
  const open = plans.filter((p) => p.space?.visibility === 'open')
  if (open.length === 0) return
  for (const email of sample(rng, isolated, Math.ceil(isolated.length / 2))) {
    const plan = pick(rng, open)
    const space = plan.space as NonNullable<CommunityPlan['space']>
    const from = Math.max(startOf(people.get(email) as DemoPerson) + 14 * DAY, Date.parse(space.createdAt) + 30 * DAY)
    const text = plan.bank && writeQuestion(rng, plan.bank, book.asked, null)
    if (!text) continue
    book.add(
      { space: space.slug, kind: 'question', author: email, title: text.title, body: text.body, tags: text.tags },
      between(rng, from, clock.end - 20 * DAY),
    )
  }
}

/**
 * Most people who started in the last 90 days ask a question or two in their first weeks: in their own
 * community if they joined one, otherwise in an open community close to their department's work. A third of
 * those questions wait for an answer, the sign of exclusion the insights should notice.
 */
export function simulateNewcomerQuestions(
  rng: Rng,
  book: Book,
  plans: readonly CommunityPlan[],
  people: readonly DemoPerson[],
  clock: Clock,
  caps: NewcomerCaps,
): void {
  const open = plans.filter((p) => p.space?.visibility === 'open')
  for (const person of people) {
    if (!caps.recent.has(person.email) || (caps.questions.get(person.email) ?? 0) > 0 || !chance(rng, 0.75)) continue
    const own = plans.find((p) => p.space && p.participants.some((x) => x.email === person.email && x.joined))
    const affinity = (plan: CommunityPlan) => COMMUNITIES.find((c) => c.slug === plan.planted.slug)?.affinity[person.department] ?? 0.3
    const plan =
      own ??
      (open.length > 0
        ? weighted(
            rng,
            open.map((p) => [p, affinity(p)] as const),
          )
        : undefined)
    if (!plan?.space) continue
    const joined = plan.participants.find((x) => x.email === person.email)?.joinAt ?? 0
    const from = Math.max(startOf(person) + 5 * DAY, joined, Date.parse(plan.space.createdAt))
    for (let i = int(rng, 1, 2); i > 0 && (caps.questions.get(person.email) ?? 0) < NEWCOMER_MAX_QUESTIONS; i--) {
      if (from >= clock.end - HOUR) break
      askThread(rng, book, plan, person.email, between(rng, from, clock.end - HOUR), caps, 0.35)
    }
  }
}
