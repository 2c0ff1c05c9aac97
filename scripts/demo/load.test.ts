import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestDatabase, DIALECTS, login } from '../../test/helpers/app.js'
import { buildApp } from '../../src/server/app.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { loadConfig } from '../../src/server/platform/config.js'
import { openDatabase, type Database } from '../../src/server/platform/db/database.js'
import { DEMO_ADMIN_EMAIL } from './catalogue.js'
import { demoTruth, generateDemo } from './generate.js'
import { loadDemoOrganisation } from './load.js'
import { DEMO_SIMULATIONS } from './simulations.js'

const TODAY = '2025-03-10'
/** Made up for this test run, as `npm run demo` makes one up per load. */
const PASSWORD = `demo-${Math.random().toString(36).slice(2)}`

describe.each(DIALECTS)('%s: loading the demo organisation and its year', (dialect) => {
  const org = generateDemo({ seed: 7, today: TODAY })
  const k = org.activity
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  let database: Database
  let app: FastifyInstance
  const counts = async () => {
    const n = async (
      table:
        | 'post'
        | 'interaction'
        | 'thanks'
        | 'adoption'
        | 'membership'
        | 'membership_event'
        | 'community'
        | 'person'
        | 'post_tag'
        | 'join_request'
        | 'learning_module'
        | 'lesson_page'
        | 'lesson_progress'
        | 'learning_session'
        | 'session_enrolment',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      people: await n('person'),
      communities: await n('community'),
      memberships: await n('membership'),
      events: await n('membership_event'),
      requests: await n('join_request'),
      posts: await n('post'),
      tags: await n('post_tag'),
      thanks: await n('thanks'),
      adoptions: await n('adoption'),
      interactions: await n('interaction'),
      lessons: await n('learning_module'),
      lessonPages: await n('lesson_page'),
      lessonReaders: await n('lesson_progress'),
      sessions: await n('learning_session'),
      enrolments: await n('session_enrolment'),
    }
  }
  const L = org.learning
  /** Pairs who were together in a past session (the facilitator among them), as the app logs co-attendance. */
  const sessionPairs = L.sessions.reduce((sum, s) => {
    const n = new Set([s.facilitator, ...s.attended]).size
    return sum + (s.attended.length > 0 ? (n * (n - 1)) / 2 : 0)
  }, 0)
  const postId = async (n: number) =>
    Number(
      (
        await database.db
          .selectFrom('post')
          .select('id')
          .where('source', '=', 'demo')
          .where('source_ref', '=', `demo:${n}`)
          .executeTakeFirstOrThrow()
      ).id,
    )
  const personId = async (email: string) =>
    (await database.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id

  beforeAll(async () => {
    store = await createTestDatabase(dialect)
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
  })
  afterAll(async () => {
    await app?.close()
    await database.close()
    await store.drop()
  })

  it('writes people, communities, memberships, posts, thanks, adoptions, the interaction log and the learning catalogue', async () => {
    const outcome = await loadDemoOrganisation(
      database.db,
      database.dialect.name,
      org,
      await hashPassword(PASSWORD),
      `${TODAY}T08:00:00.000Z`,
    )
    expect(outcome.status).toBe('loaded')
    expect(await counts()).toEqual({
      people: org.people.length,
      communities: k.spaces.length,
      memberships: k.members.length,
      events: k.members.reduce((s, m) => s + m.events.length, 0),
      requests: k.joinRequests.length,
      posts: k.posts.length,
      tags: k.posts.reduce((s, p) => s + p.tags.length, 0),
      thanks: k.thanks.length,
      adoptions: k.adoptions.length,
      interactions: k.interactions.length + sessionPairs,
      lessons: L.lessons.length + DEMO_SIMULATIONS.length,
      lessonPages: L.lessons.reduce((sum, l) => sum + l.pages.length, 0),
      lessonReaders: L.lessons.reduce((sum, l) => sum + l.readers.length, 0),
      sessions: L.sessions.length,
      enrolments: L.sessions.reduce((sum, s) => sum + s.enrolled.length, 0),
    })
    expect(L.lessons.length).toBeGreaterThan(0)
    expect(L.sessions.some((s) => s.enrolled.length > s.capacity)).toBe(true)
    const accepted = await database.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accepted_answer_id', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(Number(accepted.n)).toBe(k.posts.filter((p) => p.accepted !== null).length)
  })

  it('adds nothing when run again', async () => {
    const before = await counts()
    const again = await loadDemoOrganisation(database.db, database.dialect.name, org, 'unused', `${TODAY}T09:00:00.000Z`)
    expect(again).toEqual({
      status: 'already-loaded',
      marker: { seed: 7, today: TODAY, loaded_at: `${TODAY}T08:00:00.000Z`, admin: DEMO_ADMIN_EMAIL },
    })
    expect(await counts()).toEqual(before)
  })

  it('is what the API serves: communities by visibility, a home with content, threads, search, learned-from pages and trajectories', async () => {
    await database.close()
    const config = loadConfig(
      {},
      { dataDir: store.dataDir, databaseUrl: store.databaseUrl, logLevel: 'silent', authRateLimit: 10_000, webDir: '/nonexistent' },
    )
    app = await buildApp(config, { jobPollMs: 50, jobBackoffMs: 50 })
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })

    const secret = k.spaces.find((s) => s.visibility === 'secret')!
    const insider = await login(app, secret.createdBy, PASSWORD)
    const outsiderEmail = org.people.find((p) => p.startDate <= TODAY && !k.members.some((m) => m.email === p.email))!.email
    const outsider = await login(app, outsiderEmail, PASSWORD)
    const slugs = async (c: typeof insider) =>
      (await c.get('/api/communities'))
        .json<{ items: { slug: string }[] }>()
        .items.map((x) => x.slug)
        .sort()
    expect(await slugs(insider)).toContain(secret.slug)
    expect(await slugs(outsider)).toEqual(
      k.spaces
        .filter((s) => s.visibility !== 'secret')
        .map((s) => s.slug)
        .sort(),
    )
    expect((await outsider.get(`/api/communities/${secret.slug}`)).statusCode).toBe(404)
    const closed = k.spaces.find((s) => s.visibility === 'closed')!
    expect((await outsider.get(`/api/communities/${closed.slug}/home`)).statusCode).toBe(403)

    const open = k.spaces.find((s) => s.visibility === 'open')!
    const home = (await outsider.get(`/api/communities/${open.slug}/home`)).json()
    expect(home.whatsNew.length).toBeGreaterThan(0)
    expect(home.practices.length).toBeGreaterThan(0)
    expect(home.members.core.length + home.members.steward.length).toBeGreaterThanOrEqual(3)

    const q = k.posts.find((p) => p.space === open.slug && p.accepted !== null && p.answerCount > 1)!
    const thread = (await outsider.get(`/api/posts/${await postId(q.n)}`)).json()
    expect(thread.post).toMatchObject({ title: q.title, answerCount: q.answerCount, acceptedAnswerId: await postId(q.accepted!) })
    expect(thread.answers[0].id).toBe(await postId(q.accepted!))
    expect(thread.answers).toHaveLength(q.answerCount)

    const word = q.title.split(/\W+/).reduce((a, b) => (b.length > a.length ? b : a))
    const res = await outsider.get(`/api/search?q=${encodeURIComponent(word)}&community=${open.slug}`)
    expect(res.statusCode, res.body).toBe(200)
    const search = res.json()
    expect(search.total, JSON.stringify({ word, search })).toBeGreaterThan(0)

    const expert = demoTruth(org, '').communities.find((c) => c.slug === open.slug)!.experts[0]!
    const learnedFrom = (await outsider.get(`/api/people/${await personId(expert.email)}/learned-from`)).json()
    expect(learnedFrom.counts.answers).toBe(k.posts.filter((p) => p.kind === 'answer' && p.author === expert.email).length)

    const climber = k.members.find((m) => m.space === open.slug && m.events.length >= 3)!
    const trajectories = (await outsider.get(`/api/people/${await personId(climber.email)}/trajectories`)).json().items as {
      community: { slug: string }
      events: unknown[]
    }[]
    expect(trajectories.find((t) => t.community.slug === open.slug)?.events).toHaveLength(climber.events.length)

    // The learning catalogue: a lesson of an open community opens where its reader left it; a past session
    // shows its facilitator the feedback in aggregate once enough attendees rated it.
    const lesson = L.lessons.find((l) => k.spaces.find((x) => x.slug === l.space)?.visibility === 'open' && l.readers.length > 0)!
    const reader = await login(app, lesson.readers[0]!.email, PASSWORD)
    const catalogue = (await reader.get('/api/learning/modules')).json<{ items: { id: string; title: string; kind: string }[] }>().items
    const listed = catalogue.find((m) => m.title === lesson.title)!
    expect(listed.kind).toBe('lesson')
    const opened = (await reader.get(`/api/learning/lessons/${listed.id}`)).json()
    expect(opened.progress).toMatchObject({ done: lesson.readers[0]!.done, position: lesson.readers[0]!.position })
    expect(opened.pages).toHaveLength(lesson.pages.length)
    const run = L.sessions.find((s) => s.feedback.length >= 5)!
    const facilitator = await login(app, run.facilitator, PASSWORD)
    const { id: runId } = await database.db
      .selectFrom('learning_session')
      .select('id')
      .where('title', '=', run.title)
      .where('starts_at', '=', run.startsAt)
      .executeTakeFirstOrThrow()
    const roster = (await facilitator.get(`/api/learning/sessions/${runId}/roster`)).json()
    expect(roster.feedback.responses).toBe(run.feedback.length)
    // The simulation: its author sees the paths its demo players took, the common ones counted.
    const sim = catalogue.find((m) => m.title === DEMO_SIMULATIONS[0]!.title)!
    expect(sim.kind).toBe('simulation')
    const author = await login(app, L.lessons[0]!.author, PASSWORD)
    const paths = (await author.get(`/api/learning/simulations/${sim.id}/paths`)).json<{ choices: { learners: number | null }[] }>()
    expect(paths.choices.some((c) => (c.learners ?? 0) >= 5)).toBe(true)
  })
})
