import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type TestApp } from '../../../../test/helpers/app.js'
import { buildPerson, loggedInPerson } from '../../../../test/helpers/factories.js'
import { newId } from '../time.js'
import { down, up } from './migrations/0015-concurrent-writes.js'

// Migration 0015 repairs what concurrent requests left before it: counts written wrong (lost concurrent
// updates, erased members still counted) and duplicates of "once" rows. It is run again here (down, then up)
// on data made wrong by hand.
describe.each(DIALECTS)('%s: migration 0015', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  it('writes the true counts where they drifted', async () => {
    const ana = await loggedInPerson(t.app, { name: 'Ana' })
    const raj = await loggedInPerson(t.app, { name: 'Raj' })
    await ana.post('/api/communities', { name: 'Drift', purpose: 'Counts', visibility: 'open' })
    await ana.post('/api/communities', { name: 'Steady', purpose: 'Counts', visibility: 'open' })
    const q = (await ana.post('/api/communities/drift/posts', { kind: 'question', title: 'Counted?', body: 'Q.' })).json<{ id: number }>()
    const a1 = (await raj.post(`/api/posts/${q.id}/answers`, { body: 'One.' })).json<{ id: number }>()
    await raj.post(`/api/posts/${q.id}/answers`, { body: 'Two.' })
    await raj.post(`/api/posts/${a1.id}/comments`, { body: 'Note.' })
    const gone = (await ana.post(`/api/posts/${q.id}/comments`, { body: 'Oops.' })).json<{ id: number }>()
    expect((await ana.delete(`/api/posts/${gone.id}`)).statusCode).toBe(200)
    await ana.post('/api/communities/steady/posts', { kind: 'story', title: 'Calm', body: 'S.' })
    await buildPerson(t.app)
    const counts = () =>
      Promise.all([
        t.app.db
          .selectFrom('post')
          .select(['id', 'answer_count', 'comment_count'])
          .where('id', 'in', [q.id, a1.id])
          .orderBy('id')
          .execute(),
        t.app.db.selectFrom('community').select(['slug', 'post_count', 'member_count']).orderBy('slug').execute(),
      ])
    const truth = await counts()
    expect(truth[0]).toEqual([
      { id: q.id, answer_count: 2, comment_count: 0 },
      { id: a1.id, answer_count: 0, comment_count: 1 },
    ])
    expect(truth[1].map((c) => [c.slug, c.post_count, c.member_count])).toEqual([
      ['drift', 4, 2],
      ['steady', 1, 1],
    ])
    await t.app.db.updateTable('post').set({ answer_count: 5, comment_count: 3 }).where('id', '=', q.id).execute()
    await t.app.db.updateTable('post').set({ comment_count: 0 }).where('id', '=', a1.id).execute()
    await t.app.db.updateTable('community').set({ post_count: 1, member_count: 9 }).where('slug', '=', 'drift').execute()
    await down(t.app.db)
    await up(t.app.db)
    expect(await counts()).toEqual(truth)
  })
  it('keeps the earliest of each repeated "once" row, and then refuses repeats', async () => {
    const giver = await loggedInPerson(t.app, { name: 'Giver' })
    const author = await loggedInPerson(t.app, { name: 'Writer' })
    const p = (await author.post('/api/communities/steady/posts', { kind: 'practice', title: 'Tidy', body: 'P.' })).json<{ id: number }>()
    expect((await giver.post(`/api/posts/${p.id}/thanks`, { kind: 'thanks', note: 'first' })).statusCode).toBe(201)
    await down(t.app.db)
    const first = await t.app.db.selectFrom('thanks').selectAll().where('giver_id', '=', giver.id).executeTakeFirstOrThrow()
    await t.app.db
      .insertInto('thanks')
      .values({ ...first, id: newId(), note: 'again', at: new Date(Date.parse(first.at) + 1000).toISOString() })
      .execute()
    const request = {
      community_id: (await t.app.db.selectFrom('community').select('id').where('slug', '=', 'steady').executeTakeFirstOrThrow()).id,
    }
    for (const at of ['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z'])
      await t.app.db
        .insertInto('join_request')
        .values({
          ...request,
          id: newId(),
          person_id: giver.id,
          message: at,
          status: 'pending',
          created_at: at,
          decided_by: null,
          decided_at: null,
        })
        .execute()
    await up(t.app.db)
    expect(await t.app.db.selectFrom('thanks').select('note').where('giver_id', '=', giver.id).execute()).toEqual([{ note: 'first' }])
    expect(await t.app.db.selectFrom('join_request').select('message').where('person_id', '=', giver.id).execute()).toEqual([
      { message: '2024-01-01T00:00:00.000Z' },
    ])
    await expect(
      t.app.db
        .insertInto('thanks')
        .values({ ...first, id: newId() })
        .execute(),
    ).rejects.toThrow()
  })
})
