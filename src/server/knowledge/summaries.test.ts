import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { plainExcerpt } from './markdown.js'

interface Summary {
  id: number
  title: string
  excerpt: string
  author: { id: string } | null
  anonymous: boolean
  [key: string]: unknown
}

// Feeds and community homes list posts as summaries: no body, no HTML, a plain-text excerpt, and the
// same author rules as full posts (an anonymous lesson never names its author).
describe.each(DIALECTS)('%s: post summaries in feeds and community homes', (dialect) => {
  let t: TestApp
  let ana: Client
  let raj: Client
  let out: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj@example.com' })
    out = await loggedInPerson(t.app, { name: 'Out', email: 'out@example.com' })
    await ana.post('/api/communities', { name: 'Ops', purpose: 'Operations', visibility: 'open' })
    await ana.post('/api/communities', { name: 'Secret ops', purpose: 'Hidden', visibility: 'secret' })
  })
  afterAll(async () => t.close())

  const lists = async (
    who: Client,
    slug: string,
  ): Promise<{ feed: Summary[]; home: Record<string, unknown> & { lessons: Summary[]; whatsNew: Summary[]; stories: Summary[] } }> => ({
    feed: (await who.get(`/api/communities/${slug}/feed`)).json().items,
    home: (await who.get(`/api/communities/${slug}/home`)).json(),
  })

  it('lists an anonymous lesson without its author, in the feed and on the home', async () => {
    const lesson = (
      await ana.post('/api/communities/ops/posts', {
        kind: 'lesson',
        title: 'The night the queue filled up',
        body: 'We **ignored** the alert.',
        anonymous: true,
        fields: { whatWeLearned: 'Alerts need owners' },
      })
    ).json()
    const named = (await raj.post('/api/communities/ops/posts', { kind: 'story', title: 'How we page', body: 'Gently.' })).json()
    const { feed, home } = await lists(out, 'ops')
    for (const list of [feed, home.whatsNew, home.lessons]) {
      const seen = list.find((p) => p.id === lesson.id)
      expect(seen).toMatchObject({
        author: null,
        anonymous: true,
        excerpt: 'We ignored the alert.',
        title: 'The night the queue filled up',
      })
      expect(JSON.stringify(seen)).not.toContain(ana.id)
    }
    // Ana is on the home as the community's steward; none of the posts lists may name her.
    expect(JSON.stringify([feed, home.whatsNew, home.lessons, home.stories])).not.toContain(ana.id)
    expect(feed.find((p) => p.id === named.id)?.author).toMatchObject({ id: raj.id })
    // Summaries carry no body, rendering or media: those are on the thread.
    for (const key of ['body', 'html', 'fields', 'fieldsHtml', 'media']) expect(feed[0]).not.toHaveProperty(key)
  })

  it('gives an excerpt of a body with an XSS payload as plain text', async () => {
    const body = 'Before <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) after'
    const story = (await ana.post('/api/communities/ops/posts', { kind: 'story', title: 'Payload story', body })).json()
    const { feed, home } = await lists(raj, 'ops')
    for (const list of [feed, home.whatsNew, home.stories]) {
      const seen = list.find((p) => p.id === story.id) as Summary
      expect(seen.excerpt).toBe('Before alert(1) click after')
      expect(seen.excerpt).not.toMatch(/[<>]|javascript:/)
    }
  })

  it('leaves out deleted posts and keeps secret communities hidden', async () => {
    const gone = (await ana.post('/api/communities/ops/posts', { kind: 'question', title: 'Soon deleted', body: 'x' })).json()
    await ana.delete(`/api/posts/${gone.id}`)
    const { feed, home } = await lists(raj, 'ops')
    expect(JSON.stringify({ feed, home })).not.toContain('Soon deleted')
    await ana.post('/api/communities/secret-ops/posts', { kind: 'story', title: 'Hidden story', body: 'x' })
    expect((await out.get('/api/communities/secret-ops/feed')).statusCode).toBe(404)
    expect((await out.get('/api/communities/secret-ops/home')).statusCode).toBe(404)
  })
})

describe('plainExcerpt', () => {
  it('strips Markdown and cuts long bodies at a word', () => {
    expect(plainExcerpt('# Title\n\n- one *two*\n- `three` ![alt](x.png)\n\n```js\ncode()\n```')).toBe('Title one two three alt code()')
    const long = plainExcerpt('word '.repeat(100))
    expect(long.length).toBeLessThanOrEqual(201)
    expect(long.endsWith('word…')).toBe(true)
    // Only the start of a long body is read: its excerpt says there is more even when it is short.
    expect(plainExcerpt('a\n\n  short   start', 200, true)).toBe('a short start…')
    expect(plainExcerpt('a short body')).toBe('a short body')
  })
})
