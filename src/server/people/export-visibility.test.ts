import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, offerQuestion } from '../../../test/helpers/factories.js'
import { eventually, jobsSettled } from '../../../test/helpers/jobs.js'
import { notificationsOf } from '../../../test/helpers/notifications.js'

// An export holds only what its owner may see. What others did in a secret or closed community the person is
// not in (mentioned them, thanked them there, notified or offered them something before they left) must not
// reach them through GET /api/me/export, not even as a community id, a name, a time or the thread's tags.
describe.each(DIALECTS)('%s: a data export holds only what its owner may see', (dialect) => {
  let t: TestApp
  let insider: Client
  let outsider: Client
  let ids: Record<'secret' | 'closed' | 'left' | 'open', string>
  let leftQuestion: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    t.app.jobs.start()
    await setupAdmin(t.app)
    insider = await login(t.app, (await buildPerson(t.app, { name: 'Insider', email: 'insider@example.com' })).email)
    outsider = await login(t.app, (await buildPerson(t.app, { name: 'Outsider', email: 'outsider@example.com' })).email)
    const create = async (slug: keyof typeof ids, visibility: string) => {
      const res = await insider.post('/api/communities', { name: `The ${slug}`, slug, purpose: 'Talk', visibility })
      expect(res.statusCode).toBe(201)
      return res.json<{ id: string }>().id
    }
    ids = {
      secret: await create('secret', 'secret'),
      closed: await create('closed', 'closed'),
      left: await create('left', 'closed'),
      open: await create('open', 'open'),
    }
    // The outsider belongs to "left" for a while: notified and offered a question there, then they leave.
    expect((await insider.post('/api/communities/left/members', { personId: outsider.id })).statusCode).toBeLessThan(300)
    const q = await insider.post('/api/communities/left/posts', {
      kind: 'question',
      title: 'Left behind',
      body: 'Ping @outsider',
      tags: ['left-tag'],
    })
    leftQuestion = q.json<{ id: number }>().id
    await eventually(async () => expect((await notificationsOf(outsider)).length).toBeGreaterThan(0))
    await offerQuestion(t.app, { questionId: leftQuestion, askerId: insider.id, communityId: ids.left, personId: outsider.id })
    expect((await outsider.post('/api/communities/left/leave', {})).statusCode).toBe(200)
    // Mentioned and thanked where they cannot look.
    for (const slug of ['secret', 'closed'] as const) {
      const post = await insider.post(`/api/communities/${slug}/posts`, {
        kind: 'story',
        title: `In ${slug}`,
        body: 'Thanks to @outsider',
        tags: [`${slug}-tag`],
      })
      expect(post.statusCode).toBe(201)
    }
    expect(
      (await insider.post(`/api/people/${outsider.id}/thanks`, { kind: 'learned', note: 'secretly', communitySlug: 'secret' })).statusCode,
    ).toBe(201)
    // And in the open, which they may see.
    expect(
      (await insider.post('/api/communities/open/posts', { kind: 'story', title: 'In the open', body: 'Hi @outsider', tags: ['open-tag'] }))
        .statusCode,
    ).toBe(201)
    expect(
      (await insider.post(`/api/people/${outsider.id}/thanks`, { kind: 'thanks', note: 'openly', communitySlug: 'open' })).statusCode,
    ).toBe(201)
    await jobsSettled(t.app)
  })
  afterAll(async () => t.close())

  it('leaves out what others did in communities the owner cannot read, in every part', async () => {
    const res = await outsider.get('/api/me/export')
    expect(res.statusCode).toBe(200)
    for (const hidden of [
      ids.secret,
      ids.closed,
      ids.left,
      'secret-tag',
      'closed-tag',
      'left-tag',
      'The secret',
      'The closed',
      'Left behind',
      'In secret',
      'In closed',
    ])
      expect(res.body).not.toContain(hidden)
    expect(res.body).not.toContain(`"question_id":${leftQuestion}`)
    const data = res.json()
    expect(data.interactions.log).toEqual([
      expect.objectContaining({ kind: 'mention', actor_id: insider.id, community_id: ids.open, topics: ['open-tag'] }),
      expect.objectContaining({ kind: 'thanks', community_id: ids.open }),
    ])
    // The thanks "in" the secret community is left out as on their learning page. (The note itself still
    // reaches them as a notification addressed to them, which names no community here.)
    expect(data.knowledge.thanksReceived).toEqual([expect.objectContaining({ note: 'openly' })])
    expect(JSON.stringify([data.knowledge, data.interactions])).not.toContain('secretly')
    expect(data.notifications.items.map((n: { title: string }) => n.title).join()).not.toMatch(/left behind/i)
    expect(data.asks.offers).toEqual([])
  })

  it('keeps all of it in the export of the person who did it', async () => {
    const res = await insider.get('/api/me/export')
    for (const own of [ids.secret, ids.closed, ids.left, 'secret-tag', 'closed-tag', 'secretly']) expect(res.body).toContain(own)
  })
})
