import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/server/platform/clock.js'
import { DIALECTS, type Client } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

const DAY = 86_400_000

/** Moves focus with Tab only (as a keyboard user would) until `target` has it; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

// Quizzes (issue 14): a manager authors a quiz; a learner answers with immediate feedback, by mouse and by
// keyboard alone; the server's clock is moved (a ManualClock given to the server) and the answered questions
// come back for review, as FSRS schedules them.
describe.each(DIALECTS)('browser on %s: quizzes and spaced retrieval', (dialect) => {
  let server: E2eServer
  let browser: Browser
  const clock = new ManualClock(Date.now())
  let miaApi: Client

  beforeAll(async () => {
    // A privacy minimum of 3, so that the challenge's few people make a group that may be shown.
    server = await startE2eServer(dialect, { minAggregate: 3 }, { clock })
    browser = await launchBrowser()
    await seedAdmin(server)
    miaApi = await loggedInPerson(server.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    await loggedInPerson(server.app, { name: 'Ana Learner', email: 'ana@example.com' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('is authored by a manager, answered with feedback by mouse and by keyboard, and comes back for review after the clock moves', async () => {
    const mia = await openPage(browser, server)
    await logIn(mia.page, 'mia@example.com')
    await mia.page.goto('/learning')
    await expectOneH1(mia.page, 'Learning')
    await mia.page.getByRole('button', { name: 'New quiz' }).click()
    await mia.page.getByLabel('Quiz title').fill('Incident response basics')
    await mia.page.getByRole('button', { name: 'Create and add questions' }).click()
    await expectOneH1(mia.page, 'Edit: Incident response basics')

    const form = mia.page.getByRole('form', { name: 'Add a question' })
    await form.getByLabel('Question').fill('Who may declare an incident?')
    await form.getByLabel('Options').fill('Anyone who sees one\nOnly the on-call lead')
    await form.getByRole('radio', { name: 'Anyone who sees one' }).check()
    await form.getByLabel('Why (shown after answering)').fill('Early is cheap.')
    await form.getByRole('button', { name: 'Add the question' }).click()
    await form.getByText('Question added.').waitFor()
    // The author rewrites the explanation in place.
    await mia.page.getByRole('button', { name: 'Edit “Who may declare an incident?”' }).click()
    const edit = mia.page.getByRole('form', { name: 'Edit “Who may declare an incident?”' })
    expect(await edit.getByRole('radio', { name: 'Anyone who sees one' }).isChecked()).toBe(true)
    await edit.getByLabel('Why (shown after answering)').fill('Declaring early is cheap, so anyone may do it.')
    await edit.getByRole('button', { name: 'Save the question' }).click()
    await mia.page.getByText('Why: Declaring early is cheap, so anyone may do it.').waitFor()

    await form.getByRole('radio', { name: 'Put in order' }).check()
    await form.getByLabel('Question').fill('Put the steps in order')
    await form.getByLabel('Options').fill('Declare\nMitigate\nReview')
    await form.getByLabel('Why (shown after answering)').fill('Declare, stop the bleeding, then learn.')
    await form.getByRole('button', { name: 'Add the question' }).click()
    await mia.page.getByText('Order: Declare → Mitigate → Review').waitFor()

    await form.getByRole('radio', { name: 'Short answer' }).check()
    await form.getByLabel('Question').fill('What do we call the meeting afterwards?')
    await form.getByLabel('Accepted answers').fill('post-incident review\nretrospective')
    await form.getByLabel('Why (shown after answering)').fill('A blameless review of what happened.')
    await form.getByRole('button', { name: 'Add the question' }).click()
    await mia.page.getByText('Accepted: post-incident review, retrospective').waitFor()
    expect(await seriousA11yViolations(mia.page)).toEqual([])
    expect(mia.problems).toEqual([])
    const quizPath = new URL(mia.page.url()).pathname.replace(/\/edit$/, '')
    await mia.context.close()

    // Ana, on a phone-sized screen: answers the first question wrong with the mouse, and is told why.
    const ana = await openPage(browser, server)
    const page = ana.page
    await page.setViewportSize({ width: 390, height: 844 })
    await logIn(page, 'ana@example.com')
    await page.goto('/learning')
    await page.getByRole('link', { name: 'Incident response basics' }).click()
    await expectOneH1(page, 'Incident response basics')
    expect(new URL(page.url()).pathname).toBe(quizPath)
    const first = page.getByRole('form', { name: /Who may declare an incident/ })
    await first.getByRole('radio', { name: 'Only the on-call lead' }).check()
    await first.getByRole('button', { name: 'Check answer' }).click()
    const firstStatus = first.getByRole('status')
    await expect.poll(() => firstStatus.textContent(), UNTIL_SHOWN).toContain('Not quite.')
    expect(await firstStatus.textContent()).toContain('Declaring early is cheap, so anyone may do it.')
    expect(await firstStatus.textContent()).toContain('The answer: Anyone who sees one')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousA11yViolations(page)).toEqual([])

    // Keyboard only: order the steps with the Move buttons, type the short answer, submit with Enter.
    await page.setViewportSize({ width: 1280, height: 900 })
    const ordering = page.getByRole('form', { name: /Put the steps in order/ })
    const orderNow = () => ordering.locator('.quiz-order-text').allTextContents()
    for (let round = 0; round < 6 && (await orderNow()).join() !== 'Declare,Mitigate,Review'; round++) {
      const texts = await orderNow()
      const want = ['Declare', 'Mitigate', 'Review']
      const at = texts.findIndex((t, i) => t !== want[i])
      // Bring the option that belongs at `at` up by one place.
      const item = want[at]!
      await tabTo(page, ordering.getByRole('button', { name: `Move “${item}” up` }))
      await page.keyboard.press('Enter')
    }
    expect(await orderNow()).toEqual(['Declare', 'Mitigate', 'Review'])
    await tabTo(page, ordering.getByRole('button', { name: 'Check answer' }))
    await page.keyboard.press('Enter')
    await expect.poll(() => ordering.getByRole('status').textContent(), UNTIL_SHOWN).toContain('Right.')

    const short = page.getByRole('form', { name: /What do we call the meeting afterwards/ })
    await tabTo(page, short.getByLabel('Your answer'))
    await page.keyboard.type('  Retrospective. ')
    await page.keyboard.press('Enter')
    await expect.poll(() => short.getByRole('status').textContent(), UNTIL_SHOWN).toContain('Right.')
    expect(await short.getByRole('status').textContent()).toContain('A blameless review of what happened.')

    // Progress is kept: coming back shows the answers and their feedback.
    await page.reload()
    await expect.poll(() => page.getByTestId('quiz-progress').textContent(), UNTIL_SHOWN).toContain('3 of 3 answered, 2 right')
    await page
      .getByRole('form', { name: /Who may declare an incident/ })
      .getByText('Not quite.')
      .waitFor()

    // Nothing is due yet; a day later the wrong answer is; three days later all three are.
    await page.goto('/learning')
    await expectOneH1(page, 'Learning')
    await page.getByRole('heading', { name: 'Quizzes' }).waitFor()
    expect(await page.getByRole('link', { name: /^Review \d+ due$/ }).count()).toBe(0)
    clock.advance(DAY)
    await page.reload()
    await page.getByRole('link', { name: 'Review 1 due' }).waitFor()
    clock.advance(2 * DAY)
    await page.reload()
    await page.getByRole('link', { name: 'Review 3 due' }).click()
    await expectOneH1(page, 'Review')
    const review = page.getByRole('form', { name: /Who may declare an incident/ })
    await review.getByRole('radio', { name: 'Anyone who sees one' }).check()
    await review.getByRole('button', { name: 'Check answer' }).click()
    await expect.poll(() => review.getByRole('status').textContent(), UNTIL_SHOWN).toContain('Right.')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.goto('/learning')
    await page.getByRole('link', { name: 'Review 2 due' }).waitFor()
    expect(ana.problems).toEqual([])
    await ana.context.close()
  })

  it('lets an admin name the LRS that xAPI statements go to, without ever showing the secret again', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/learning')
    await page.getByText('Learning Record Store (xAPI)').click()
    const form = page.getByRole('form', { name: 'Learning Record Store' })
    await form.getByLabel('Endpoint').fill('https://lrs.example.com/xapi')
    await form.getByLabel('Key').fill('wellspring')
    await form.getByLabel('Secret').fill('lrs-secret-1')
    await form.getByRole('radio', { name: 'Their email address' }).check()
    await form.getByRole('button', { name: 'Save' }).click()
    await form.getByText('Saved.').waitFor()
    await page.reload()
    await page.getByText('Learning Record Store (xAPI)').click()
    await page.getByText('A secret is stored; leave empty to keep it.').waitFor()
    expect(await form.getByLabel('Endpoint').inputValue()).toBe('https://lrs.example.com/xapi')
    expect(await form.getByLabel('Secret').inputValue()).toBe('')
    expect(await page.content()).not.toContain('lrs-secret-1')
    expect(await form.getByRole('radio', { name: 'Their email address' }).isChecked()).toBe(true)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('lets a steward start a team challenge for their community, whose members see its progress in aggregate', async () => {
    const sam = await loggedInPerson(server.app, { name: 'Sam Steward', email: 'sam@example.com', department: 'Platform' })
    expect((await sam.post('/api/communities', { name: 'Reliability', purpose: 'Keeping things up', visibility: 'open' })).statusCode).toBe(
      201,
    )
    const quizId = (await miaApi.post('/api/learning/quizzes', { title: 'On-call habits' })).json<{ id: string }>().id
    const question = { kind: 'single', prompt: 'Page early?', options: ['Yes', 'No'], correct: [0] }
    expect((await miaApi.post(`/api/learning/quizzes/${quizId}/questions`, question)).statusCode).toBe(201)
    const members = []
    for (const name of ['Kim', 'Lou', 'Max']) {
      const member = await loggedInPerson(server.app, {
        name: `${name} Member`,
        email: `${name.toLowerCase()}@example.com`,
        department: 'Platform',
      })
      await member.post('/api/communities/reliability/join', {})
      members.push(member)
    }

    const { context, page, problems } = await openPage(browser, server)
    await page.setViewportSize({ width: 390, height: 844 })
    await logIn(page, 'sam@example.com')
    await page.goto(`/learning/quizzes/${quizId}`)
    await expectOneH1(page, 'On-call habits')
    const form = page.getByRole('form', { name: 'Start a team challenge' })
    await form.getByLabel('Community').selectOption('reliability')
    await form.getByLabel('Until').fill(new Date(clock.now() + 14 * DAY).toISOString().slice(0, 10))
    await form.getByRole('button', { name: 'Start the challenge' }).click()
    await form.getByText('The challenge is on.').waitFor()

    // Two members answer the first question while it runs.
    const quiz = (await members[0]!.get(`/api/learning/quizzes/${quizId}`)).json<{
      items: { id: string; options: { id: string; text: string }[] }[]
    }>()
    const first = quiz.items[0]!
    for (const m of members.slice(0, 2)) {
      const right = first.options.find((o) => o.text === 'Yes')!.id
      expect((await m.post(`/api/learning/quizzes/${quizId}/questions/${first.id}/answer`, { choices: [right] })).statusCode).toBe(200)
    }
    await page.getByRole('link', { name: /^Reliability: / }).click()
    await expectOneH1(page, 'On-call habits: Reliability')
    const row = page.getByRole('row', { name: /All of Reliability/ })
    await expect.poll(() => row.textContent(), UNTIL_SHOWN).toBe('All of Reliability42100%')
    expect(await page.getByRole('row', { name: /^Platform/ }).textContent()).toBe('Platform42100%')
    // Points are off: no names anywhere.
    expect(await page.getByRole('heading', { name: 'Points' }).count()).toBe(0)
    expect(await page.content()).not.toMatch(/Kim Member|Lou Member/)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })
})
