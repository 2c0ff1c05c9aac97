import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import { login, DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, postIdOf, screenshot } from './knowledge-support.js'

const TITLE = 'How do we backfill a partition safely?'

describe.each(DIALECTS)('browser on %s: ask, answer, accept, thank, learn, with live notifications', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let raj: PersonRow

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    const sam = await buildPerson(server.app, { name: 'Sam Steward', email: 'sam@example.com' })
    await buildPerson(server.app, { name: 'Ana Newcomer', email: 'ana.silva@example.com' })
    raj = await buildPerson(server.app, { name: 'Raj Answerer', email: 'raj@example.com' })
    const steward = await login(server.app, sam.email)
    expect(
      (await steward.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines and backfills', visibility: 'open' }))
        .statusCode,
    ).toBe(201)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('Ana asks, Raj answers and she is told at once; she accepts and thanks him; his learned-from page shows it', async () => {
    const ana = await openPage(browser, server)
    await logIn(ana.page, 'ana.silva@example.com')
    await ana.page.goto('/communities/data-engineering')
    await ana.page.getByRole('link', { name: 'Share something' }).click()
    await expectOneH1(ana.page, 'Share in Data engineering')
    await ana.page.getByRole('radio', { name: 'Question' }).waitFor()
    await ana.page.getByLabel('Title').fill(TITLE)
    await ana.page
      .getByLabel('Your question', { exact: true })
      .fill('We need to **re-run** a day of events without duplicates.\n\n- partition `2024-05-01`')
    // The preview is rendered by the server, exactly as the post will be.
    const preview = ana.page.getByRole('region', { name: 'Preview of Your question' })
    await preview.locator('strong', { hasText: 're-run' }).waitFor()
    await preview.locator('li code', { hasText: '2024-05-01' }).waitFor()
    const tags = ana.page.getByRole('textbox', { name: 'Tags', exact: true })
    await tags.fill('backfill')
    await tags.press('Enter')
    await expectAccessible(ana.page)
    await screenshot(ana.page, 'editor-question')
    await ana.page.getByRole('button', { name: 'Post the question' }).click()
    await expectOneH1(ana.page, TITLE)
    const questionId = postIdOf(ana.page)
    await expect.poll(() => ana.page.getByRole('list', { name: 'Tags' }).textContent(), UNTIL_SHOWN).toBe('backfill')
    await ana.page.getByRole('heading', { name: '0 answers' }).waitFor()

    // Ana waits on her notification centre; nothing is unread yet.
    await ana.page.getByRole('link', { name: 'Notifications', exact: true }).click()
    await expectOneH1(ana.page, 'Notifications')
    await ana.page.getByRole('heading', { name: 'All caught up' }).waitFor()
    await expectAccessible(ana.page)

    // Raj finds the question from the header's suggestions and answers it, mentioning Ana.
    const answerer = await openPage(browser, server)
    await logIn(answerer.page, 'raj@example.com')
    const box = answerer.page.getByRole('combobox', { name: 'Search questions, stories, practices and lessons' })
    await box.fill('backf')
    const option = answerer.page.getByRole('option', { name: new RegExp(TITLE.replace('?', '\\?')) })
    await option.waitFor()
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true')
    await box.press('ArrowDown')
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true')
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(await option.getAttribute('id'))
    await box.press('Enter')
    await expectOneH1(answerer.page, TITLE)
    await answerer.page
      .getByLabel('Your answer', { exact: true })
      .fill('Write **idempotently**: delete the partition, then insert, in one transaction. @sam knows the tables.')
    await answerer.page.getByRole('button', { name: 'Post your answer' }).click()
    await answerer.page.getByRole('heading', { name: '1 answer' }).waitFor()
    await expectAccessible(answerer.page)

    // Live: the answer reaches Ana's open page without a reload; Sam, mentioned, is told too.
    await ana.page.getByRole('link', { name: 'Notifications 1 unread' }).waitFor()
    const list = ana.page.getByRole('list', { name: 'Notifications' })
    await list.getByRole('link', { name: `Raj Answerer answered your question: “${TITLE}”` }).waitFor()
    const samNotes = (await (await login(server.app, 'sam@example.com')).get('/api/notifications')).json<{ items: { text: string }[] }>()
    expect(samNotes.items.map((n) => n.text)).toContain('Raj Answerer mentioned you')
    await screenshot(ana.page, 'notifications-live')
    await list.getByRole('link', { name: /answered your question/ }).click()
    await expectOneH1(ana.page, TITLE)
    expect(postIdOf(ana.page)).toBe(questionId)

    // Ana accepts the answer, thanks Raj and records that she learned from him.
    const answer = ana.page.getByRole('article', { name: 'Answer by Raj Answerer' })
    await answer.locator('strong', { hasText: 'idempotently' }).waitFor()
    await answer.getByRole('button', { name: 'Accept this answer' }).click()
    await answer.getByText('Accepted answer').waitFor()
    await answer.getByRole('button', { name: 'Thank: the answer by Raj Answerer' }).click()
    await answer.getByLabel('Note with your thanks (optional)').fill('Saved my Friday')
    await answer.getByRole('button', { name: 'Send thanks' }).click()
    await answer.getByText('Your thanks was sent.').waitFor()
    await answer.getByRole('button', { name: 'I learned this from you: the answer by Raj Answerer' }).click()
    await answer.getByLabel('What you learned (optional)').fill('Delete-then-insert in one transaction')
    await answer.getByRole('button', { name: 'Record it' }).click()
    await answer.getByText('1 thanks · 1 learned from it').waitFor()
    await expectAccessible(ana.page)
    await screenshot(ana.page, 'thread-accepted')

    // Raj is told live too, and his learned-from page shows whom he helped.
    await answerer.page.getByRole('link', { name: 'Notifications 3 unread' }).waitFor()
    await answerer.page.goto('/notifications')
    const rajList = answerer.page.getByRole('list', { name: 'Notifications' })
    await rajList.getByRole('link', { name: /Ana Newcomer accepted your answer/ }).waitFor()
    await rajList.getByRole('link', { name: /Ana Newcomer thanked you/ }).waitFor()
    await rajList.getByRole('link', { name: /Ana Newcomer says they learned from you/ }).waitFor()
    await answerer.page.getByRole('button', { name: 'Mark all read' }).click()
    await answerer.page.getByText('Marked 3 as read.').waitFor()
    await answerer.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor()

    await ana.page.goto(`/people/${raj.id}`)
    await ana.page.getByRole('link', { name: 'What Raj Answerer learned, and whom they helped' }).click()
    await expectOneH1(ana.page, 'Who Raj Answerer learned from and helped')
    expect(new URL(ana.page.url()).pathname).toBe(`/people/${raj.id}/learned-from`)
    const helped = ana.page.getByRole('region', { name: 'Whom Raj Answerer helped' })
    await expect.poll(() => helped.textContent(), UNTIL_SHOWN).toContain('Thanked by Ana Newcomer')
    await expect.poll(() => helped.textContent(), UNTIL_SHOWN).toContain('“Saved my Friday”')
    await expect.poll(() => helped.textContent(), UNTIL_SHOWN).toContain('Taught Ana Newcomer')
    await expect.poll(() => ana.page.getByRole('definition').allTextContents(), UNTIL_SHOWN).toEqual(['1', '1', '1', '1'])
    // Thanking a person directly, from their learned-from page.
    await ana.page.getByRole('button', { name: 'Thank Raj Answerer' }).click()
    await ana.page.getByLabel('What are you thanking them for?').fill('The pairing session on Kafka')
    await ana.page.getByRole('button', { name: 'Send thanks' }).click()
    await ana.page.getByText('Your thanks was sent to Raj Answerer.').waitFor()
    await expect.poll(() => helped.textContent(), UNTIL_SHOWN).toContain('The pairing session on Kafka')
    await expectAccessible(ana.page)
    await screenshot(ana.page, 'learned-from-page')
    // The page's old address, in links sent before it moved, still leads to it.
    await ana.page.goto(`/people/${raj.id}/learning`)
    await expectOneH1(ana.page, 'Who Raj Answerer learned from and helped')
    expect(new URL(ana.page.url()).pathname).toBe(`/people/${raj.id}/learned-from`)
    expect([...ana.problems, ...answerer.problems]).toEqual([])
    await ana.context.close()
    await answerer.context.close()
  })

  it('edits keep their history, comments attach to answers, and a deleted post is gone', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'ana.silva@example.com')
    await page.goto('/search?q=backfill')
    await page.getByRole('list', { name: 'Results' }).getByRole('link', { name: TITLE }).click()
    await expectOneH1(page, TITLE)
    const question = page.getByRole('article', { name: TITLE })
    await question.getByRole('button', { name: 'Edit' }).click()
    await question.getByLabel('Title').fill('How do we backfill one partition safely?')
    await question.getByRole('button', { name: 'Save changes' }).click()
    await expectOneH1(page, 'How do we backfill one partition safely?')
    const edited = page.getByRole('article', { name: 'How do we backfill one partition safely?' })
    await edited.getByRole('button', { name: 'History' }).click()
    const history = edited.getByRole('region', { name: /Earlier versions/ })
    await expect.poll(() => history.textContent(), UNTIL_SHOWN).toContain(TITLE)
    await expectAccessible(page)

    const answer = page.getByRole('article', { name: 'Answer by Raj Answerer' })
    await answer.getByRole('button', { name: 'Add a comment' }).click()
    await answer.getByLabel('Comment on this answer', { exact: true }).fill('Worked on the events table too.')
    await answer.getByRole('button', { name: 'Add comment' }).click()
    await answer.getByRole('list', { name: 'Comments' }).getByText('Worked on the events table too.').waitFor()
    await answer.getByRole('button', { name: 'Delete comment' }).click()
    await answer.getByRole('button', { name: 'Yes, delete the comment' }).click()
    await answer.getByRole('list', { name: 'Comments' }).waitFor({ state: 'detached' })

    await page.goto('/communities/data-engineering/new?kind=question')
    await page.getByLabel('Title').fill('A question posted by mistake')
    await page.getByLabel('Your question', { exact: true }).fill('Oops')
    await page.getByRole('button', { name: 'Post the question' }).click()
    await expectOneH1(page, 'A question posted by mistake')
    const id = postIdOf(page)
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('button', { name: 'Yes, delete' }).click()
    await expectOneH1(page, 'Data engineering')
    await page.goto(`/posts/${id}`)
    await expectOneH1(page, 'Post not found')
    expect(problems).toEqual([])
    await context.close()
  })
})
