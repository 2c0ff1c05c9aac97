import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin, seedStewardWithCommunities } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

// Issue 10, defect 8: the smaller ones (For you's Answer focus is in first-touch-notices.test.ts).
// One word, as a name pasted without spaces can be: the browser has nowhere to break it.
const LONG_NAME = 'Supercalifragilistic'.repeat(5)

/** Whether anything makes the page wider than the window (a horizontal scroll bar). */
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)

describe.each(DIALECTS)('browser on %s: first touch, the smaller defects (issue 10: 8)', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let sam: Client
  let ana: Client
  let storyId = 0
  let closedId = 0
  let lessonId = 0
  let longSlug = ''

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    sam = await seedStewardWithCommunities(server)
    ana = await loggedInPerson(server.app, { name: 'Ana Newcomer', email: 'ana@example.com' })
    expect(LONG_NAME).toHaveLength(100)
    const long = await sam.post('/api/communities', { name: LONG_NAME, purpose: 'Words in every language', visibility: 'open' })
    expect(long.statusCode).toBe(201)
    longSlug = long.json<{ slug: string }>().slug
    const story = await sam.post('/api/communities/data-engineering/posts', {
      kind: 'story',
      title: 'How we cut the nightly load',
      body: 'It took a year.',
    })
    storyId = story.json<{ id: number }>().id
    const closed = await sam.post('/api/communities/testing/posts', { kind: 'practice', title: 'Our release checklist', body: 'Step one.' })
    closedId = closed.json<{ id: number }>().id
    const lesson = await ana.post('/api/communities/data-engineering/posts', {
      kind: 'lesson',
      title: 'I dropped the wrong partition',
      body: 'Check twice.',
      anonymous: true,
    })
    expect(lesson.statusCode).toBe(201)
    lessonId = lesson.json<{ id: number }>().id
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the Thank button shows that you thanked, also after a reload', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'ana@example.com')
    await page.goto(`/posts/${storyId}`)
    await expectOneH1(page, 'How we cut the nightly load')
    await page.getByRole('button', { name: 'Thank: How we cut the nightly load' }).click()
    await page.getByRole('button', { name: 'Send thanks' }).click()
    const thanked = page.getByRole('button', { name: 'Thanked: How we cut the nightly load' })
    await thanked.waitFor()
    await expect(thanked.isDisabled()).resolves.toBe(true)
    // What the viewer said comes with the thread: one request for the page's post, none beside it.
    const asked: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path.startsWith('/api/posts/')) asked.push(path)
    })
    await page.reload()
    await thanked.waitFor()
    await expect(page.getByRole('button', { name: 'Thank: How we cut the nightly load' }).count()).resolves.toBe(0)
    expect(asked).toEqual([`/api/posts/${storyId}`])
    // "I learned" is a separate act, still offered.
    await page.getByRole('button', { name: 'I learned this from you: How we cut the nightly load' }).waitFor()
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })

  it('Thank and "I learned" do not show on your own anonymous lesson (but do for others)', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'ana@example.com')
    await page.goto(`/posts/${lessonId}`)
    await expectOneH1(page, 'I dropped the wrong partition')
    await page.getByText(/0 thanks · 0 learned from it/).waitFor()
    await expect(page.getByRole('button', { name: /^(Thank|I learned this from you):/ }).count()).resolves.toBe(0)
    await context.close()
    const other = await openPage(browser, server)
    await logIn(other.page, 'sam@example.com')
    await other.page.goto(`/posts/${lessonId}`)
    await other.page.getByRole('button', { name: 'Thank: I dropped the wrong partition' }).waitFor()
    expect([...problems, ...other.problems]).toEqual([])
    await other.context.close()
  })

  it('a non-member opening a closed community’s post is offered to ask to join', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'ana@example.com')
    await page.goto(`/posts/${closedId}`)
    await expectOneH1(page, 'This post is in Testing')
    await expect(page.getByRole('main').textContent()).resolves.not.toContain('Our release checklist')
    await page.getByRole('button', { name: 'Ask to join' }).click()
    await page.getByLabel('Message to the stewards (optional)').fill('I write the release tests.')
    await page.getByRole('button', { name: 'Send request' }).click()
    await page.getByText('Your request to join is waiting for a steward.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'closed-post-ask-to-join')
    const requests = (await sam.get('/api/communities/testing/requests')).json<{ items: { person: { name: string } }[] }>().items
    expect(requests.map((r) => r.person.name)).toEqual(['Ana Newcomer'])
    // A post that does not exist is still just not found.
    await page.goto('/posts/999999')
    await expectOneH1(page, 'Post not found')
    expect(problems).toEqual([])
    await context.close()
  })

  it('a 100-character community name stays inside its card and the page, on desktop and phone', async () => {
    for (const width of [1280, 390]) {
      const { context, page, problems } = await openPage(browser, server)
      await page.setViewportSize({ width, height: 900 })
      await logIn(page, 'sam@example.com')
      for (const path of ['/communities', '/', `/communities/${longSlug}`, `/communities/${longSlug}/members`]) {
        await page.goto(path)
        await page.locator('main :is(h1, h2, h3, a, p, span, li):not(option)').filter({ hasText: LONG_NAME }).first().waitFor()
        await expect.poll(() => pageOverflows(page), UNTIL_SHOWN).toBe(false)
      }
      await page.goto('/communities')
      const card = page.locator('.community-card').filter({ hasText: LONG_NAME })
      const fits = await card.evaluate((el) =>
        [...el.querySelectorAll('*')].every((c) => c.getBoundingClientRect().right <= el.getBoundingClientRect().right + 1),
      )
      expect(fits).toBe(true)
      expect(problems).toEqual([])
      await context.close()
    }
  })
})
