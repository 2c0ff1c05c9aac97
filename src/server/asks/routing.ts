import { parseTags } from '../../shared/tags.js'
import { getCommunityRefs, memberIds, roleIn, stewardIds } from '../communities/lookup.js'
import { findPostById, findPostsByIds } from '../knowledge/lookup.js'
import { activePersonIds } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import { clockIso, systemClock, type Clock } from '../platform/clock.js'
import type { EventBus, Publisher } from '../platform/events.js'
import { newId } from '../platform/time.js'
import './events.js'
import type { ExpertiseService } from './expertise-service.js'
import type { ExpertiseModel } from './expertise/model.js'
import type { Evidence } from './expertise/types.js'
import { pickRound } from './round-policy.js'
import { areSimilarQuestions, type QuestionText } from './similar-questions.js'
import {
  closeOpenOffers,
  countOffersSince,
  countRoutesInCommunity,
  findAllAvailability,
  findCommunityRouting,
  findDeclinesSince,
  findAllHiddenTopics,
  findOffersForQuestion,
  findRoute,
  insertOffers,
  insertRoute,
  updateRoute,
  type AvailabilityRow,
  type OfferRow,
} from './store.js'

export interface RoutingSettings {
  /** People offered a question per round. */
  offersPerRound: number
  /** How long a round waits for an answer before the next candidates get it. */
  waitMs: number
  /** Rounds before giving up (a newcomer's question then goes to the stewards). */
  maxRounds: number
  /** Default weekly limit for people who never set one. */
  defaultWeeklyLimit: number
  /**
   * Load spreading: each offer a person received in the last 7 days lowers their score by this share of the
   * spread between the best and the 10th candidate, so the same experts are not asked every time.
   */
  loadPenalty: number
  /**
   * With the community's default setting, a round may hold an explore slot (someone new to the topic) only
   * once more than this many of the community's questions were routed: a new community's first questions go
   * to people with evidence, or to nobody.
   */
  exploreAfterQuestions: number
}

export const DEFAULT_ROUTING: RoutingSettings = {
  offersPerRound: 3,
  waitMs: Number(process.env.ROUTE_WAIT_MINUTES ?? 24 * 60) * 60_000,
  maxRounds: 3,
  defaultWeeklyLimit: 3,
  loadPenalty: 0.35,
  exploreAfterQuestions: 10,
}

export interface RoutingDeps {
  db: Db
  expertise: ExpertiseService
  settings: RoutingSettings
  /** Routing publishes `asks.question_offered` and `asks.question_escalated` (notifications listen). */
  bus: EventBus
  /** Where routing reads the time (rounds time out by it); the real clock when unset. */
  clock?: Clock
}

/**
 * One routing step's transaction: `tx` for every read and write (on SQLite a query on the database itself would
 * wait for this transaction to end), the publisher, and the expertise model fetched before the transaction
 * opened (bringing it up to date reads the database).
 */
export interface RoutingTx {
  tx: Db
  events: Publisher
  model: ExpertiseModel
}

/** Routing's time now (the app's clock), as an ISO string. */
export const nowOf = (deps: Pick<RoutingDeps, 'clock'>) => clockIso(deps.clock ?? systemClock)
const inOf = (deps: RoutingDeps, ms: number) => clockIso(deps.clock ?? systemClock, ms)

const WEEK_MS = 7 * 24 * 3600_000

/** True when the person does not want questions now: opted out, or inside their away period. */
export function isUnavailable(a: AvailabilityRow | undefined, now: string): boolean {
  if (!a) return false
  if (a.opted_out === 1) return true
  return Boolean(a.away_from && a.away_until && a.away_from <= now && now < a.away_until)
}

/**
 * People who said "not my area" to a question like this one in the last week: they are not offered it. Similar
 * means a shared tag or close wording (similar-questions.ts).
 */
async function declinedSimilarThisWeek(
  db: Db,
  question: { id: number; title: string; body: string; tags: string },
  since: string,
): Promise<Set<string>> {
  const declines = await findDeclinesSince(db, 'not_my_area', since)
  if (declines.length === 0) return new Set()
  const posts = new Map((await findPostsByIds(db, [...new Set(declines.map((d) => Number(d.question_id)))])).map((p) => [p.id, p]))
  const me: QuestionText = { title: question.title, body: question.body, tags: parseTags(question.tags) }
  const out = new Set<string>()
  for (const d of declines) {
    const p = posts.get(Number(d.question_id))
    if (p && (p.id === question.id || areSimilarQuestions(me, { title: p.title, body: p.body, tags: parseTags(p.tags) })))
      out.add(d.person_id)
  }
  return out
}

