import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemo } from '../../../scripts/demo/generate.js'
import { loadDemoOrganisation } from '../../../scripts/demo/load.js'
import { createTestDatabase } from '../../../test/helpers/app.js'
import { parseTags } from '../../shared/tags.js'
import { memberIds } from '../communities/lookup.js'
import { questionsAndAnswersAfter } from '../knowledge/lookup.js'
import { importPosts } from '../knowledge/service.js'
import { activePersonIds } from '../people/lookup.js'
import { openDatabase, type Database } from '../platform/db/database.js'
import { nowIso } from '../platform/time.js'
import { EventBus } from '../platform/events.js'
import { pino } from 'pino'
import { ExpertiseService } from './expertise-service.js'
import { DEFAULT_ROUTING, inRoutingTransaction, offerNextRound, type RoutingDeps } from './routing.js'

/** No single person may receive more than this share of the routed questions. */
const MAX_SHARE = 0.1
const QUESTIONS = 1000

/**
 * Routing 1,000 questions on the demo organisation (its year of questions and answers is the history the
 * model learns from): nobody gets more than their weekly limit, and with limits lifted, load spreading keeps
 * any one person under MAX_SHARE of the questions. SQLite only: the routing queries themselves are covered on
 * both dialects by asks.test.ts; this checks the policy at scale.
 */
describe('sqlite: load spreading over 1,000 routed questions on the demo organisation', () => {
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  let database: Database
  let deps: RoutingDeps
  let questions: { community_id: string; title: string; body: string; tags: string }[] = []
  let askers = new Map<string, string[]>()

  beforeAll(async () => {
    store = await createTestDatabase('sqlite')
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: undefined })
    const org = generateDemo({ seed: 11, today: new Date().toISOString().slice(0, 10) })
    await loadDemoOrganisation(database.db, 'sqlite', org, 'scrypt$16384$8$1$x$y', new Date().toISOString())
    deps = {
      db: database.db,
      expertise: new ExpertiseService(database.db),
      settings: { ...DEFAULT_ROUTING },
      bus: new EventBus(pino({ level: 'silent' })),
    }
    questions = (await questionsAndAnswersAfter(database.db, 0, 1_000_000)).filter((p) => p.kind === 'question')
    askers = new Map()
    for (const id of new Set(questions.map((q) => q.community_id))) askers.set(id, await memberIds(database.db, id))
  }, 300_000)
  afterAll(async () => {
    await database.close()
    await store.drop()
  })

  /** Asks QUESTIONS new questions, each like a past one, and routes each to its first round. */
  async function routeMany(tag: string): Promise<Map<string, number>> {
    const perPerson = new Map<string, number>()
    for (let i = 0; i < QUESTIONS; i++) {
      const like = questions[(i * 7919) % questions.length] as (typeof questions)[number]
      const pool = askers.get(like.community_id) ?? []
      const asker = pool[(i * 31) % Math.max(1, pool.length)] ?? null
      const now = nowIso()
      const ids = new Map<string, number>()
      await importPosts(
        database.db,
        { communityId: like.community_id, source: 'load-spreading-test' },
        [
          {
            ref: `${tag}:${i}`,
            kind: 'question',
            parentRef: null,
            authorId: asker,
            title: `${like.title} (${tag} ${i})`,
            body: like.body,
            tags: parseTags(like.tags),
            score: 0,
            created: now,
            lastActivity: now,
            url: '',
          },
        ],
        ids,
      )
      const id = ids.get(`${tag}:${i}`) as number
      await database.db
        .insertInto('question_route')
        .values({
          question_id: Number(id),
          asker_id: asker,
          community_id: like.community_id,
          status: 'routing',
          round: 0,
          next_check_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute()
      const offers = await inRoutingTransaction(deps, (rtx) => offerNextRound(deps, rtx, Number(id)))
      for (const o of offers) perPerson.set(o.person_id, (perPerson.get(o.person_id) ?? 0) + 1)
    }
    return perPerson
  }

  it('never offers anyone more than their weekly limit', async () => {
    const limits = new Map<string, number>()
    const people = (await activePersonIds(database.db)).map((id) => ({ id }))
    people.forEach((p, i) => limits.set(p.id, [1, 2, 3, 5][i % 4] as number))
    await database.db
      .insertInto('availability')
      .values(
        people.map((p) => ({
          person_id: p.id,
          max_per_week: limits.get(p.id) as number,
          away_from: null,
          away_until: null,
          opted_out: 0,
          updated_at: nowIso(),
        })),
      )
      .execute()
    const got = await routeMany('limits')
    expect(got.size).toBeGreaterThan(50)
    const over = [...got].filter(([id, n]) => n > (limits.get(id) ?? 0))
    expect(over).toEqual([])
  }, 600_000)

  it('spreads the load: with limits lifted, nobody gets more than a set share of the questions', async () => {
    await database.db.deleteFrom('route_offer').execute()
    await database.db.updateTable('availability').set({ max_per_week: 1000 }).execute()
    const got = await routeMany('share')
    const top = Math.max(...got.values())
    console.log(
      `load spreading: ${got.size} people received offers; the most loaded got ${top} of ${QUESTIONS} questions (${((top / QUESTIONS) * 100).toFixed(1)}%)`,
    )
    expect(top / QUESTIONS).toBeLessThanOrEqual(MAX_SHARE)
    expect(got.size).toBeGreaterThan(30)
  }, 600_000)
})
