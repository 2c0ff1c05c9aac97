import type { AskBody, AskResult, Availability, Inbox, KnownFor } from '../../shared/asks.js'
import { normaliseTags, parseTags } from '../../shared/tags.js'
import { getCommunityRefs, readableCommunityIds } from '../communities/lookup.js'
import type { ReplyCreatedEvent } from '../knowledge/events.js'
import { renderWrittenPost, writeNewPost } from '../knowledge/service.js'
import { findPostsByIds, renderedExcerpt } from '../knowledge/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import { holdPersonForWrite } from '../people/service.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, NotFoundError } from '../platform/errors.js'
import { isoIn, newId, nowIso } from '../platform/time.js'
import { evidenceItemsFor, storedEvidence } from './reasons.js'
import { DEFAULT_ROUTING, inRoutingTransaction, nowOf, offerNextRound, startRouting, type RoutingDeps } from './routing.js'
import {
  findAvailability,
  findHiddenTopics,
  findInbox,
  findOffer,
  findRoute,
  insertResolution,
  markOfferAnswered,
  replaceHiddenTopics,
  updateOffer,
  updateRoute,
  upsertAvailability,
} from './store.js'

/** The asker found their answer in an existing post: nothing is posted, and the match is kept (duplicate detection learns from it). */
export async function resolveWithExisting(db: Db, viewer: Viewer, query: string, postId: number): Promise<void> {
  const [post] = await findPostsByIds(db, [postId])
  if (!post || post.status !== 'active' || !(await readableCommunityIds(db, viewer.id)).includes(post.community_id))
    throw new NotFoundError('post_not_found', `no post ${postId}`)
  await insertResolution(db, { id: newId(), asker_id: viewer.id, query, post_id: post.root_id ?? post.id, created_at: nowIso() })
}

/**
 * Posts the question in a community and routes it to the people most likely to answer it well, in one
 * transaction: a failure in ranking leaves no question behind without its route.
 */
export async function ask(deps: RoutingDeps, viewer: Viewer, body: AskBody): Promise<AskResult> {
  const { written, offers, status } = await inRoutingTransaction(deps, async (rtx) => {
    const written = await writeNewPost(
      rtx.tx,
      viewer,
      body.communitySlug,
      { kind: 'question', title: body.title, body: body.body, tags: body.tags },
      rtx.events,
    )
    const offers = await startRouting(deps, rtx, written.row.id, viewer.id, written.row.community_id)
    const route = await findRoute(rtx.tx, written.row.id)
    return { written, offers, status: route?.status ?? 'routing' }
  })
  const post = await renderWrittenPost(deps.db, viewer, written, false)
  const people = await getPersonSummaries(
    deps.db,
    offers.map((o) => o.person_id),
  )
  // The asker is told each person's actual reason, as far as the asker may see it.
  const tags = parseTags(written.row.tags)
  const why = await evidenceItemsFor(
    deps.db,
    viewer.id,
    offers.map((o) => ({ personId: o.person_id, evidence: storedEvidence(o.evidence), tags })),
  )
  const shown = offers.flatMap((o, i) => {
    const person = people.get(o.person_id)
    return person ? [{ person, slot: o.slot, why: o.slot === 'explore' ? [] : (why[i] ?? []) }] : []
  })
  return { questionId: post.id, offeredTo: shown.map((o) => o.person), offers: shown, status }
}

/** Questions offered to the viewer ("For you"), with why they were chosen. */
export async function getInbox(db: Db, viewer: Viewer): Promise<Inbox> {
  const offers = await findInbox(db, viewer.id, nowIso())
  const posts = new Map(
    (
      await findPostsByIds(
        db,
        offers.map((o) => Number(o.question_id)),
      )
    ).map((p) => [p.id, p]),
  )
  const readable = new Set(await readableCommunityIds(db, viewer.id))
  const live = offers.filter((o) => {
    const p = posts.get(Number(o.question_id))
    return p && p.status === 'active' && readable.has(p.community_id)
  })
  const communities = await getCommunityRefs(
    db,
    live.map((o) => posts.get(Number(o.question_id))?.community_id ?? ''),
  )
  const askers = await getPersonSummaries(
    db,
    live
      .map((o) => posts.get(Number(o.question_id)))
      .filter((p) => p?.anonymous === 0)
      .map((p) => p?.author_id),
  )
  const items = []
  for (const o of live) {
    const p = posts.get(Number(o.question_id))
    const c = p && communities.get(p.community_id)
    if (!p || !c) continue
    const tags = parseTags(p.tags)
    items.push({
      offerId: o.id,
      question: {
        id: p.id,
        title: p.title,
        excerpt: renderedExcerpt(p.body, 280),
        tags,
        community: { slug: c.slug, name: c.name },
        asker: p.author_id ? (askers.get(p.author_id) ?? null) : null,
        askedAt: p.created_at,
        answerCount: p.answer_count,
      },
      why:
        o.slot === 'explore'
          ? []
          : ((await evidenceItemsFor(db, viewer.id, [{ personId: viewer.id, evidence: storedEvidence(o.evidence), tags }]))[0] ?? []),
      slot: o.slot,
      offeredAt: o.offered_at,
      status: o.status === 'snoozed' ? ('snoozed' as const) : ('offered' as const),
    })
  }
  return { items }
}

async function loadOwnOffer(db: Db, viewer: Viewer, offerId: string) {
  const offer = await findOffer(db, offerId)
  if (!offer || offer.person_id !== viewer.id) throw new NotFoundError('offer_not_found', `no offer ${offerId}`)
  if (offer.status !== 'offered' && offer.status !== 'snoozed')
    throw new ConflictError('offer_closed', 'this question is no longer waiting for you')
  return offer
}