/**
 * Whether a round of this community may hold an explore slot: its setting if it chose one, otherwise only
 * once its first questions (settings.exploreAfterQuestions) have been routed.
 */
export async function exploreAllowed(deps: RoutingDeps, db: Db, communityId: string): Promise<boolean> {
  const chosen = await findCommunityRouting(db, communityId)
  if (chosen) return chosen.explore === 'on'
  return (await countRoutesInCommunity(db, communityId)) > deps.settings.exploreAfterQuestions
}

/**
 * Offers a question to the next best people. The pool is everyone who can read the question's community,
 * less the asker, people already offered it, people who opted out or are away, and people at their weekly
 * limit, and people who declined a similar question as "not my area" this week. Candidates are ranked by the
 * expertise model (what they did); the round goes to people with evidence, discounted by recent load, and at
 * most one explore slot (round-policy.ts). Returns the people offered; none means nobody fits.
 */
export async function offerNextRound(
  deps: RoutingDeps,
  { tx: db, events, model }: RoutingTx,
  questionId: number,
  count = deps.settings.offersPerRound,
): Promise<OfferRow[]> {
  const { settings } = deps
  const question = await findPostById(db, questionId)
  if (!question || question.status !== 'active') return []
  const route = await findRoute(db, questionId)
  if (!route) return []
  const now = nowOf(deps)
  const community = (await getCommunityRefs(db, [question.community_id])).get(question.community_id)
  if (!community) return []
  const activeIds = await activePersonIds(db)
  // An open community's pool is everyone active; read once, it also serves as the active filter below.
  const pool = community.visibility === 'open' ? activeIds : await memberIds(db, question.community_id)
  const already = new Set((await findOffersForQuestion(db, questionId)).map((o) => o.person_id))
  const availability = new Map((await findAllAvailability(db)).map((a) => [a.person_id, a]))
  const weekAgo = inOf(deps, -WEEK_MS)
  const load = await countOffersSince(db, weekAgo)
  // "Busy" says nothing about what someone knows, only that they have enough on: it counts as one more offer.
  for (const d of await findDeclinesSince(db, 'busy', weekAgo)) load.set(d.person_id, (load.get(d.person_id) ?? 0) + 1)
  const declinedSimilar = await declinedSimilarThisWeek(db, question, weekAgo)
  const active = new Set(activeIds)
  const tags = parseTags(question.tags)
  // A hidden topic is never routed: anyone who hid one of the question's tags is left out entirely.
  const hiding = new Set((await findAllHiddenTopics(db)).filter((h) => tags.includes(h.tag)).map((h) => h.person_id))
  const candidates = pool.filter((id) => {
    if (id === route.asker_id || already.has(id) || !active.has(id) || hiding.has(id) || declinedSimilar.has(id)) return false
    const a = availability.get(id)
    if (isUnavailable(a, now)) return false
    return (load.get(id) ?? 0) < (a?.max_per_week ?? settings.defaultWeeklyLimit)
  })
  if (candidates.length === 0) return []
  const ranked = model.rank({ title: question.title, body: question.body, tags, askerId: route.asker_id }, candidates, {
    limit: 30,
    evidenceFor: 30,
    evidenceItems: 3,
    now: Date.parse(now),
  })
  if (ranked.length === 0) return []
  const explore = await exploreAllowed(deps, db, question.community_id)
  const adjusted = pickRound(ranked, load, { count, loadPenalty: settings.loadPenalty, explore })
  if (adjusted.length === 0) return []
  const round = route.round + 1
  const rows: OfferRow[] = adjusted.map((r, i) => ({
    id: newId(),
    question_id: questionId,
    person_id: r.personId,
    status: 'offered',
    round,
    rank: i + 1,
    score: r.score,
    reason: null,
    evidence: JSON.stringify(r.evidence satisfies Evidence[]),
    offered_at: now,
    responded_at: null,
    snoozed_until: null,
    slot: r.slot,
  }))
  await insertOffers(db, rows)
  await updateRoute(db, questionId, { round, next_check_at: inOf(deps, settings.waitMs), updated_at: now })
  await events.publish('asks.question_offered', {
    offers: rows.map((r) => ({ personId: r.person_id, questionId, communityId: question.community_id, title: question.title })),
  })
  return rows
}

