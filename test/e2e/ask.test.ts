import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countPosts, EXISTING, offersFor, PEOPLE, seedAskWorld, type AskWorld, type Who } from './ask-support.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, postIdOf, screenshot } from './knowledge-support.js'

const TYPED = 'How do we backfill a partition safely?'
const ASKED = 'Backfill a partition after a schema change?'
const PRACTICE = 'Backfill one partition at a time'

// The whole journey runs on both databases: routing state, offers and known-for live in the database.
describe.each(DIALECTS)('browser on %s: pull learning (ask, routing, For you, availability, known for)', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let world: AskWorld
  let questionId = 0
  let firstRound: string[] = []

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    world = await seedAskWorld(server)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A logged-in page for one of the seeded people. */
  async function as(who: Who) {
    const opened = await openPage(browser, server)
    await logIn(opened.page, PEOPLE[who].email)
    return opened
  }

  it('Ana sees an existing answer while typing and marks it as answering: nothing is posted', async () => {
    const { context, page, problems } = await as('ana')
    // From the home page's box: the question carries over to the ask flow.
    // Ana has posted nowhere yet and belongs to no community: her home says so and links to them all.
    await page.getByRole('region', { name: 'Your communities' }).getByText('You have not joined a community yet.').waitFor()
    await page.getByRole('textbox', { name: 'Your question' }).fill(TYPED)
    await page.getByRole('search', { name: 'Ask a question' }).getByRole('button', { name: 'Ask' }).click()
    await expectOneH1(page, 'Ask a question')
    await expect(page.getByLabel('Question', { exact: true }).inputValue()).resolves.toBe(TYPED)
    const panel = page.getByRole('complementary', { name: 'Already answered?' })
    await expect(panel.getAttribute('aria-live')).resolves.toBe('polite')
    const hits = panel.getByRole('list', { name: 'Existing answers and similar questions' })
    const hit = hits.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(EXISTING) }) })
    await hit.waitFor()
    // Snippets highlight the words typed (server-escaped HTML with <mark>).
    await expect.poll(() => hits.locator('mark').first().textContent(), UNTIL_SHOWN).toMatch(/backfill|partition/i)
    // The community is preselected from the question's content, with the reason.
    const community = page.getByRole('combobox', { name: 'Community' })
    await expect(community.inputValue()).resolves.toBe('data-engineering')
    await page.getByText(/Suggested from your question: Data engineering \(\d+ similar posts? there\)/).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'ask-typing')

    const before = await countPosts(server)
    await hit.getByRole('button', { name: 'This answered it' }).click()
    await page.getByRole('heading', { name: 'Glad it was already answered' }).waitFor()
    await expect.poll(() => page.getByRole('main').textContent(), UNTIL_SHOWN).toContain('nothing was posted')
    expect(await countPosts(server)).toBe(before)
    const resolutions = await server.app.db.selectFrom('ask_resolution').select(['asker_id', 'query']).execute()
    expect(resolutions).toEqual([{ asker_id: world.people.ana.id, query: TYPED }])
    await expectAccessible(page)
    await screenshot(page, 'ask-resolved')
    expect(problems).toEqual([])
    await context.close()
  })

  it('Ana asks a new question: it is posted in the suggested community and offered to the people who answered such things', async () => {
    const { context, page, problems } = await as('ana')
    await page.goto('/ask')
    await expectOneH1(page, 'Ask a question')
    await page.getByLabel('Question', { exact: true }).fill(ASKED)
    await page.getByLabel('Details').fill('We added a column to the events table. Do we backfill every daily partition?')
    const tags = page.getByRole('textbox', { name: 'Tags', exact: true })
    await tags.fill('backfill')
    await tags.press('Enter')
    await page
      .getByRole('complementary', { name: 'Already answered?' })
      .getByRole('link', { name: new RegExp(EXISTING) })
      .waitFor()
    await expect(page.getByRole('combobox', { name: 'Community' }).inputValue()).resolves.toBe('data-engineering')
    await page.getByRole('button', { name: 'Post my question' }).click()
    await page.getByRole('heading', { name: 'Your question is on its way' }).waitFor()
    const sentence = (await page.getByText(/^Your question was posted in/).textContent()) ?? ''
    // Each person offered it is listed with their own reason: the answers behind the choice, with links.
    const offeredTo = page.getByRole('list', { name: 'Offered to' }).locator(':scope > li')
    firstRound = await Promise.all((await offeredTo.all()).map(async (li) => (await li.getByRole('link').first().textContent()) ?? ''))
    for (const li of await offeredTo.all()) {
      await expect
        .poll(() => li.textContent(), UNTIL_SHOWN)
        .toMatch(/answered .+\((the answer|the answer, accepted)\)|has answered \d+ questions? about/)
    }
    await expect.poll(() => page.getByRole('main').textContent(), UNTIL_SHOWN).not.toContain('They were chosen because')
    // Raj and Leo answered backfills before; Ana (the asker) is never offered her own question.
    expect(firstRound).toHaveLength(3)
    expect(firstRound).toEqual(expect.arrayContaining([PEOPLE.raj.name, PEOPLE.leo.name]))
    expect(firstRound).not.toContain(PEOPLE.ana.name)
    expect(sentence).toBe(
      `Your question was posted in Data engineering and offered to ${firstRound[0]}, ${firstRound[1]} and ${firstRound[2]}.`,
    )
    await expectAccessible(page)
    await screenshot(page, 'ask-posted')
    await page.getByRole('link', { name: 'Open your question' }).click()
    await expectOneH1(page, ASKED)
    questionId = postIdOf(page)
    const offers = await offersFor(server, world, questionId)
    expect(offers.map((o) => o.name)).toEqual(firstRound)
    expect(problems).toEqual([])
    await context.close()
  })

  it('Raj sees it in For you with why, declines it as not his area, and the next candidate receives it', async () => {
    // Sam and Mei thank Raj for his answers on backfill, and Raj writes a practice on it: his card says so.
    for (const [who, title] of [
      ['sam', EXISTING],
      ['mei', 'Backfill of daily partitions failed halfway'],
    ] as const) {
      const thanks = await world.clients[who].post(`/api/posts/${world.answers.get(title)}/thanks`, { kind: 'thanks' })
      expect(thanks.statusCode, thanks.body).toBe(201)
    }
    const practice = await world.clients.raj.post('/api/communities/data-engineering/posts', {
      kind: 'practice',
      title: PRACTICE,
      body: 'Backfill the newest partition first, then one at a time.',
      tags: ['backfill'],
    })
    expect(practice.statusCode, practice.body).toBe(201)
    const raj = await as('raj')
    // His home page says a question is waiting, and links to it.
    const waiting = raj.page.getByRole('region', { name: 'A question is waiting for you' })
    await waiting.getByRole('link', { name: ASKED }).waitFor()
    await raj.page.getByRole('link', { name: 'For you 1 waiting' }).click()
    await expectOneH1(raj.page, 'For you')
    const offer = raj.page.getByRole('article', { name: ASKED })
    await expect.poll(() => offer.textContent(), UNTIL_SHOWN).toContain('Asked by Ana Silva in Data engineering')
    const why = offer.getByRole('list', { name: 'Why you' })
    await why.getByRole('link', { name: EXISTING }).waitFor()
    // Beside the answers: the thanks he received on the question's topic, and his practice on it, linked.
    await expect.poll(() => why.textContent(), UNTIL_SHOWN).toContain('You were thanked 2 times on backfill')
    const wrote = why.getByRole('listitem').filter({ hasText: 'You wrote the practice' })
    expect(await wrote.getByRole('link', { name: PRACTICE }).getAttribute('href')).toBe(`/posts/${practice.json().id}`)
    await expectAccessible(raj.page)
    await screenshot(raj.page, 'for-you')
    await offer.getByRole('button', { name: 'Decline…' }).click()
    await offer.getByText('This teaches the router').waitFor()
    await expectAccessible(raj.page)
    await screenshot(raj.page, 'for-you-decline')
    await offer.getByRole('button', { name: 'Not my area' }).click()
    await raj.page.getByText(`You declined “${ASKED}” as not your area.`).waitFor()
    await raj.page.getByRole('heading', { name: 'Nothing waiting for you' }).waitFor()
    await raj.page.getByRole('link', { name: 'For you', exact: true }).waitFor()

    const offers = await offersFor(server, world, questionId)
    expect(offers.find((o) => o.name === PEOPLE.raj.name)?.status).toBe('declined')
    const next = offers.filter((o) => !firstRound.includes(o.name))
    expect(next).toHaveLength(1)
    expect(next[0]?.status).toBe('offered')
    const nextWho = (Object.keys(PEOPLE) as Who[]).find((w) => PEOPLE[w].name === next[0]?.name)
    expect(nextWho).toBeDefined()
    expect(nextWho).not.toBe('ana')
    const other = await as(nextWho as Who)
    await other.page.getByRole('link', { name: /^For you \d+ waiting$/ }).click()
    // They cannot look at it today: snoozed, it leaves the list until tomorrow.
    await other.page.getByRole('article', { name: ASKED }).getByRole('button', { name: 'Snooze 1 day' }).click()
    await other.page.getByText(`“${ASKED}” comes back tomorrow.`).waitFor()
    await expect.poll(() => other.page.getByRole('article', { name: ASKED }).count(), UNTIL_SHOWN).toBe(0)
    expect((await offersFor(server, world, questionId)).find((o) => o.name === next[0]?.name)?.status).toBe('snoozed')
    expect([...raj.problems, ...other.problems]).toEqual([])
    await raj.context.close()
    await other.context.close()
  })

  it('a similar question the same week does not reach Raj, who said it was not his area; Ana sees each person’s reason', async () => {
    const { context, page, problems } = await as('ana')
    await page.goto('/ask')
    await page.getByLabel('Question', { exact: true }).fill('How do we backfill the orders partition after the model changed its grain?')
    await page.getByLabel('Details').fill('The dbt model now has one row per order line.')
    const tags = page.getByRole('textbox', { name: 'Tags', exact: true })
    await tags.fill('backfill')
    await tags.press('Enter')
    await expect.poll(() => page.getByRole('combobox', { name: 'Community' }).inputValue(), UNTIL_SHOWN).toBe('data-engineering')
    await page.getByRole('button', { name: 'Post my question' }).click()
    await page.getByRole('heading', { name: 'Your question is on its way' }).waitFor()
    const offeredTo = page.getByRole('list', { name: 'Offered to' }).locator(':scope > li')
    const names = await Promise.all((await offeredTo.all()).map(async (li) => (await li.getByRole('link').first().textContent()) ?? ''))
    expect(names.length).toBeGreaterThan(0)
    expect(names).not.toContain(PEOPLE.raj.name)
    // Leo's reason names his own backfill answers, linked.
    const leo = offeredTo.filter({ has: page.getByRole('link', { name: PEOPLE.leo.name }) })
    await leo.getByRole('link', { name: 'Backfill late-arriving events' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'ask-reasons')
    await page.getByRole('link', { name: 'Open your question' }).click()
    const offers = await offersFor(server, world, postIdOf(page))
    expect(offers.map((o) => o.name)).not.toContain(PEOPLE.raj.name)
    expect(problems).toEqual([])
    await context.close()
  })

  it('Leo answers from For you, and the answer comes back to Ana', async () => {
    const leo = await as('leo')
    await leo.page.goto('/for-you')
    const offer = leo.page.getByRole('article', { name: ASKED })
    await offer.getByRole('button', { name: 'Answer' }).click()
    await offer.getByLabel(`Your answer to “${ASKED}”`, { exact: true }).fill('Yes: backfill **one partition at a time**, newest first.')
    await expectAccessible(leo.page)
    await screenshot(leo.page, 'for-you-answer')
    await offer.getByRole('button', { name: 'Post your answer' }).click()
    await leo.page.getByText(`Thank you: your answer to “${ASKED}” was posted.`).waitFor()
    await leo.page.getByRole('link', { name: 'See it in the thread' }).click()
    await expectOneH1(leo.page, ASKED)
    await leo.page.getByRole('heading', { name: '1 answer' }).waitFor()
    expect((await offersFor(server, world, questionId)).find((o) => o.name === PEOPLE.leo.name)?.status).toBe('answered')

    const ana = await as('ana')
    const notes = (await world.clients.ana.get('/api/notifications')).json<{ items: { kind: string; postId: number | null }[] }>()
    expect(notes.items.some((n) => n.kind === 'answer')).toBe(true)
    await ana.page.goto('/notifications')
    await expectOneH1(ana.page, 'Notifications')
    await ana.page.getByRole('link', { name: `Leo Park answered your question: “${ASKED}”` }).click()
    await expectOneH1(ana.page, ASKED)
    await ana.page.getByRole('article', { name: 'Answer by Leo Park' }).locator('strong', { hasText: 'one partition at a time' }).waitFor()
    expect([...leo.problems, ...ana.problems]).toEqual([])
    await leo.context.close()
    await ana.context.close()
  })

  it('Mei sets her availability; the server’s validation is shown; opting out keeps questions away', async () => {
    const { context, page, problems } = await as('mei')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^For you/ })
      .click()
    await page.getByRole('link', { name: 'How many questions you get, and when' }).click()
    await expectOneH1(page, 'Questions routed to you')
    await page.getByLabel('Questions a week, at most').fill('2')
    await page.getByRole('button', { name: 'Save availability' }).click()
    await page.getByText('Saved. At most 2 questions a week.').waitFor()
    await page.getByLabel('First day away').fill('2031-05-12')
    await page.getByRole('button', { name: 'Save availability' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN)
      .toBe('Not saved: give both the start and the end of the away period, or neither')
    await page.getByLabel('Last day away').fill('2031-05-10')
    await page.getByRole('button', { name: 'Save availability' }).click()
    await page.getByRole('alert').filter({ hasText: 'the away period must end after it starts' }).waitFor()
    await page.getByLabel('Last day away').fill('2031-05-16')
    await page.getByRole('checkbox', { name: 'Don’t route questions to me' }).check()
    await page.getByRole('button', { name: 'Save availability' }).click()
    await page.getByText('Saved. No questions are routed to you.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'availability')
    const saved = (await world.clients.mei.get('/api/me/availability')).json<{
      maxPerWeek: number
      awayFrom: string
      awayUntil: string
      optedOut: boolean
    }>()
    expect(saved.maxPerWeek).toBe(2)
    expect(saved.optedOut).toBe(true)
    expect(new Date(saved.awayUntil).getTime() - new Date(saved.awayFrom).getTime()).toBe(5 * 24 * 3600_000)
    // Mei answered the testing questions, yet an opted-out person is never offered one.
    const asked = (
      await world.clients.sam.post('/api/asks', {
        title: 'Flaky contract tests again',
        body: 'testing',
        tags: ['testing'],
        communitySlug: 'data-engineering',
      })
    ).json()
    expect(asked.offeredTo.map((p: { name: string }) => p.name)).not.toContain(PEOPLE.mei.name)
    await page.reload()
    await expect(page.getByRole('checkbox', { name: 'Don’t route questions to me' }).isChecked()).resolves.toBe(true)
    await expect(page.getByLabel('First day away').inputValue()).resolves.toBe('2031-05-12')
    await expect(page.getByLabel('Last day away').inputValue()).resolves.toBe('2031-05-16')
    expect(problems).toEqual([])
    await context.close()
  })

  it('Raj sees what he is known for, with evidence, and hides a topic that others then no longer see', async () => {
    const raj = await as('raj')
    await raj.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click()
    await raj.page.getByRole('link', { name: 'What I’m known for' }).click()
    await expectOneH1(raj.page, PEOPLE.raj.name)
    const section = raj.page.getByRole('region', { name: 'What I’m known for' })
    await section.getByRole('list', { name: 'Answers about backfill' }).getByRole('link', { name: EXISTING }).waitFor()
    await expectAccessible(raj.page)
    await section.getByRole('button', { name: 'Hide backfill' }).click()
    await section.getByText('“backfill” is hidden').waitFor()
    const hidden = section.getByRole('list', { name: 'Hidden topics' })
    await hidden.getByRole('button', { name: 'Show again backfill' }).waitFor()
    await expect.poll(() => section.getByRole('list', { name: 'Answers about backfill' }).count(), UNTIL_SHOWN).toBe(0)
    await expectAccessible(raj.page)
    await screenshot(raj.page, 'known-for-own')
    expect((await world.clients.raj.get('/api/me/hidden-topics')).json()).toEqual({ tags: ['backfill'] })

    const ana = await as('ana')
    await ana.page.goto(`/people/${world.people.raj.id}`)
    const seen = ana.page.getByRole('region', { name: `What ${PEOPLE.raj.name} is known for` })
    await seen.getByRole('list', { name: 'Answers about partitions' }).waitFor()
    await expect.poll(() => seen.getByRole('heading', { name: 'backfill', exact: true }).count(), UNTIL_SHOWN).toBe(0)
    await expect.poll(() => seen.getByRole('button').count(), UNTIL_SHOWN).toBe(0)
    await expectAccessible(ana.page)
    await screenshot(ana.page, 'known-for-other')

    await hidden.getByRole('button', { name: 'Show again backfill' }).click()
    await section.getByText('“backfill” is shown again.').waitFor()
    await section.getByRole('list', { name: 'Answers about backfill' }).waitFor()
    expect([...raj.problems, ...ana.problems]).toEqual([])
    await raj.context.close()
    await ana.context.close()
  })
})
