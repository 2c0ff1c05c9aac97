import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { eraseNotificationData } from './service.js'
import { jobsSettled, notificationsOf } from './test-support.js'

describe.each(DIALECTS)('%s: notifications', (dialect) => {
  let t: TestApp
  let sam: Client
  let ana: Client
  let raj: Client
  let out: Client
  let everyone: Client[]
  let questionId: number
  let answerId: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    t.app.jobs.start()
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam Steward', email: 'sam@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana Asker', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Answerer', email: 'raj.k@example.com' })
    out = await loggedInPerson(t.app, { name: 'Otto Outsider', email: 'out@example.com' })
    everyone = [sam, ana, raj, out]
    for (const [name, visibility] of [
      ['Data engineering', 'open'],
      ['Testing', 'closed'],
      ['Skunkworks', 'secret'],
    ] as const) {
      expect((await sam.post('/api/communities', { name, purpose: name, visibility })).statusCode).toBe(201)
    }
  })
  afterAll(async () => t.close())

  /** The ids of everyone's notifications, once every job has run. */
  const snapshot = async () => {
    await jobsSettled(t.app)
    return new Map(await Promise.all(everyone.map(async (c) => [c.id, (await notificationsOf(c)).map((n) => n.id)] as const)))
  }
  /** What each person got since `before`, as `kind:text`, once every job has run. */
  const newSince = async (before: Map<string, string[]>) => {
    await jobsSettled(t.app)
    const fresh = new Map<string, string[]>()
    for (const c of everyone) {
      const old = new Set(before.get(c.id))
      const items = (await notificationsOf(c)).filter((n) => !old.has(n.id))
      fresh.set(
        c.id,
        items.map((n) => `${n.kind}:${n.text}`),
      )
    }
    return fresh
  }

  it('tells the asker about an answer, the mentioned about the mention, followers about the new post, and nobody else', async () => {
    let before = await snapshot()
    const q = await ana.post('/api/communities/data-engineering/posts', {
      kind: 'question',
      title: 'How do we backfill a partition safely?',
      body: 'Asking for @raj.k',
      tags: ['backfill'],
    })
    expect(q.statusCode).toBe(201)
    questionId = q.json().id
    let got = await newSince(before)
    expect(got.get(raj.id)).toEqual(['mention:Ana Asker mentioned you'])
    expect(got.get(sam.id)).toEqual(['new_post:Ana Asker posted a new question in Data engineering'])
    expect(got.get(ana.id)).toEqual([])
    expect(got.get(out.id)).toEqual([])

    const mention = (await notificationsOf(raj))[0]!
    expect(mention).toMatchObject({
      kind: 'mention',
      title: 'How do we backfill a partition safely?',
      excerpt: 'Asking for @raj.k',
      link: `/posts/${questionId}`,
      postId: questionId,
      read: false,
      actor: { name: 'Ana Asker' },
      community: { slug: 'data-engineering', name: 'Data engineering' },
    })

    before = await snapshot()
    const a = await raj.post(`/api/posts/${questionId}/answers`, { body: 'Use **idempotent** writes, @ana.' })
    expect(a.statusCode).toBe(201)
    answerId = a.json().id
    got = await newSince(before)
    // Ana is both the asker and mentioned: one notification, the more specific one. Replies are not new posts.
    expect(got.get(ana.id)).toEqual(['answer:Raj Answerer answered your question'])
    expect(got.get(sam.id)).toEqual([])
    expect(got.get(out.id)).toEqual([])
    expect((await notificationsOf(ana))[0]).toMatchObject({
      excerpt: 'Use idempotent writes, @ana.',
      link: `/posts/${questionId}#post-${answerId}`,
      title: 'How do we backfill a partition safely?',
    })
  })

  it('tells authors about comments, acceptances, thanks and "learned from"', async () => {
    const before = await snapshot()
    expect((await sam.post(`/api/posts/${answerId}/comments`, { body: 'Nice one' })).statusCode).toBe(201)
    expect((await ana.post(`/api/posts/${questionId}/accept`, { answerId })).statusCode).toBe(200)
    expect((await ana.post(`/api/posts/${answerId}/thanks`, { kind: 'thanks', note: 'Saved my day' })).statusCode).toBe(201)
    expect((await ana.post(`/api/posts/${answerId}/thanks`, { kind: 'learned' })).statusCode).toBe(201)
    expect((await out.post(`/api/people/${raj.id}/thanks`, { kind: 'thanks', note: 'For the SQL lunch' })).statusCode).toBe(201)
    const got = await newSince(before)
    expect(got.get(raj.id)?.sort()).toEqual(
      [
        'reply:Sam Steward commented on your post',
        'accepted:Ana Asker accepted your answer',
        'thanks:Ana Asker thanked you',
        'learned:Ana Asker says they learned from you',
        'thanks:Otto Outsider thanked you',
      ].sort(),
    )
    for (const c of [sam, ana, out]) expect(got.get(c.id)).toEqual([])
    const items = await notificationsOf(raj)
    expect(items.find((n) => n.kind === 'reply')).toMatchObject({ title: 'How do we backfill a partition safely?', excerpt: 'Nice one' })
    expect(items.find((n) => n.kind === 'thanks' && n.actor?.name === 'Ana Asker')).toMatchObject({
      excerpt: 'Saved my day',
      link: `/posts/${answerId}`,
    })
    expect(items.find((n) => n.kind === 'thanks' && n.actor?.name === 'Otto Outsider')).toMatchObject({
      excerpt: 'For the SQL lunch',
      link: `/people/${raj.id}/learned-from`,
      postId: null,
    })
  })

  it('never tells outsiders about closed or secret content, even when mentioned', async () => {
    expect((await sam.post('/api/communities/skunkworks/members', { personId: ana.id })).statusCode).toBe(200)
    const before = await snapshot()
    expect(
      (
        await sam.post('/api/communities/testing/posts', {
          kind: 'practice',
          title: 'Contract tests everywhere',
          body: 'Thoughts, @out and @raj.k?',
        })
      ).statusCode,
    ).toBe(201)
    expect(
      (await sam.post('/api/communities/skunkworks/posts', { kind: 'story', title: 'The secret launch', body: 'Only for @ana, not @out' }))
        .statusCode,
    ).toBe(201)
    const got = await newSince(before)
    expect(got.get(out.id)).toEqual([])
    expect(got.get(raj.id)).toEqual([])
    // Ana was added to the secret community (and follows it); she is not in the closed one.
    expect(got.get(ana.id)).toEqual(['mention:Sam Steward mentioned you'])
    const body = JSON.stringify([await notificationsOf(out), await notificationsOf(raj)])
    expect(body).not.toContain('Contract tests')
    expect(body).not.toContain('secret launch')
    // Not merely hidden from the list: never created, so no mail or digest can carry them either.
    const rows = await t.app.db
      .selectFrom('notification')
      .select('id')
      .where('person_id', 'in', [out.id, raj.id])
      .where('title', 'in', ['Contract tests everywhere', 'The secret launch'])
      .execute()
    expect(rows).toEqual([])
  })

  it('tells stewards about join requests and the person about the decision', async () => {
    let before = await snapshot()
    expect((await ana.post('/api/communities/testing/join', { message: 'Please' })).json()).toMatchObject({ status: 'requested' })
    expect((await raj.post('/api/communities/testing/join', {})).json()).toMatchObject({ status: 'requested' })
    let got = await newSince(before)
    expect(got.get(sam.id)?.sort()).toEqual([
      'join_request:Ana Asker asks to join Testing',
      'join_request:Raj Answerer asks to join Testing',
    ])
    for (const c of [ana, raj, out]) expect(got.get(c.id)).toEqual([])
    expect((await notificationsOf(sam))[0]).toMatchObject({ link: '/communities/testing/requests', community: { slug: 'testing' } })

    before = await snapshot()
    const pending = (await sam.get('/api/communities/testing/requests')).json().items as { id: string; person: { id: string } }[]
    for (const r of pending) {
      const action = r.person.id === ana.id ? 'approve' : 'reject'
      expect((await sam.post(`/api/communities/testing/requests/${r.id}/${action}`)).statusCode).toBe(200)
    }
    got = await newSince(before)
    expect(got.get(ana.id)).toEqual(['join_decided:Your request to join Testing was approved'])
    expect(got.get(raj.id)).toEqual(['join_decided:Your request to join Testing was declined'])
    expect((await notificationsOf(raj))[0]).toMatchObject({ actor: null, excerpt: '', link: '/communities/testing' })
    expect(got.get(sam.id)).toEqual([])
    // Decided requests are done for the stewards (issue 10, 7), and their sentence names the community once.
    const requests = (await notificationsOf(sam)).filter((n) => n.kind === 'join_request')
    expect(requests.map((n) => [n.title, n.read])).toEqual([
      ['', true],
      ['', true],
    ])
  })

  it('makes excerpts plain text from the rendered body: no Markdown, no mangled tags (issue 10, 7)', async () => {
    const q = await ana.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'Excerpts', body: 'Plain?' })
    const before = await snapshot()
    const body = 'Try **this** with [the docs](https://example.com): <script>alert("xss")</script> <img src=x onerror=alert(1)> `code`'
    expect((await raj.post(`/api/posts/${q.json().id}/answers`, { body })).statusCode).toBe(201)
    const got = await newSince(before)
    expect(got.get(ana.id)).toHaveLength(1)
    const answer = (await notificationsOf(ana)).find((n) => n.kind === 'answer' && n.postId !== null && n.title === 'Excerpts')
    expect(answer?.excerpt).toBe('Try this with the docs: alert("xss") code')
  })

  it('tells followers about new posts, and stops when they unfollow', async () => {
    let before = await snapshot()
    expect((await sam.post('/api/communities/testing/posts', { kind: 'question', title: 'Flaky test budget?', body: '' })).statusCode).toBe(
      201,
    )
    let got = await newSince(before)
    expect(got.get(ana.id)).toEqual(['new_post:Sam Steward posted a new question in Testing'])
    expect(got.get(raj.id)).toEqual([])

    expect((await ana.post('/api/communities/testing/follow', { following: false })).statusCode).toBe(200)
    before = await snapshot()
    expect((await sam.post('/api/communities/testing/posts', { kind: 'question', title: 'Mutation testing?', body: '' })).statusCode).toBe(
      201,
    )
    got = await newSince(before)
    expect(got.get(ana.id)).toEqual([])
    expect((await ana.post('/api/communities/testing/follow', { following: true })).statusCode).toBe(200)
  })

  it('announces anonymous lessons without their author', async () => {
    const before = await snapshot()
    const res = await ana.post('/api/communities/data-engineering/posts', {
      kind: 'lesson',
      title: 'We dropped the wrong table',
      body: 'Blameless: @raj.k helped',
      anonymous: true,
    })
    expect(res.statusCode).toBe(201)
    const got = await newSince(before)
    expect(got.get(sam.id)).toEqual(['new_post:A new lesson in Data engineering'])
    expect(got.get(raj.id)).toEqual(['new_post:A new lesson in Data engineering'])
    for (const c of [sam, raj]) {
      const n = (await notificationsOf(c)).find((x) => x.title === 'We dropped the wrong table')!
      expect(n.actor).toBeNull()
      expect(JSON.stringify(n)).not.toMatch(/Ana|ana@|ana\.id/)
      expect(JSON.stringify(n)).not.toContain(ana.id)
    }
    const rows = await t.app.db.selectFrom('notification').select(['actor_id']).where('title', '=', 'We dropped the wrong table').execute()
    expect(rows.length).toBe(2)
    expect(rows.every((r) => r.actor_id === null)).toBe(true)
  })

  it('hides notifications about a closed community once the person has left it', async () => {
    const about = (items: { title: string }[]) => items.filter((n) => n.title === 'Flaky test budget?')
    expect(about(await notificationsOf(ana))).toHaveLength(1)
    const unreadBefore = (await ana.get('/api/notifications')).json().unreadCount
    expect((await ana.post('/api/communities/testing/leave')).statusCode).toBe(200)
    expect(about(await notificationsOf(ana))).toHaveLength(0)
    expect((await ana.get('/api/notifications')).json().unreadCount).toBe(unreadBefore - 1)
  })

  it('lists with unread filter and cursor, marks one or all read, and keeps each person to their own', async () => {
    const all = await notificationsOf(raj)
    expect(all.length).toBeGreaterThanOrEqual(7)
    const page1 = (await raj.get('/api/notifications?limit=3')).json()
    expect(page1.items.map((n: { id: string }) => n.id)).toEqual(all.slice(0, 3).map((n) => n.id))
    const page2 = (await raj.get(`/api/notifications?limit=3&cursor=${encodeURIComponent(page1.nextCursor)}`)).json()
    expect(page2.items.map((n: { id: string }) => n.id)).toEqual(all.slice(3, 6).map((n) => n.id))
    expect(page1.unreadCount).toBe(all.length)

    const first = all[0]!
    expect((await out.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(404)
    expect((await raj.post(`/api/notifications/${first.id}/read`)).json()).toEqual({ ok: true })
    expect((await raj.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(200)
    const unread = (await raj.get('/api/notifications?unread=true&limit=100')).json()
    expect(unread.unreadCount).toBe(all.length - 1)
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(first.id)

    expect((await raj.post('/api/notifications/read-all')).json()).toEqual({ ok: true, marked: all.length - 1 })
    expect((await raj.get('/api/notifications')).json().unreadCount).toBe(0)
    expect((await raj.post('/api/notifications/read-all')).json()).toEqual({ ok: true, marked: 0 })
    expect((await notificationsOf(raj)).every((n) => n.read)).toBe(true)
    expect((await ana.get('/api/notifications')).json().unreadCount).toBeGreaterThan(0)

    for (const bad of ['?cursor=nonsense', '?limit=0', '?limit=101', '?unread=maybe', '?other=1']) {
      const res = await raj.get(`/api/notifications${bad}`)
      expect(res.statusCode, bad).toBe(400)
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401)
  })

  it('keeps preferences: defaults, changes, and refuses bad ones without change', async () => {
    expect((await ana.get('/api/notifications/preferences')).json()).toEqual({
      emailKinds: ['mention', 'answer', 'connection'],
      digest: 'weekly',
    })
    const set = await ana.put('/api/notifications/preferences', { emailKinds: ['thanks', 'join_decided'], digest: 'daily' })
    expect(set.json()).toEqual({ emailKinds: ['thanks', 'join_decided'], digest: 'daily' })
    expect((await ana.get('/api/notifications/preferences')).json()).toEqual({ emailKinds: ['thanks', 'join_decided'], digest: 'daily' })
    for (const bad of [
      { emailKinds: ['nonsense'], digest: 'daily' },
      { emailKinds: ['thanks', 'thanks'], digest: 'daily' },
      { emailKinds: [], digest: 'hourly' },
      { emailKinds: [] },
      { emailKinds: [], digest: 'none', extra: 1 },
    ]) {
      expect((await ana.put('/api/notifications/preferences', bad)).statusCode, JSON.stringify(bad)).toBe(400)
    }
    expect((await ana.get('/api/notifications/preferences')).json()).toEqual({ emailKinds: ['thanks', 'join_decided'], digest: 'daily' })
    expect((await sam.get('/api/notifications/preferences')).json()).toEqual({
      emailKinds: ['mention', 'answer', 'connection'],
      digest: 'weekly',
    })
  })

  it('forgets a person on erasure: their notifications and choices go, and others no longer name them', async () => {
    const ghost = await loggedInPerson(t.app, { name: 'Gus Ghost', email: 'gus@example.com' })
    expect((await ghost.post(`/api/people/${raj.id}/thanks`, { kind: 'thanks', note: 'bye' })).statusCode).toBe(201)
    expect((await raj.post(`/api/people/${ghost.id}/thanks`, { kind: 'thanks', note: 'you too' })).statusCode).toBe(201)
    await ghost.put('/api/notifications/preferences', { emailKinds: [], digest: 'none' })
    await t.app.db.transaction().execute((tx) => eraseNotificationData(tx, ghost.id))
    const left = await t.app.db
      .selectFrom('notification')
      .select('id')
      .where((eb) => eb.or([eb('person_id', '=', ghost.id), eb('actor_id', '=', ghost.id)]))
      .execute()
    expect(left).toEqual([])
    expect(await t.app.db.selectFrom('notification_pref').select('person_id').where('person_id', '=', ghost.id).execute()).toEqual([])
    expect((await notificationsOf(raj)).find((n) => n.excerpt === 'bye')).toMatchObject({ actor: null, text: 'Someone thanked you' })
  })

  it('names a secret community only to people who can read it', async () => {
    // Sam, a steward of the secret Skunkworks, thanks Otto "in" it; Otto is not a member and must not learn it exists.
    expect(
      (await sam.post(`/api/people/${out.id}/thanks`, { kind: 'thanks', note: 'Thanks', communitySlug: 'skunkworks' })).statusCode,
    ).toBe(201)
    const item = (await notificationsOf(out)).find((n) => n.kind === 'thanks' && n.actor?.id === sam.id)
    expect(item).toBeDefined()
    expect(item?.community).toBeNull()
    expect(JSON.stringify(item)).not.toMatch(/skunkworks/i)
  })

  it('does not announce a post deleted before its fan-out ran', async () => {
    await t.app.jobs.stop()
    const res = await sam.post('/api/communities/data-engineering/posts', { kind: 'story', title: 'Gone before anyone saw it', body: '' })
    expect(res.statusCode).toBe(201)
    expect((await sam.delete(`/api/posts/${res.json().id}`)).statusCode).toBe(200)
    t.app.jobs.start()
    await jobsSettled(t.app)
    for (const c of everyone) expect((await notificationsOf(c)).some((n) => n.title === 'Gone before anyone saw it')).toBe(false)
  })
})
