import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BANKS, slotsOf, type QuestionBank, type QuestionSpec } from '../../../scripts/demo/bank/index.js'
import { DEFAULT_SEED, demoTruth, generateDemo, type DemoOrg } from '../../../scripts/demo/generate.js'
import { loadDemoOrganisation } from '../../../scripts/demo/load.js'
import { createTestDatabase, DIALECTS } from '../../../test/helpers/app.js'
import { communityRefBySlug, memberIds } from '../communities/lookup.js'
import { importPosts } from '../knowledge/service.js'
import { activeContacts, activePersonIds } from '../people/lookup.js'
import { openDatabase, type Database } from '../platform/db/database.js'
import { EventBus } from '../platform/events.js'
import { nowIso } from '../platform/time.js'
import { pino } from 'pino'
import { ExpertiseService } from './expertise-service.js'
import { DEFAULT_ROUTING, inRoutingTransaction, offerNextRound, type RoutingDeps } from './routing.js'

/** A topic is checked when the demo's year asked at least this many questions on it (as content.test.ts). */
const MIN_ASKED = 10

interface NewQuestion {
  tag: string
  title: string
  body: string
  tags: string[]
  space: string
}

/** `{slot}`s filled from the bank's slots, the combination numbered `k` (mixed radix over the slots). */
function fill(bank: QuestionBank, template: string, slots: string[], k: number): string {
  let rest = k
  const values = new Map<string, string>()
  for (const s of slots) {
    const options = bank.slots[s] ?? []
    values.set(s, options[rest % options.length]!)
    rest = Math.floor(rest / options.length)
  }
  return template.replace(/\{(\w+)\}/g, (_, s: string) => values.get(s) ?? s)
}

/**
 * For each topic with planted specialists, every bank question on it asked anew: its slots filled with the
 * first combination whose title the demo's year never asked, so the text is new to the model.
 */
function newQuestions(org: DemoOrg, specialists: Record<string, string[]>): NewQuestion[] {
  const posts = org.activity.posts.filter((p) => p.kind === 'question')
  const asked = new Set(posts.map((p) => p.title))
  const out: NewQuestion[] = []
  for (const tag of Object.keys(specialists)) {
    if (posts.filter((p) => p.tags.includes(tag)).length < MIN_ASKED) continue
    for (const space of org.activity.spaces) {
      const bank = BANKS[space.planted]
      if (!bank) continue
      for (const spec of bank.questions.filter((q: QuestionSpec) => q.tags.includes(tag))) {
        const slots = slotsOf(spec.title)
        for (let k = 0; k < 1000; k++) {
          const title = fill(bank, spec.title, slots, k)
          if (asked.has(title)) continue
          out.push({ tag, title, body: fill(bank, spec.bodies[0]!, slots, k), tags: [...spec.tags], space: space.slug })
          break
        }
      }
    }
  }
  return out
}

/**
 * The demo organisation, loaded by the real demo loader: for new questions on each topic, someone planted
 * as an expert of its topics (demo-truth.json's topic_specialists) ranks in the model's top 3, and every offer made outside
 * an explore slot shows its evidence. Both dialects: the demo's year loads in a few seconds.
 */
describe.each(DIALECTS)('%s: routing on the demo organisation', (dialect) => {
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  let database: Database
  let deps: RoutingDeps
  let org: DemoOrg
  let specialists: Record<string, string[]>
  const idByEmail = new Map<string, string>()

  beforeAll(async () => {
    store = await createTestDatabase(dialect)
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
    const today = new Date().toISOString().slice(0, 10)
    org = generateDemo({ seed: DEFAULT_SEED, today })
    specialists = demoTruth(org, '').topic_specialists
    await loadDemoOrganisation(database.db, dialect, org, 'scrypt$16384$8$1$x$y', new Date().toISOString())
    deps = {
      db: database.db,
      expertise: new ExpertiseService(database.db),
      settings: { ...DEFAULT_ROUTING },
      bus: new EventBus(pino({ level: 'silent' })),
    }
    const contacts = await activeContacts(database.db, await activePersonIds(database.db))
    for (const [id, c] of contacts) idByEmail.set(c.email, id)
  }, 300_000)
  afterAll(async () => {
    await database.close()
    await store.drop()
  })

  it('ranks a planted expert of the topic in the top 3 for new questions on it, and offers only with evidence', async () => {
    const questions = newQuestions(org, specialists)
    expect(new Set(questions.map((q) => q.tag)).size).toBeGreaterThan(8)
    const missed: string[] = []
    for (const [i, q] of questions.entries()) {
      const community = (await communityRefBySlug(database.db, q.space))!
      const members = await memberIds(database.db, community.id)
      // A question on two topics (its tags) is well routed to an expert of either.
      const experts = new Set(q.tags.flatMap((t) => specialists[t] ?? []).map((e) => idByEmail.get(e)))
      // The asker: a member who is not one of the topic's experts (an asker is never ranked for their own question).
      const asker = members.find((id) => !experts.has(id)) ?? null
      const pool = community.visibility === 'open' ? await activePersonIds(database.db) : members
      const model = await deps.expertise.current()
      // The semantic index refits in the background; the ranking checked is the settled one.
      await model.settled()
      const top3 = model.rank({ title: q.title, body: q.body, tags: q.tags, askerId: asker }, pool, { limit: 3 }).map((r) => r.personId)
      if (!top3.some((id) => experts.has(id))) missed.push(`${q.tag}: "${q.title}"`)

      // Routed for real: every expert offer carries the evidence shown as its reason.
      const ids = new Map<string, number>()
      const now = nowIso()
      const ref = `demo-routing:${i}`
      await importPosts(
        database.db,
        { communityId: community.id, source: 'demo-routing-test' },
        [
          {
            ...{ ref, kind: 'question', parentRef: null, authorId: asker, title: q.title, body: q.body, tags: q.tags },
            ...{ score: 0, created: now, lastActivity: now, url: '' },
          },
        ],
        ids,
      )
      const questionId = ids.get(ref)!
      await database.db
        .insertInto('question_route')
        .values({
          ...{ question_id: questionId, asker_id: asker, community_id: community.id, status: 'routing', round: 0 },
          ...{ next_check_at: now, created_at: now, updated_at: now },
        })
        .execute()
      const offers = await inRoutingTransaction(deps, (rtx) => offerNextRound(deps, rtx, questionId))
      for (const o of offers) {
        if (o.slot === 'explore') expect(JSON.parse(o.evidence)).toEqual([])
        else expect(JSON.parse(o.evidence), `${q.title}: offer to ${o.person_id}`).not.toEqual([])
      }
    }
    console.log(`demo routing: ${questions.length - missed.length} of ${questions.length} new questions had a planted expert in the top 3`)
    expect(missed).toEqual([])
  }, 300_000)
})
