import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestDatabase, DIALECTS, login } from '../../test/helpers/app.js'
import { buildApp } from '../../src/server/app.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { loadConfig } from '../../src/server/platform/config.js'
import { openDatabase, type Database } from '../../src/server/platform/db/database.js'
import { createDiskStorage } from '../../src/server/platform/storage.js'
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
        | 'session_enrolment'
        | 'quiz'
        | 'quiz_question'
        | 'quiz_answer'
        | 'review_card'
        | 'quiz_challenge'
        | 'learning_assignment'
        | 'scorm_attempt'
        | 'learning_search',
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
      quizzes: await n('quiz'),
      questions: await n('quiz_question'),
      answers: await n('quiz_answer'),
      cards: await n('review_card'),
      challenges: await n('quiz_challenge'),
      assignments: await n('learning_assignment'),
      scormAttempts: await n('scorm_attempt'),
      indexed: await n('learning_search'),
    }
  }
  const P = org.practice
  const L = org.learning
  /** Pairs who were together in a past session (the facilitator among them), as the app logs co-attendance. */
  const sessionPairs = L.sessions.reduce((sum, s) => {
    const n = new Set([s.facilitator, ...s.attended]).size
    return sum + (s.attended.length > 0 ? (n * (n - 1)) / 2 : 0)
  }, 0)
  const C = org.connections.programmes
  /** Pairs of each held meeting, as the check-back logs them (mentor → mentee, else every pair once). */
  const meetingPairs = C.flatMap((p) => [...p.rounds.flatMap((r) => r.matches), ...p.introductions]).reduce((sum, m) => {
    const n = m.members.filter((x) => x.response !== 'declined').length
    const pairs = m.members.some((x) => x.role === 'mentor') ? 1 : (n * (n - 1)) / 2
    return sum + m.meetings.filter((mt) => mt.held === 1).length * pairs
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
      // Where the app built below keeps its files: the demo's SCORM package goes there.
      createDiskStorage(path.join(store.dataDir, 'files')),
    )
    expect(outcome.status).toBe('loaded')
    // Learning maps for two or three of the open communities, with goals some members chose.
    const maps = outcome.status === 'loaded' ? outcome.maps : null
    expect(maps?.maps).toBeGreaterThanOrEqual(2)
    expect(maps?.goals).toBeGreaterThan(0)
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
      interactions: k.interactions.length + sessionPairs + meetingPairs,
      lessons: L.lessons.length + DEMO_SIMULATIONS.length + 1, // and the SCORM module
      lessonPages: L.lessons.reduce((sum, l) => sum + l.pages.length, 0),
      lessonReaders: L.lessons.reduce((sum, l) => sum + l.readers.length, 0),
      sessions: L.sessions.length,
      enrolments: L.sessions.reduce((sum, s) => sum + s.enrolled.length, 0),
      quizzes: P.quizzes.length,
      questions: P.quizzes.reduce((sum, q) => sum + q.spec.questions.length, 0),
      answers: P.quizzes.reduce((sum, q) => sum + q.answers.length, 0),
      cards: P.quizzes.reduce((sum, q) => sum + new Set(q.answers.map((a) => `${a.email} ${a.question}`)).size, 0),
      challenges: 1,
      assignments: P.assignments.length,
      scormAttempts: P.scormAttempts.length,
      // Every lesson, quiz and session that is not cancelled, and the SCORM module.
      indexed: L.lessons.length + P.quizzes.length + L.sessions.length + 1 + DEMO_SIMULATIONS.length, // and the SCORM module
    })
    // Every part of the catalogue is there: a quiz for each lesson, managers' assignments, attempts at the module.
    expect(P.quizzes.length).toBe(L.lessons.length)
    expect(new Set(P.quizzes.flatMap((q) => q.spec.questions.map((x) => x.kind)))).toEqual(
      new Set(['single', 'multiple', 'ordering', 'short']),
    )
    expect(new Set(P.assignments.map((a) => a.by)).size).toBe(2)
    expect(P.assignments.some((a) => a.item.kind === 'lesson')).toBe(true)
    expect(P.scormAttempts.some((a) => a.score !== null && a.score >= 80)).toBe(true)
    expect(P.scormAttempts.some((a) => a.score === null)).toBe(true)
    expect(L.lessons.length).toBeGreaterThan(0)
    expect(L.sessions.some((s) => s.enrolled.length > s.capacity)).toBe(true)
    const accepted = await database.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accepted_answer_id', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(Number(accepted.n)).toBe(k.posts.filter((p) => p.accepted !== null).length)
  })

  it('has connections of every kind between real demo people, and none for who opted out', async () => {
    const db = database.db
    const programmes = await db.selectFrom('programme').selectAll().execute()
    expect(programmes.map((p) => `${p.kind}:${p.status}`).sort()).toEqual(
      ['circles:open', 'intro:open', 'intro:open', 'lunch:open', 'mentoring:ended', 'mentoring:open'].sort(),
    )
    const people = new Map(
      (await db.selectFrom('person').select(['id', 'email', 'department', 'manager_id', 'start_date', 'analytics_opt_out']).execute()).map(
        (p) => [p.id, p],
      ),
    )
    // Every programme but the introductions is run by a People & Operations manager (someone has them as manager).
    for (const p of programmes.filter((p) => p.kind !== 'intro')) {
      expect(people.get(p.owner_id!)?.department).toBe('People & Operations')
      expect([...people.values()].some((q) => q.manager_id === p.owner_id)).toBe(true)
    }
    const members = await db
      .selectFrom('connection_member as cm')
      .innerJoin('connection_match as m', 'm.id', 'cm.match_id')
      .innerJoin('programme as p', 'p.id', 'm.programme_id')
      .leftJoin('connection_round as r', 'r.id', 'm.round_id')
      .select([
        'cm.match_id',
        'cm.person_id',
        'cm.role',
        'cm.response',
        'm.status',
        'm.proposed_by',
        'p.kind',
        'p.owner_id',
        'r.status as round',
        'r.number',
      ])
      .execute()
    const byMatch = new Map<string, typeof members>()
    for (const m of members) byMatch.set(m.match_id, [...(byMatch.get(m.match_id) ?? []), m])
    expect(members.every((m) => people.get(m.person_id)?.email.endsWith('@demo.wellspring.test'))).toBe(true)
    const optedOut = [...people.values()].filter((p) => p.analytics_opt_out === 1).map((p) => p.id)
    expect(optedOut).toHaveLength(org.optedOut.length)
    expect(optedOut.length).toBeGreaterThan(0)
    const participants = await db.selectFrom('programme_participant').select('person_id').execute()
    for (const id of optedOut) {
      expect(members.some((m) => m.person_id === id)).toBe(false)
      expect(participants.some((p) => p.person_id === id)).toBe(false)
    }
    const matches = [...byMatch.values()]
    const of = (kind: string) => matches.filter((m) => m[0]!.kind === kind)
    // Mentoring: a mentor started before their mentee; accepted, declined (and rematched), ended pairs.
    for (const m of of('mentoring')) {
      const mentor = people.get(m.find((x) => x.role === 'mentor')!.person_id)!
      const mentee = people.get(m.find((x) => x.role === 'mentee')!.person_id)!
      expect(mentor.start_date! < mentee.start_date!).toBe(true)
    }
    const statuses = (kind: string) => new Set(of(kind).map((m) => m[0]!.status))
    expect([...statuses('mentoring')]).toEqual(expect.arrayContaining(['active', 'declined', 'ended']))
    const declined = of('mentoring').find((m) => m[0]!.status === 'declined')!
    const decliner = declined.find((x) => x.response === 'declined')!
    expect(
      of('mentoring').some(
        (m) =>
          m[0]!.number === decliner.number && m[0]!.match_id !== decliner.match_id && m.some((x) => x.person_id === decliner.person_id),
      ),
    ).toBe(true)
    // Circles and lunch: the current round is a draft awaiting approval; lunch groups of 3–4 across departments.
    for (const kind of ['circles', 'lunch']) expect(of(kind).some((m) => m[0]!.round === 'draft')).toBe(true)
    for (const m of of('lunch')) {
      expect(m.length).toBeGreaterThanOrEqual(3)
      expect(m.length).toBeLessThanOrEqual(4)
      expect(new Set(m.map((x) => people.get(x.person_id)!.department)).size).toBeGreaterThan(1)
    }
    // Introductions: made by the manager who owns the programme, outside any round.
    expect(of('intro').length).toBeGreaterThanOrEqual(2)
    for (const m of of('intro')) expect(m[0]!.proposed_by).toBe(m[0]!.owner_id)
    // Meetings held are in the past and in the interaction log under their programme's kind.
    const meetings = await db.selectFrom('connection_meeting').select(['id', 'starts_at', 'held']).execute()
    expect(meetings.filter((mt) => mt.held !== null).every((mt) => mt.starts_at < `${TODAY}T00:00:00.000Z`)).toBe(true)
    expect(meetings.some((mt) => mt.starts_at > `${TODAY}T00:00:00.000Z`)).toBe(true)
    const logged = await db
      .selectFrom('interaction')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', 'in', ['mentoring', 'coaching', 'lunch', 'intro'])
      .groupBy('kind')
      .execute()
    expect(logged.map((l) => l.kind).sort()).toEqual(['coaching', 'intro', 'lunch', 'mentoring'])
    expect(logged.reduce((sum, l) => sum + Number(l.n), 0)).toBe(meetingPairs)
    const reflections = await db.selectFrom('programme_participant').select('reflection').where('reflection', 'is not', null).execute()
    expect(reflections.length).toBeGreaterThanOrEqual(2)
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

    // Connections: the owner sees the lunch round's draft with its "why you"; a mentee sees their match.
    const lunch = C.find((p) => p.kind === 'lunch')!
    const owner = await login(app, lunch.owner, PASSWORD)
    const ownProgrammes = (await owner.get('/api/connections/programmes')).json<{
      items: { id: string; kind: string; canManage: boolean }[]
    }>()
    const lunchId = ownProgrammes.items.find((p) => p.kind === 'lunch' && p.canManage)!.id
    const rounds = (await owner.get(`/api/connections/programmes/${lunchId}/rounds`)).json<{ items: { id: string; status: string }[] }>()
    expect(rounds.items[0]!.status).toBe('draft')
    const draft = (await owner.get(`/api/connections/rounds/${rounds.items[0]!.id}`)).json()
    expect(draft.matches).toHaveLength(lunch.rounds.at(-1)!.matches.length)
    expect(draft.matches[0].reasons.length).toBeGreaterThan(0)
    const mentee = C.find((p) => p.kind === 'mentoring' && p.status === 'open')!.rounds[0]!.matches.find((m) => m.status === 'active')!
    const menteeEmail = mentee.members.find((x) => x.role === 'mentee')!.email
    const mine = (await (await login(app, menteeEmail, PASSWORD)).get('/api/connections/matches')).json()
    expect(mine.items.some((m: { status: string; reasons: string[] }) => m.status === 'active' && m.reasons.length > 0)).toBe(true)
    expect((await outsider.get(`/api/connections/rounds/${rounds.items[0]!.id}`)).statusCode).toBe(403)

    // The simulation: its author sees the paths its demo players took, the common ones counted.
    const sim = catalogue.find((m) => m.title === DEMO_SIMULATIONS[0]!.title)!
    expect(sim.kind).toBe('simulation')
    const author = await login(app, L.lessons[0]!.author, PASSWORD)
    const paths = (await author.get(`/api/learning/simulations/${sim.id}/paths`)).json<{ choices: { learners: number | null }[] }>()
    expect(paths.choices.some((c) => (c.learners ?? 0) >= 5)).toBe(true)
  })

  it('serves every part of the catalogue: the SCORM module and its attempts, due reviews, the challenge, assignments, search', async () => {
    // The company's own SCORM 1.2 module: listed, its files served, a learner's tracked attempt resumed.
    const attempt = P.scormAttempts.find((a) => a.score !== null && a.score >= 80)!
    const learner = await login(app, attempt.email, PASSWORD)
    const modules = (await learner.get('/api/learning/modules')).json<{ items: { id: string; title: string; kind: string }[] }>().items
    const scorm = modules.find((m) => m.kind === 'scorm')!
    expect(scorm.title).toBe('Looking after customer data')
    const module = (await learner.get(`/api/learning/modules/${scorm.id}`)).json()
    expect(module).toMatchObject({ scormVersion: '1.2', launch: 'index.html', community: null })
    const script = await learner.get(`/api/learning/modules/${scorm.id}/files/course.js`)
    expect(script.statusCode).toBe(200)
    expect(script.body).toContain("api.LMSInitialize('')")
    expect((await learner.get(`/api/learning/modules/${scorm.id}/items/0/attempt`)).json()).toMatchObject({
      status: 'passed',
      score: attempt.score,
      location: '4',
    })

    // Quizzes answered weeks ago come back for review.
    const quiz = P.quizzes.find((q) => q.answers.length > 0)!
    const answerer = await login(app, quiz.answers[0]!.email, PASSWORD)
    expect((await answerer.get('/api/learning/reviews')).json<{ due: number }>().due).toBeGreaterThan(0)

    // The team challenge, seen by a member of its community.
    const { id: challengeId } = await database.db.selectFrom('quiz_challenge').select('id').executeTakeFirstOrThrow()
    const member = await login(app, P.challenge!.by, PASSWORD)
    const progress = await member.get(`/api/learning/challenges/${challengeId}`)
    expect(progress.statusCode, progress.body).toBe(200)
    expect(progress.json()).toMatchObject({ quiz: { title: P.challenge!.quiz }, community: { slug: P.challenge!.space } })

    // Push: the managers see what they assigned, their reports what they were asked.
    const push = P.assignments.find((a) => a.item.kind === 'scorm')!
    const manager = await login(app, push.by, PASSWORD)
    expect((await manager.get('/api/learning/assignments/made')).json<{ items: unknown[] }>().items.length).toBeGreaterThan(0)
    const report = await login(app, push.to, PASSWORD)
    const mine = (await report.get('/api/learning/assignments/mine')).json<{ items: { module: { title: string } }[] }>().items
    expect(mine.map((a) => a.module.title)).toContain('Looking after customer data')

    // Found through search, and listed on the community it belongs to.
    const lesson = L.lessons.find((l) => k.spaces.find((x) => x.slug === l.space)?.visibility === 'open')!
    const found = (await learner.get(`/api/search?q=${encodeURIComponent(lesson.title)}`)).json<{
      catalogue: { title: string; kind: string }[]
    }>()
    expect(found.catalogue).toContainEqual(expect.objectContaining({ kind: 'lesson', title: lesson.title }))
    const section = (await learner.get(`/api/learning/communities/${lesson.space}`)).json<{ items: { title: string; kind: string }[] }>()
    expect(section.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['lesson', 'quiz']))
  })
})