/** Starts routing a newly asked question. */
export async function startRouting(
  deps: RoutingDeps,
  rtx: RoutingTx,
  questionId: number,
  askerId: string | null,
  communityId: string,
): Promise<OfferRow[]> {
  const now = nowOf(deps)
  await insertRoute(rtx.tx, {
    question_id: questionId,
    asker_id: askerId,
    community_id: communityId,
    status: 'routing',
    round: 0,
    next_check_at: inOf(deps, deps.settings.waitMs),
    created_at: now,
    updated_at: now,
  })
  const offers = await offerNextRound(deps, rtx, questionId)
  if (offers.length === 0) await giveUp(deps, rtx, questionId)
  return offers
}

/**
 * Nobody (more) can be asked. A newcomer's question is never left unanswered silently: it goes to the
 * community's stewards. Others are marked exhausted.
 */
export async function giveUp(
  deps: RoutingDeps,
  { tx: db, events }: Pick<RoutingTx, 'tx' | 'events'>,
  questionId: number,
): Promise<'escalated' | 'exhausted'> {
  const route = await findRoute(db, questionId)
  if (!route) return 'exhausted'
  const newcomer = route.asker_id !== null && (await roleIn(db, route.asker_id, route.community_id)) === 'newcomer'
  const status = newcomer ? 'escalated' : 'exhausted'
  await updateRoute(db, questionId, { status, updated_at: nowOf(deps) })
  if (newcomer) {
    const post = await findPostById(db, questionId)
    const stewards = (await stewardIds(db, route.community_id)).filter((id) => id !== route.asker_id)
    await events.publish('asks.question_escalated', {
      stewardIds: stewards,
      questionId,
      communityId: route.community_id,
      title: post?.title ?? '',
    })
  }
  return status
}

/** Runs one routing step in its own transaction, with the model brought up to date before it opens. */
export async function inRoutingTransaction<T>(deps: RoutingDeps, fn: (rtx: RoutingTx) => Promise<T>): Promise<T> {
  const model = await deps.expertise.current()
  return deps.bus.transaction(deps.db, (tx, events) => fn({ tx, events, model }))
}

/**
 * Moves on every routed question whose round has timed out without an answer: open offers expire and the
 * next candidates get it, up to the last round. Safe to run on several nodes at once: a node takes a
 * question only if it moves its check time first (compare and set).
 */
export async function rerouteDue(deps: RoutingDeps, limit = 100): Promise<{ rerouted: number; answered: number; gaveUp: number }> {
  const result = { rerouted: 0, answered: 0, gaveUp: 0 }
  const now = nowOf(deps)
  const due = await deps.db
    .selectFrom('question_route')
    .selectAll()
    .where('status', '=', 'routing')
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit)
    .execute()
  for (const route of due) {
    // Each question in one transaction: its claim (compare and set on the check time), the expired offers and
    // the next round commit together, so a failure leaves the question due for the next check.
    const outcome = await inRoutingTransaction(deps, async (rtx) => {
      const db = rtx.tx
      const claimed = await db
        .updateTable('question_route')
        .set({ next_check_at: inOf(deps, deps.settings.waitMs), updated_at: now })
        .where('question_id', '=', route.question_id)
        .where('next_check_at', '=', route.next_check_at)
        .where('status', '=', 'routing')
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return 'skipped' as const
      const questionId = Number(route.question_id)
      const post = await findPostById(db, questionId)
      if (!post || post.status !== 'active' || post.answer_count > 0) {
        await updateRoute(db, questionId, { status: 'answered', updated_at: now })
        await closeOpenOffers(db, questionId, 'expired', now)
        return 'answered' as const
      }
      await closeOpenOffers(db, questionId, 'expired', now)
      const offers = route.round < deps.settings.maxRounds ? await offerNextRound(deps, rtx, questionId) : []
      if (offers.length > 0) return 'rerouted' as const
      await giveUp(deps, rtx, questionId)
      return 'gaveUp' as const
    })
    if (outcome !== 'skipped') result[outcome]++
  }
  return result
}