/**
 * Declines an offered question; either way the next candidate gets it. "Not my area" teaches the router and
 * keeps similar questions from the person for a week; "busy" counts towards their load only.
 */
export async function declineOffer(deps: RoutingDeps, viewer: Viewer, offerId: string, reason: 'not_my_area' | 'busy'): Promise<void> {
  const offer = await loadOwnOffer(deps.db, viewer, offerId)
  // The decline and the next candidate's offer commit together. A "not my area" teaches the routing model: it
  // reads the decline back on its next sync (expertise-service.ts).
  await inRoutingTransaction(deps, async (rtx) => {
    // The app's clock: "not within the same week" is measured from this time.
    await updateOffer(rtx.tx, offer.id, { status: 'declined', reason, responded_at: nowOf(deps) })
    const route = await findRoute(rtx.tx, Number(offer.question_id))
    if (route?.status === 'routing') await offerNextRound(deps, rtx, Number(offer.question_id), 1)
  })
}

export async function snoozeOffer(db: Db, viewer: Viewer, offerId: string, hours: number): Promise<void> {
  const offer = await loadOwnOffer(db, viewer, offerId)
  await updateOffer(db, offer.id, { status: 'snoozed', snoozed_until: isoIn(hours * 3600_000) })
}

export async function getAvailability(db: Db, viewer: Viewer): Promise<Availability> {
  const a = await findAvailability(db, viewer.id)
  return {
    maxPerWeek: a?.max_per_week ?? DEFAULT_ROUTING.defaultWeeklyLimit,
    awayFrom: a?.away_from ?? null,
    awayUntil: a?.away_until ?? null,
    optedOut: a?.opted_out === 1,
  }
}

export async function setAvailability(db: Db, viewer: Viewer, body: Availability): Promise<Availability> {
  const from = body.awayFrom ? new Date(body.awayFrom).toISOString() : null
  const until = body.awayUntil ? new Date(body.awayUntil).toISOString() : null
  if ((from === null) !== (until === null))
    throw new BadRequestError('away_period', 'give both the start and the end of the away period, or neither')
  if (from && until && from >= until) throw new BadRequestError('away_period', 'the away period must end after it starts')
  await upsertAvailability(db, {
    person_id: viewer.id,
    max_per_week: body.maxPerWeek,
    away_from: from,
    away_until: until,
    opted_out: body.optedOut ? 1 : 0,
    updated_at: nowIso(),
  })
  return getAvailability(db, viewer)
}

/** The topics the viewer does not want to be asked about. */
export function getHiddenTopics(db: Db, viewer: Viewer): Promise<string[]> {
  return findHiddenTopics(db, viewer.id)
}

export async function setHiddenTopics(deps: RoutingDeps, viewer: Viewer, tags: string[]): Promise<string[]> {
  const clean = normaliseTags(tags)
  // One replacement at a time per person: two at once each missed the other's new rows (a duplicate key, or
  // both sets kept). The routing model reads them back on its next sync, on this node and every other
  // (expertise-service.ts).
  await deps.db.transaction().execute(async (tx) => {
    await holdPersonForWrite(tx, viewer.id)
    await replaceHiddenTopics(tx, viewer.id, clean, nowIso())
  })
  return clean
}

/**
 * "What I'm known for": the topics the model thinks a person knows, each with the answers behind it that
 * the viewer may see. Hidden topics appear only to the person themself, marked hidden.
 */
export async function knownFor(deps: RoutingDeps, viewer: Viewer, personId: string): Promise<KnownFor> {
  const people = await getPersonSummaries(deps.db, [personId])
  if (!people.has(personId)) throw new NotFoundError('person_not_found', `no person ${personId}`)
  const model = await deps.expertise.current()
  const topics = model.knownFor(personId, 12)
  const hidden = viewer.id === personId ? await findHiddenTopics(deps.db, personId) : []
  const answerIds = topics.flatMap((t) => t.answerIds.map(Number))
  const readable = new Set(await readableCommunityIds(deps.db, viewer.id))
  const answers = new Map(
    (await findPostsByIds(deps.db, answerIds)).filter((a) => a.status === 'active' && readable.has(a.community_id)).map((a) => [a.id, a]),
  )
  const questions = new Map(
    (
      await findPostsByIds(
        deps.db,
        [...answers.values()].map((a) => a.parent_id ?? 0),
      )
    ).map((q) => [q.id, q]),
  )
  const shown = topics
    .map((t) => ({
      tag: t.tag,
      answers: t.answers,
      accepted: t.accepted,
      hidden: false,
      evidence: t.answerIds.flatMap((id) => {
        const a = answers.get(Number(id))
        const q = a?.parent_id ? questions.get(a.parent_id) : undefined
        return a && q && q.status === 'active' ? [{ questionId: q.id, answerId: a.id, title: q.title }] : []
      }),
    }))
    .filter((t) => t.evidence.length > 0 || viewer.id === personId)
  return { topics: [...shown, ...hidden.map((tag) => ({ tag, answers: 0, accepted: 0, hidden: true, evidence: [] }))] }
}

/**
 * An answer to a routed question stops its routing and closes the answerer's offer as answered. Subscribed
 * inside the answer's transaction, so both commit together.
 */
export async function closeRoutingOnAnswer(tx: Db, e: ReplyCreatedEvent): Promise<void> {
  if (e.kind !== 'answer') return
  const route = await findRoute(tx, e.parentId)
  if (!route) return
  const now = nowIso()
  await markOfferAnswered(tx, e.parentId, e.actorId, now)
  if (route.status === 'routing' || route.status === 'escalated' || route.status === 'exhausted')
    await updateRoute(tx, e.parentId, { status: 'answered', updated_at: now })
}
