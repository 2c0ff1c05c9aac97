import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { jobsSettled } from '../helpers/jobs.js'
import { notificationsOf } from '../helpers/notifications.js'
import { PEOPLE, seedAskWorld, type AskWorld, type Who } from './ask-support.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

// Issue 10, defect 7 (raw Markdown and mangled text) and the For you part of defect 8 (Answer moves focus).
const XSS = '<script>alert("xss")</script> <img src=x onerror=alert(1)>'

describe.each(DIALECTS)('browser on %s: first touch, what people are told reads well (issue 10: 7, 8)', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let world: AskWorld
  let questionId = 0
  let offered: string[] = []

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    world = await seedAskWorld(server)
    // Everyone follows "Data engineering" (answering there made them members), so each hears of new questions
    // as well as being offered them.
    for (const who of ['raj', 'leo', 'kim', 'mei'] as Who[]) {
      expect([200, 409]).toContain((await world.clients[who].post('/api/communities/data-engineering/join', {})).statusCode)
      expect((await world.clients[who].post('/api/communities/data-engineering/follow', { following: true })).statusCode).toBe(200)
    }
    const asked = await world.clients.ana.post('/api/asks', {
      communitySlug: 'data-engineering',
      title: 'Backfill a partition after a schema change?',
      body: `**Bold** plan: we added a _column_ to [the events table](https://example.com/events). ${XSS}`,
      tags: ['backfill', 'partitions'],
    })
    expect(asked.statusCode).toBe(201)
    questionId = asked.json<{ questionId: number }>().questionId
    offered = asked.json<{ offeredTo: { name: string }[] }>().offeredTo.map((p) => p.name)
    expect(offered.length).toBeGreaterThan(0)
    await jobsSettled(server.app)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function as(who: Who) {
    const opened = await openPage(browser, server)
    await logIn(opened.page, PEOPLE[who].email)
    return opened
  }

  it('an expert offered a question is told once about it, not also as a new post', async () => {
    for (const who of ['raj', 'leo', 'kim', 'mei'] as Who[]) {
      const about = (await notificationsOf(world.clients[who])).filter((n) => n.postId === questionId)
      const wasOffered = offered.includes(PEOPLE[who].name)
      expect(about.map((n) => n.kind)).toEqual([wasOffered ? 'routed' : 'new_post'])
    }
  })

  it('For you shows the question as plain text, and Answer takes the keyboard to the answer box', async () => {
    const who = (Object.keys(PEOPLE) as Who[]).find((w) => offered[0] === PEOPLE[w].name) as Who
    const { context, page, problems } = await as(who)
    await page.goto('/for-you')
    const card = page.getByRole('article', { name: 'Backfill a partition after a schema change?' })
    await card.waitFor()
    const excerpt = (await card.locator('.offer-excerpt').textContent()) ?? ''
    expect(excerpt).toContain('Bold plan: we added a column to the events table.')
    expect(excerpt).not.toMatch(/\*\*|_column_|\]\(|<script|<img|scriptalert/)
    await card.getByRole('button', { name: 'Answer', exact: true }).click()
    const box = card.getByRole('textbox', { name: 'Your answer to “Backfill a partition after a schema change?”' })
    await box.waitFor()
    await expect.poll(() => box.evaluate((el) => el === document.activeElement), UNTIL_SHOWN).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })

  it('a notification excerpt is plain text made from the rendered answer, not mangled markup', async () => {
    const answer = await world.clients.raj.post(`/api/posts/${questionId}/answers`, { body: `Try **this**: ${XSS} then run it` })
    expect(answer.statusCode).toBe(201)
    await jobsSettled(server.app)
    const { context, page, problems } = await as('ana')
    await page.goto('/notifications')
    await expectOneH1(page, 'Notifications')
    const item = page.getByRole('listitem').filter({ hasText: 'Raj Patel answered your question' })
    await item.waitFor()
    const excerpt = (await item.locator('.notification-excerpt').textContent()) ?? ''
    // The answer shows its quoted markup as text; the excerpt keeps the words and drops what looks like tags.
    expect(excerpt).toBe('Try this: alert("xss") then run it')
    expect(problems).toEqual([])
    await context.close()
  })

  it('a join request reads as one sentence and is done for the stewards once acted on', async () => {
    expect(
      (await world.clients.sam.post('/api/communities', { name: 'Testing and Quality', purpose: 'Tests', visibility: 'closed' }))
        .statusCode,
    ).toBe(201)
    expect((await world.clients.ana.post('/api/communities/testing-and-quality/join', { message: 'Hello' })).statusCode).toBe(200)
    await jobsSettled(server.app)
    const { context, page, problems } = await as('sam')
    await page.goto('/notifications')
    const link = page.getByRole('link', { name: 'Ana Silva asks to join Testing and Quality', exact: true })
    await link.waitFor()
    await expect
      .poll(() => page.getByRole('button', { name: 'Mark read: Ana Silva asks to join Testing and Quality' }).count(), UNTIL_SHOWN)
      .toBe(1)
    // Sam approves from the requests page; the notification is then done without opening it.
    await page.goto('/communities/testing-and-quality/requests')
    await page
      .getByRole('listitem', { name: 'Request from Ana Silva' })
      .getByRole('button', { name: /Approve/ })
      .click()
    await page.getByRole('listitem', { name: 'Request from Ana Silva' }).waitFor({ state: 'detached' })
    await jobsSettled(server.app)
    await page.goto('/notifications')
    await page.getByRole('link', { name: 'Ana Silva asks to join Testing and Quality', exact: true }).waitFor()
    await expect
      .poll(() => page.getByRole('button', { name: 'Mark read: Ana Silva asks to join Testing and Quality' }).count(), UNTIL_SHOWN)
      .toBe(0)
    const sams = await notificationsOf(world.clients.sam)
    expect(sams.filter((n) => n.kind === 'join_request').map((n) => n.read)).toEqual([true])
    expect(problems).toEqual([])
    await context.close()
  })
})
