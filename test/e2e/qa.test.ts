import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, type Client } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { rebuildSearchVocabulary } from '../../src/server/knowledge/search-vocabulary.js'
import { expectOneH1, logIn, openPage, seedAdmin, seedStewardWithCommunities } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible } from './knowledge-support.js'

// What users of Q&A products expect: votes that order answers, flags that stewards review.

describe.each(DIALECTS)('browser on %s: votes, flag and review', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let questionId: number
  let rajAnswer: number
  let spamAnswer: number
  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    await seedStewardWithCommunities(server)
    const ana: Client = await loggedInPerson(server.app, { name: 'Ana Asker', email: 'ana@example.com' })
    const raj: Client = await loggedInPerson(server.app, { name: 'Raj Answerer', email: 'raj@example.com' })
    const lee: Client = await loggedInPerson(server.app, { name: 'Lee Second', email: 'lee@example.com' })
    const spammer: Client = await loggedInPerson(server.app, { name: 'Spam Bot', email: 'spam@example.com' })
    await loggedInPerson(server.app, { name: 'Olu Reader', email: 'olu@example.com' })
    questionId = (
      await ana.post('/api/communities/data-engineering/posts', {
        kind: 'question',
        title: 'How do we backfill a partition?',
        body: 'Safely.',
      })
    ).json().id
    rajAnswer = (await raj.post(`/api/posts/${questionId}/answers`, { body: 'Write each partition idempotently.' })).json().id
    await lee.post(`/api/posts/${questionId}/answers`, { body: 'Copy it by hand.' })
    spamAnswer = (await spammer.post(`/api/posts/${questionId}/answers`, { body: 'Cheap watches at spam.example' })).json().id
    await lee.post('/api/communities/data-engineering/posts', { kind: 'story', title: 'Partition backfill runbook', body: 'Steps.' })
    // The vocabulary job runs every ten minutes; here it runs once, now.
    await rebuildSearchVocabulary(server.app.db)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const answerOrder = async (page: import('playwright-core').Page) =>
    page.locator('.answers article').evaluateAll((els) => els.map((e) => e.getAttribute('id')))

  it('Olu votes an answer up, sees it pressed and scored, and the answers reorder; voting again takes it back', async () => {
    const { page, problems } = await openPage(browser, server)
    await logIn(page, 'olu@example.com')
    await page.goto(`/posts/${questionId}`)
    await expectOneH1(page, 'How do we backfill a partition?')
    // Equal scores: oldest first.
    await expect.poll(() => answerOrder(page), UNTIL_SHOWN).toEqual([`post-${rajAnswer}`, expect.any(String), `post-${spamAnswer}`])
    const up = page.getByRole('button', { name: 'Vote up the answer by Spam Bot' })
    await up.click()
    await expect.poll(() => up.getAttribute('aria-pressed'), UNTIL_SHOWN).toBe('true')
    await expect.poll(() => answerOrder(page), UNTIL_SHOWN).toEqual([`post-${spamAnswer}`, `post-${rajAnswer}`, expect.any(String)])
    const spam = page.locator(`#post-${spamAnswer}`)
    await expect.poll(() => spam.locator('.vote-score').textContent(), UNTIL_SHOWN).toBe('1')
    await page.getByRole('button', { name: 'Vote up the answer by Spam Bot' }).click()
    await expect.poll(() => spam.locator('.vote-score').textContent(), UNTIL_SHOWN).toBe('0')
    await page.getByRole('button', { name: 'Vote down the answer by Lee Second' }).click()
    await expect.poll(() => answerOrder(page), UNTIL_SHOWN).toEqual([`post-${rajAnswer}`, `post-${spamAnswer}`, expect.any(String)])
    await page.getByRole('button', { name: 'Vote up the question' }).click()
    await expect
      .poll(() => page.getByRole('group', { name: 'Votes on this question' }).locator('.vote-score').textContent(), UNTIL_SHOWN)
      .toBe('1')
    await expectAccessible(page)
    expect(problems).toEqual([])
  })

  it('Olu flags the spam answer; Sam the steward hides it from the review queue; Olu sees the outcome', async () => {
    const olu = await openPage(browser, server)
    await logIn(olu.page, 'olu@example.com')
    await olu.page.goto(`/posts/${questionId}`)
    const spam = olu.page.locator(`#post-${spamAnswer}`)
    await spam.getByRole('button', { name: 'Flag' }).click()
    await spam.getByRole('radio', { name: 'Spam or advertising' }).check()
    await spam.getByLabel('Note for the stewards (optional)').fill('Advertising watches')
    await spam.getByRole('button', { name: 'Send flag' }).click()
    await spam.getByText('Flagged for the stewards to review.').waitFor()

    const sam = await openPage(browser, server)
    await logIn(sam.page, 'sam@example.com')
    await sam.page.getByRole('link', { name: 'Flags and review' }).click()
    await expectOneH1(sam.page, 'Flags and review')
    const item = sam.page.getByRole('listitem').filter({ hasText: 'Advertising watches' })
    await item.getByText('Cheap watches at spam.example').waitFor()
    await expectAccessible(sam.page)
    await item.getByRole('button', { name: 'Hide it' }).click()
    await expect.poll(() => sam.page.getByText('Advertising watches').count(), UNTIL_SHOWN).toBe(0)

    await olu.page.goto('/flags')
    await olu.page.getByText('Reviewed: the post was hidden').waitFor()
    await olu.page.goto(`/posts/${questionId}`)
    await olu.page.getByRole('heading', { name: '2 answers' }).waitFor()
    expect(await olu.page.locator(`#post-${spamAnswer}`).count()).toBe(0)
    expect([...olu.problems, ...sam.problems]).toEqual([])
  })

  it('Olu searches with typos, is shown what was searched for, sees answers and votes, and sorts', async () => {
    const { page, problems } = await openPage(browser, server)
    await logIn(page, 'olu@example.com')
    await page.goto('/search?q=backfil%20partiton')
    await expectOneH1(page, 'Search')
    await page.getByText('Showing results for').waitFor()
    expect(await page.locator('.search-correction strong').textContent()).toBe('“backfill partition”')
    // The count speaks of the words whose results are shown, not of the typo that found nothing.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'results for' }).textContent(), UNTIL_SHOWN)
      .toMatch(/results? for “backfill partition”\./)
    const titles = () => page.locator('.search-hit .post-summary-title').allTextContents()
    await expect
      .poll(async () => (await titles()).sort(), UNTIL_SHOWN)
      .toEqual(['How do we backfill a partition?', 'Partition backfill runbook'])
    const question = page.locator('.search-hit').filter({ hasText: 'How do we backfill a partition?' })
    await question.getByText('2 answers').waitFor()
    await question.getByText('1 vote', { exact: true }).waitFor()
    await page.getByLabel('Sort by').selectOption('newest')
    await expect.poll(titles, UNTIL_SHOWN).toEqual(['Partition backfill runbook', 'How do we backfill a partition?'])
    await page.getByLabel('Sort by').selectOption('votes')
    await expect.poll(titles, UNTIL_SHOWN).toEqual(['How do we backfill a partition?', 'Partition backfill runbook'])
    expect(new URL(page.url()).searchParams.get('sort')).toBe('votes')
    await expectAccessible(page)
    expect(problems).toEqual([])
  })

  it('Raj mentions Lee by picking him from the suggestions while typing an answer; Lee is notified', async () => {
    const { page, problems } = await openPage(browser, server)
    await logIn(page, 'raj@example.com')
    await page.goto(`/posts/${questionId}`)
    const box = page.getByLabel('Your answer', { exact: true })
    await box.click()
    await box.pressSequentially('Ask @Le')
    const option = page.getByRole('button', { name: /Lee Second @lee/ })
    await option.click()
    await expect.poll(() => box.inputValue(), UNTIL_SHOWN).toBe('Ask @lee ')
    await box.pressSequentially('about it.')
    await page.getByRole('button', { name: /Post (the|your) answer/ }).click()
    // The posted answer, not the answer box, which may still hold the text for a moment.
    await page.locator('.answers [id^="post-"]').getByText('Ask @lee about it.').waitFor()
    const lee = await openPage(browser, server)
    await logIn(lee.page, 'lee@example.com')
    await lee.page.goto('/notifications')
    await lee.page.getByText(/Raj Answerer mentioned you/).waitFor()
    expect([...problems, ...lee.problems]).toEqual([])
  })
})
