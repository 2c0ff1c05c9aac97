import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, loggedInPerson } from '../../../test/helpers/factories.js'
import { participationIn } from '../knowledge/lookup.js'
import { applyPromotionRules } from './membership.js'

describe.each(DIALECTS)('%s: communities', (dialect) => {
  let t: TestApp
  let sam: Client
  let ana: Client
  let leo: Client
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam Steward' })
    ana = await loggedInPerson(t.app, { name: 'Ana Newcomer' })
    leo = await loggedInPerson(t.app, { name: 'Leo Outsider' })
  })
  afterAll(async () => t.close())

  it('lets anyone start a community and makes them its steward', async () => {
    const res = await sam.post('/api/communities', {
      name: 'Testing',
      purpose: 'Contract tests for every service',
      tags: ['Testing', 'qa'],
      visibility: 'open',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ slug: 'testing', myRole: 'steward', memberCount: 1, tags: ['testing', 'qa'], canSeeContent: true })
    const dup = await ana.post('/api/communities', { name: 'Testing', purpose: 'again', visibility: 'open' })
    expect(dup.json().slug).toBe('testing-2')
    expect((await ana.post('/api/communities', { name: 'Another', slug: 'testing', purpose: '', visibility: 'open' })).statusCode).toBe(409)
  })

  it('joins open communities at once, as a newcomer, and records the trajectory', async () => {
    const res = await ana.post('/api/communities/testing/join', {})
    expect(res.json()).toEqual({ status: 'joined', role: 'newcomer' })
    expect((await ana.post('/api/communities/testing/join', {})).statusCode).toBe(409)
    const members = (await leo.get('/api/communities/testing/members')).json().items
    expect(members.map((m: { role: string }) => m.role).sort()).toEqual(['newcomer', 'steward'])
    const traj = (await leo.get(`/api/people/${ana.id}/trajectories`)).json().items
    expect(traj.map((x: { community: { slug: string } }) => x.community.slug).sort()).toEqual(['testing', 'testing-2'])
    expect(traj.find((x: { community: { slug: string } }) => x.community.slug === 'testing')).toMatchObject({
      community: { slug: 'testing' },
      role: 'newcomer',
      events: [{ fromRole: null, toRole: 'newcomer', reason: 'join' }],
    })
  })

  it('keeps closed communities to name and purpose for outsiders, with join requests a steward decides', async () => {
    await sam.post('/api/communities', { name: 'Release engineering', purpose: 'Ship safely', tags: ['releases'], visibility: 'closed' })
    const outside = (await leo.get('/api/communities/release-engineering')).json()
    expect(outside).toMatchObject({ name: 'Release engineering', purpose: 'Ship safely', tags: [], canSeeContent: false, myRole: null })
    expect((await leo.get('/api/communities/release-engineering/members')).statusCode).toBe(403)
    const req = await leo.post('/api/communities/release-engineering/join', { message: 'I run deploys' })
    expect(req.json()).toEqual({ status: 'requested', role: null })
    expect((await leo.get('/api/communities/release-engineering')).json().myRequest).toBe('pending')
    expect((await ana.get('/api/communities/release-engineering/requests')).statusCode).toBe(403)
    const pending = (await sam.get('/api/communities/release-engineering/requests')).json().items
    expect(pending).toHaveLength(1)
    expect(pending[0]).toMatchObject({ message: 'I run deploys', person: { id: leo.id } })
    expect((await sam.post(`/api/communities/release-engineering/requests/${pending[0].id}/approve`)).statusCode).toBe(200)
    expect((await sam.post(`/api/communities/release-engineering/requests/${pending[0].id}/approve`)).statusCode).toBe(409)
    expect((await leo.get('/api/communities/release-engineering')).json()).toMatchObject({ myRole: 'newcomer', canSeeContent: true })
  })

  it('hides secret communities from outsiders everywhere, admins included', async () => {
    await sam.post('/api/communities', { name: 'Reorg planning', purpose: 'secret things', visibility: 'secret' })
    for (const c of [ana, admin]) {
      expect((await c.get('/api/communities/reorg-planning')).statusCode).toBe(404)
      expect((await c.post('/api/communities/reorg-planning/join', {})).statusCode).toBe(404)
      const list = (await c.get('/api/communities')).json().items.map((x: { slug: string }) => x.slug)
      expect(list).not.toContain('reorg-planning')
    }
    expect((await sam.post('/api/communities/reorg-planning/members', { personId: ana.id })).statusCode).toBe(200)
    expect((await ana.get('/api/communities/reorg-planning')).statusCode).toBe(200)
    expect(
      (await leo.get(`/api/people/${ana.id}/trajectories`)).json().items.map((x: { community: { slug: string } }) => x.community.slug),
    ).not.toContain('reorg-planning')
  })

  it('promotes by the rules stewards tune, and by hand', async () => {
    const rules = {
      toMember: { minQuestions: 0, minAnswers: 0, minPosts: 0, minThanksReceived: 0, minWeeksActive: 0 },
      toCore: { minQuestions: 0, minAnswers: 0, minPosts: 0, minThanksReceived: 1, minWeeksActive: 0 },
    }
    expect((await ana.patch('/api/communities/testing', { rules })).statusCode).toBe(403)
    const updated = await sam.patch('/api/communities/testing', { rules })
    expect(updated.json().rules).toEqual(rules)
    const community = (await sam.get('/api/communities/testing')).json()
    expect(await applyPromotionRules(t.app.db, community.id, ana.id, participationIn)).toBe('member')
    expect(await applyPromotionRules(t.app.db, community.id, ana.id, participationIn)).toBeNull()
    expect((await sam.patch(`/api/communities/testing/members/${ana.id}`, { role: 'core' })).statusCode).toBe(200)
    const traj = (await ana.get(`/api/people/${ana.id}/trajectories`))
      .json()
      .items.find((x: { community: { slug: string } }) => x.community.slug === 'testing')
    expect(traj.events.map((e: { toRole: string; reason: string }) => `${e.toRole}:${e.reason}`)).toEqual([
      'newcomer:join',
      'member:rule',
      'core:manual',
    ])
    expect((await sam.post('/api/communities/testing/leave')).statusCode).toBe(409)
  })

  it('recommends communities from the answers to the three questions', async () => {
    const p = await buildPerson(t.app, { name: 'Mia' })
    const mia = await login(t.app, p.email)
    await mia.patch(`/api/people/${p.id}`, {
      communitiesWanted: 'I want to learn about releases and deploys',
      wantToBecome: 'a release engineer',
    })
    const recs = (await mia.get('/api/communities/recommended')).json().items
    expect(recs[0].community.slug).toBe('release-engineering')
    expect(recs[0].reasons.join(' ')).toContain('release')
    expect(recs.map((r: { community: { slug: string } }) => r.community.slug)).not.toContain('reorg-planning')
  })

  it('rejects bad input without changing anything', async () => {
    const before = (await sam.get('/api/communities')).json().items.length
    expect((await sam.post('/api/communities', { name: 'A', purpose: '', visibility: 'open' })).statusCode).toBe(400)
    expect((await sam.post('/api/communities', { name: 'Valid', purpose: '', visibility: 'hidden' })).statusCode).toBe(400)
    expect((await sam.post('/api/communities', { name: 'Valid', purpose: '', visibility: 'open', extra: 1 })).statusCode).toBe(400)
    expect((await sam.get('/api/communities/Not_A_Slug')).statusCode).toBe(400)
    expect((await sam.get('/api/communities')).json().items.length).toBe(before)
  })
})
