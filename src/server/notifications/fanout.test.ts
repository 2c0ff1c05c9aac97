import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { findPostById } from '../knowledge/lookup.js'
import { findJobs } from '../platform/jobs/store.js'
import { JOB_PRIORITY } from '../platform/jobs/worker.js'
import { FANOUT_JOB } from './fanout.js'
import type { FanoutPayload } from './listeners.js'
import { jobsSettled } from './test-support.js'

const FOLLOWERS = 12
const COMMUNITIES = ['burst-a', 'burst-b']

describe.each(DIALECTS)('%s: notification fan-out under a burst of posts', (dialect) => {
  let t: TestApp
  let posters: Client[]
  let followers: Client[]
  const posted: { id: number; by: string }[] = []

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const steward = await setupAdmin(t.app)
    for (const name of COMMUNITIES) {
      expect((await steward.post('/api/communities', { name, purpose: name, visibility: 'open' })).statusCode).toBe(201)
    }
    posters = []
    followers = []
    for (let i = 0; i < 3; i++) posters.push(await loggedInPerson(t.app, { name: `Poster ${i}`, email: `poster${i}@example.com` }))
    for (let i = 0; i < FOLLOWERS; i++) followers.push(await loggedInPerson(t.app, { name: `Follower ${i}`, email: `f${i}@example.com` }))
    for (const c of [...posters, ...followers]) {
      for (const slug of COMMUNITIES) expect((await c.post(`/api/communities/${slug}/join`, {})).statusCode).toBeLessThan(300)
    }
  })
  afterAll(async () => t.close())

  const jobCount = async () => (await findJobs(t.app.db)).length
  const newPostsOf = async (personId: string) =>
    t.app.db.selectFrom('notification').select('post_id').where('person_id', '=', personId).where('kind', '=', 'new_post').execute()
  const burst = (n: number) =>
    Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const poster = posters[i % posters.length]!
        const res = await poster.post(`/api/communities/${COMMUNITIES[i % COMMUNITIES.length]}/posts`, {
          kind: 'story',
          title: `Story ${posted.length + i}`,
          body: 'What we learned this week.',
          tags: ['burst'],
        })
        expect(res.statusCode).toBe(201)
        posted.push({ id: res.json<{ id: number }>().id, by: poster.id })
      }),
    )
  /** Every follower and poster has a new_post notification for every post but their own. */
  const expectEveryoneTold = async () => {
    for (const c of [...posters, ...followers]) {
      const got = new Set((await newPostsOf(c.id)).map((r) => Number(r.post_id)))
      const expected = posted.filter((p) => p.by !== c.id).map((p) => p.id)
      expect([...got].sort()).toEqual(expected.sort())
    }
    const waiting = await t.app.db.selectFrom('notification_fanout').select('post_id').execute()
    expect(waiting).toEqual([])
  }

  it('queues one bulk job per community for a burst of posts, not one per post (or per follower)', async () => {
    const before = await jobCount()
    await burst(30)
    // The worker is not running: everything the burst queued is still there.
    const queued = (await findJobs(t.app.db)).sort((a, b) => (a.payload < b.payload ? -1 : a.payload > b.payload ? 1 : 0))
    expect(await jobCount()).toBe(before + COMMUNITIES.length)
    expect(queued.filter((j) => j.kind === FANOUT_JOB)).toHaveLength(COMMUNITIES.length)
    expect(queued.every((j) => j.kind !== FANOUT_JOB || j.priority === JOB_PRIORITY.bulk)).toBe(true)

    t.app.jobs.start()
    await jobsSettled(t.app)
    await expectEveryoneTold()
    // Each post told to the 15 other members: the steward, the two other posters and the followers.
    expect(await t.app.db.selectFrom('notification').select('id').where('kind', '=', 'new_post').execute()).toHaveLength(30 * 15)
  })

  it('announces posts written while their community’s job runs', async () => {
    for (let round = 0; round < 6; round++) {
      await burst(8)
      await new Promise((r) => setTimeout(r, round * 10))
    }
    await jobsSettled(t.app)
    await expectEveryoneTold()
  })

  it('announces more posts than one run reads (50), the rest in a job of its own', async () => {
    await t.app.jobs.stop()
    const before = (await findJobs(t.app.db)).filter((j) => j.kind === FANOUT_JOB).length
    // 55 posts in each community while the worker is stopped: one job each, holding more than one round.
    await burst(110)
    t.app.jobs.start()
    await jobsSettled(t.app)
    await expectEveryoneTold()
    const ran = (await findJobs(t.app.db)).filter((j) => j.kind === FANOUT_JOB).length - before
    expect(ran).toBe(2 * COMMUNITIES.length)
  })

  it('still runs a fan-out job queued by the previous version, with one post in its payload', async () => {
    const [post] = posted
    const follower = followers[0]!
    await t.app.db.deleteFrom('notification').where('person_id', '=', follower.id).where('post_id', '=', post!.id).execute()
    const payload: FanoutPayload = {
      postId: post!.id,
      communityId: (await findPostById(t.app.db, post!.id))!.community_id,
      authorId: post!.by,
      anonymous: false,
      title: 'Story',
      link: `/posts/${post!.id}`,
      exclude: [],
    }
    await t.app.jobs.enqueue(FANOUT_JOB, payload)
    await jobsSettled(t.app)
    expect((await newPostsOf(follower.id)).map((r) => Number(r.post_id))).toContain(post!.id)
  })
})

describe.each(DIALECTS)('%s: the fan-out and people who replied already', (dialect) => {
  let t: TestApp
  afterAll(async () => t?.close())

  it('does not announce a new question to a follower who answered it before the fan-out ran', async () => {
    t = await createTestApp(dialect)
    const steward = await setupAdmin(t.app)
    expect((await steward.post('/api/communities', { name: 'Ops', purpose: 'Ops', visibility: 'open' })).statusCode).toBe(201)
    const [ana, raj, mei] = await Promise.all(
      ['Ana', 'Raj', 'Mei'].map((name) => loggedInPerson(t.app, { name, email: `${name.toLowerCase()}@example.com` })),
    )
    for (const c of [ana!, raj!, mei!]) expect((await c.post('/api/communities/ops/join', {})).statusCode).toBeLessThan(300)
    // The worker is not running yet: the question waits for its (bulk) announcement while Raj answers it.
    const question = (await ana!.post('/api/communities/ops/posts', { kind: 'question', title: 'Rotate the keys?', body: '' })).json<{
      id: number
    }>()
    expect((await raj!.post(`/api/posts/${question.id}/answers`, { body: 'Yes, monthly.' })).statusCode).toBe(201)
    t.app.jobs.start()
    await jobsSettled(t.app)
    const newPostsAbout = async (personId: string) =>
      t.app.db
        .selectFrom('notification')
        .select('id')
        .where('person_id', '=', personId)
        .where('kind', '=', 'new_post')
        .where('post_id', '=', question.id)
        .execute()
    expect(await newPostsAbout(raj!.id)).toEqual([])
    expect(await newPostsAbout(mei!.id)).toHaveLength(1)
  })
})
