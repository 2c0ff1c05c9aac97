import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'

/**
 * Posts written at the same moment: on SQLite they share one commit (platform/db/group-commit.ts) and are
 * indexed for search together before it (migration 0010). Each must be searchable once acknowledged, a post
 * refused in the middle of a group must leave no trace, and the full-text index must match the posts.
 */
describe.each(DIALECTS)('%s: posts written together', (dialect) => {
  let t: TestApp
  let sam: Client
  let out: Client

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam' })
    out = await loggedInPerson(t.app, { name: 'Out' })
    for (const [name, visibility] of [
      ['Open circle', 'open'],
      ['Closed circle', 'closed'],
    ] as const) {
      expect((await sam.post('/api/communities', { name, purpose: 'grouping', visibility })).statusCode).toBe(201)
    }
  })
  afterAll(() => t.close())

  const hits = async (q: string) => (await sam.get(`/api/search?q=${q}`)).json<{ total: number }>().total

  it('finds every acknowledged post, nothing of a refused one, and keeps the index consistent', async () => {
    const writes = Array.from({ length: 12 }, (_, i) =>
      i === 5
        ? // Not a member of a closed community: refused inside the group, after others were written.
          out.post('/api/communities/closed-circle/posts', { kind: 'question', title: 'Refused zebrafinch', body: 'refusedword' })
        : sam.post('/api/communities/open-circle/posts', {
            kind: i % 2 ? 'question' : 'story',
            title: `Grouped ${i} marmoset${i}`,
            body: `A body about quokka${i} and more.`,
            tags: ['grouping'],
          }),
    )
    const responses = await Promise.all(writes)
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map((_, i) => (i === 5 ? 403 : 201)))
    for (let i = 0; i < 12; i++) if (i !== 5) expect(await hits(`quokka${i}`), `post ${i}`).toBe(1)
    expect(await hits('refusedword')).toBe(0)

    // An edit and a delete right after go through the index as usual.
    const first = responses[0]!.json<{ id: number }>().id
    expect((await sam.patch(`/api/posts/${first}`, { body: 'Now about wombat0.' })).statusCode).toBe(200)
    expect(await hits('quokka0')).toBe(0)
    expect(await hits('wombat0')).toBe(1)
    const second = responses[1]!.json<{ id: number }>().id
    expect((await sam.delete(`/api/posts/${second}`)).statusCode).toBeLessThan(300)
    expect(await hits('quokka1')).toBe(0)

    if (dialect === 'sqlite') {
      // FTS5 compares its index with the posts it was built from, and fails on any difference.
      await sql`insert into post_search (post_search, rank) values ('integrity-check', 1)`.execute(t.app.db)
      const left = await sql<{
        n: number
      }>`select (select count(*) from post_search_pending) + (select count(*) from post_search_defer) as n`.execute(t.app.db)
      expect(left.rows[0]?.n).toBe(0)
    }
  })
})
