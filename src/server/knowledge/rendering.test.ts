import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { RENDER_VERSION } from './markdown.js'

// Posts keep the HTML rendered when they were written. These tests prove the stored rendering is what
// readers get when it is current, and that rows without one (imports, older rows) or with one from another
// renderer version are rendered afresh, never served stale.
describe.each(DIALECTS)('%s: stored post renderings', (dialect) => {
  let t: TestApp
  let ana: Client
  let sam: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
    await sam.post('/api/communities', { name: 'Practices', purpose: 'Ways of working', visibility: 'open' })
  })
  afterAll(async () => t.close())

  const stored = (id: number) =>
    t.app.db.selectFrom('post').select(['html', 'fields_html', 'render_version']).where('id', '=', id).executeTakeFirstOrThrow()

  it('stores the rendering of new posts, replies and edits, and serves the same HTML', async () => {
    const res = await sam.post('/api/communities/practices/posts', {
      kind: 'practice',
      title: 'Pair on every migration',
      body: 'Two **people**, one <script>x</script> screen.',
      fields: { steps: '1. *plan*\n2. run', evidence: '' },
    })
    expect(res.statusCode).toBe(201)
    const post = res.json()
    expect(post.html).toContain('<strong>people</strong>')
    expect(post.html).toContain('&lt;script&gt;')
    expect(post.fieldsHtml).toEqual({ steps: expect.stringContaining('<em>plan</em>') })
    const row = await stored(post.id)
    expect(row).toEqual({ html: post.html, fields_html: JSON.stringify(post.fieldsHtml), render_version: RENDER_VERSION })

    const reply = (await ana.post(`/api/posts/${post.id}/comments`, { body: 'We do it with `git`.' })).json()
    expect((await stored(reply.id)).html).toBe(reply.html)
    expect(reply.html).toContain('<code>git</code>')

    const edited = (await sam.patch(`/api/posts/${post.id}`, { body: 'Now _three_ people.', fields: { steps: 'just **one**' } })).json()
    expect(edited.html).toContain('<em>three</em>')
    expect(edited.fieldsHtml).toEqual({ steps: expect.stringContaining('<strong>one</strong>') })
    expect(await stored(post.id)).toEqual({
      html: edited.html,
      fields_html: JSON.stringify(edited.fieldsHtml),
      render_version: RENDER_VERSION,
    })
    const thread = (await ana.get(`/api/posts/${post.id}`)).json()
    expect(thread.post).toMatchObject({ id: post.id, html: edited.html, fieldsHtml: edited.fieldsHtml })
  })

  it('renders rows stored without a rendering, or with another renderer version, instead of serving them', async () => {
    const a = (
      await sam.post('/api/communities/practices/posts', { kind: 'question', title: 'Imported question', body: 'An *imported* body' })
    ).json()
    const b = (
      await sam.post('/api/communities/practices/posts', { kind: 'question', title: 'Old rendering', body: 'A **current** body' })
    ).json()
    // As an import writes rows: no rendering at all.
    await t.app.db.updateTable('post').set({ html: null, fields_html: null, render_version: 0 }).where('id', '=', a.id).execute()
    // As an older renderer left them: a rendering that is now wrong.
    await t.app.db
      .updateTable('post')
      .set({ html: '<p>stale</p>', fields_html: '{"steps":"stale"}', render_version: RENDER_VERSION + 1 })
      .where('id', '=', b.id)
      .execute()
    const thread = (await ana.get(`/api/posts/${a.id}`)).json()
    expect(thread.post.html).toBe(a.html)
    expect(thread.post.html).toContain('<em>imported</em>')
    expect(thread.post.fieldsHtml).toEqual({})
    const other = (await ana.get(`/api/posts/${b.id}`)).json()
    expect(other.post).toMatchObject({ html: b.html, fieldsHtml: {} })
    expect(JSON.stringify(other)).not.toContain('stale')
    // Lists carry no rendering at all: only a plain-text excerpt of the body.
    const feed = (await ana.get('/api/communities/practices/feed')).json()
    expect(feed.items.find((p: { id: number }) => p.id === a.id)).toMatchObject({ excerpt: 'An imported body' })
    expect(JSON.stringify(feed)).not.toContain('stale')
  })
})
