import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import { buildPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

describe.each(DIALECTS)('browser on %s: communities (directory, start, join requests, members, settings, trajectories)', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let ana: PersonRow
  let sam: PersonRow

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    sam = await buildPerson(server.app, { name: 'Sam Steward', email: 'sam@example.com', title: 'QA lead', department: 'Platform' })
    ana = await buildPerson(server.app, {
      name: 'Ana Newcomer',
      email: 'ana@example.com',
      title: 'Data engineer',
      department: 'Data',
      want_to_become: 'A data engineer who writes good tests',
      communities_wanted: 'testing and data engineering',
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('Sam starts a closed community; Ana sees only its purpose, asks to join, and Sam approves her', async () => {
    const steward = await openPage(browser, server)
    await logIn(steward.page, 'sam@example.com')
    await steward.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communities' }).click()
    await expectOneH1(steward.page, 'Communities')
    await expectAccessible(steward.page)
    await steward.page.getByRole('link', { name: 'Start a community' }).click()
    await expectOneH1(steward.page, 'Start a community')
    await steward.page.getByLabel('Name').fill('Testing')
    await steward.page.getByLabel('Purpose').fill('Contract tests, flaky tests and the craft of testing.')
    const topics = steward.page.getByRole('textbox', { name: 'Topics', exact: true })
    await topics.fill('testing')
    await topics.press('Enter')
    await steward.page.getByRole('radio', { name: 'Closed' }).check()
    await expectAccessible(steward.page)
    await steward.page.getByRole('button', { name: 'Start the community' }).click()
    await expectOneH1(steward.page, 'Testing')
    await expect.poll(() => steward.page.getByRole('main').textContent(), UNTIL_SHOWN).toContain('You are steward here')
    await expectAccessible(steward.page)

    // Ana: the directory recommends Testing from her answers, and shows only its name and purpose.
    const newcomer = await openPage(browser, server)
    await logIn(newcomer.page, 'ana@example.com')
    await newcomer.page.goto('/communities')
    const recommended = newcomer.page.getByRole('list', { name: 'Recommended communities' })
    await recommended.getByRole('link', { name: 'Testing' }).waitFor()
    await expect
      .poll(() => newcomer.page.getByRole('list', { name: 'Why Testing is recommended' }).textContent(), UNTIL_SHOWN)
      .toMatch(/test/)
    await recommended.getByRole('link', { name: 'Testing' }).click()
    await expectOneH1(newcomer.page, 'Testing')
    await newcomer.page.getByText('Only members see what is shared in Testing.').waitFor()
    await expect.poll(() => newcomer.page.getByRole('link', { name: 'Members' }).count(), UNTIL_SHOWN).toBe(0)
    await newcomer.page.getByRole('button', { name: 'Ask to join' }).click()
    await newcomer.page.getByLabel('Message to the stewards (optional)').fill('I write the data pipeline tests.')
    await expectAccessible(newcomer.page)
    await newcomer.page.getByRole('button', { name: 'Send request' }).click()
    await newcomer.page.getByText('Your request to join is waiting for a steward.').waitFor()
    await screenshot(newcomer.page, 'community-closed-pending')

    // Sam: the request is waiting, with Ana's message; he approves it.
    await steward.page.getByRole('link', { name: 'Join requests' }).click()
    await expectOneH1(steward.page, 'Join requests for Testing')
    const request = steward.page.getByRole('listitem', { name: 'Request from Ana Newcomer' })
    await expect.poll(() => request.textContent(), UNTIL_SHOWN).toContain('I write the data pipeline tests.')
    await expectAccessible(steward.page)
    await screenshot(steward.page, 'community-requests')
    await request.getByRole('button', { name: 'Approve' }).click()
    await steward.page.getByText('Ana Newcomer joined as a newcomer.').waitFor()
    await steward.page.getByText('No one is waiting to join.').waitFor()

    // Ana now reads the community and belongs to it as a newcomer.
    await newcomer.page.reload()
    await expectOneH1(newcomer.page, 'Testing')
    await newcomer.page.getByText('You are newcomer here').waitFor()
    await newcomer.page.getByRole('heading', { name: 'Waiting for an answer' }).waitFor()
    await expect.poll(() => newcomer.page.getByRole('list', { name: 'Newcomers' }).textContent(), UNTIL_SHOWN).toContain('Ana Newcomer')
    await expectAccessible(newcomer.page)
    await screenshot(newcomer.page, 'community-home')
    expect([...steward.problems, ...newcomer.problems]).toEqual([])
    await steward.context.close()
    await newcomer.context.close()
  })

  it('Sam tunes the promotion rules and promotes Ana by hand; her trajectory shows both steps', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'sam@example.com')
    await page.goto('/communities/testing/settings')
    await expectOneH1(page, 'Settings of Testing')
    const toMember = page.getByRole('group', { name: 'Newcomer → member' })
    await toMember.getByLabel('Answers given').fill('2')
    await toMember.getByLabel('Thanks received').fill('1')
    await expectAccessible(page)
    await screenshot(page, 'community-settings')
    await page.getByRole('button', { name: 'Save rules' }).click()
    await page.getByText('The promotion rules are saved.').waitFor()
    await page.getByLabel('Purpose').fill('Contract tests for every service.')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('The settings are saved.').waitFor()
    await page.reload()
    await expect(page.getByRole('group', { name: 'Newcomer → member' }).getByLabel('Answers given').inputValue()).resolves.toBe('2')
    await expect(page.getByLabel('Purpose').inputValue()).resolves.toBe('Contract tests for every service.')

    await page.getByRole('link', { name: 'Members' }).click()
    await expectOneH1(page, 'Members of Testing')
    await expectAccessible(page)
    await page.getByLabel('Role of Ana Newcomer').selectOption('member')
    await page.getByText('Ana Newcomer is now member.').waitFor()
    // The last steward cannot step down: refused, and the choice goes back.
    await page.getByLabel('Role of Sam Steward').selectOption('core')
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('a community needs a steward')
    await expect(page.getByLabel('Role of Sam Steward').inputValue()).resolves.toBe('steward')

    await page.goto(`/people/${ana.id}`)
    await expectOneH1(page, 'Ana Newcomer')
    const timeline = page.getByRole('list', { name: 'Trajectory in Testing' })
    await expect
      .poll(() => timeline.getByRole('listitem').allTextContents(), UNTIL_SHOWN)
      .toEqual([
        expect.stringContaining('Newcomer: joined after a steward approved'),
        expect.stringContaining('Newcomer → Member, set by a steward'),
      ])
    await expectAccessible(page)
    await screenshot(page, 'person-trajectory')
    await page.goto(`/people/${sam.id}`)
    await expect
      .poll(() => page.getByRole('list', { name: 'Trajectory in Testing' }).textContent(), UNTIL_SHOWN)
      .toContain('Steward: started the community')
    expect(problems).toEqual([])
    await context.close()
  })

  it('an open community is joined in one click, followed, searched for, and left', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'sam@example.com')
    await page.goto('/communities/new')
    await page.getByLabel('Name').fill('Data engineering')
    await page.getByLabel('Purpose').fill('Pipelines and backfills')
    await page.getByRole('button', { name: 'Start the community' }).click()
    await expectOneH1(page, 'Data engineering')
    await context.close()

    const other = await openPage(browser, server)
    await logIn(other.page, 'ana@example.com')
    await other.page.goto('/communities')
    await other.page.getByLabel('Search communities').fill('pipelines')
    await other.page.getByText('1 community.').waitFor()
    await other.page.getByRole('list', { name: 'Communities', exact: true }).getByRole('link', { name: 'Data engineering' }).click()
    await expectOneH1(other.page, 'Data engineering')
    await other.page.getByRole('button', { name: 'Join', exact: true }).click()
    await other.page.getByText('You joined Data engineering.').waitFor()
    // Members follow new posts from the start; the toggle turns it off and on again.
    await other.page.getByRole('button', { name: 'Follow new posts', pressed: true }).click()
    await other.page.getByText('You no longer follow new posts here.').waitFor()
    await other.page.getByRole('button', { name: 'Follow new posts', pressed: false }).click()
    await other.page.getByText('You will be told about new posts here.').waitFor()
    await other.page.getByRole('button', { name: 'Follow new posts', pressed: true }).waitFor()
    await other.page.goto('/communities?mine=1')
    const list = other.page.getByRole('list', { name: 'Communities', exact: true })
    await list
      .getByRole('listitem')
      .filter({ hasText: /^Data engineering/ })
      .first()
      .waitFor()
    const mine = await list.getByRole('listitem').allTextContents()
    expect(mine.some((text) => text.startsWith('Data engineering'))).toBe(true)
    expect(mine.every((text) => text.includes('you are newcomer') || text.includes('you are member'))).toBe(true)
    await other.page.goto('/communities/data-engineering')
    await other.page.getByRole('button', { name: 'Leave' }).click()
    await other.page.getByText('You left Data engineering.').waitFor()
    await other.page.getByRole('button', { name: 'Join', exact: true }).waitFor()
    expect([...problems, ...other.problems]).toEqual([])
    await other.context.close()
  })
  it('a secret community is invisible to outsiders until a steward adds them on the members page', async () => {
    const steward = await openPage(browser, server)
    await logIn(steward.page, 'sam@example.com')
    await steward.page.goto('/communities/new')
    await steward.page.getByLabel('Name').fill('Reorg planning')
    await steward.page.getByLabel('Purpose').fill('Not to be shared yet')
    await steward.page.getByRole('radio', { name: 'Secret' }).check()
    await steward.page.getByRole('button', { name: 'Start the community' }).click()
    await expectOneH1(steward.page, 'Reorg planning')

    const outsider = await openPage(browser, server)
    await logIn(outsider.page, 'ana@example.com')
    await outsider.page.goto('/communities/reorg-planning')
    await expectOneH1(outsider.page, 'Community not found')
    await outsider.page.goto('/communities?q=reorg')
    await outsider.page.getByText('No community matches.').waitFor()

    await steward.page.getByRole('link', { name: 'Members', exact: true }).click()
    await expectOneH1(steward.page, 'Members of Reorg planning')
    await steward.page.getByRole('searchbox', { name: 'Add a person' }).fill('Ana')
    await steward.page.getByRole('button', { name: /Ana Newcomer.*add to Reorg planning/ }).click()
    await steward.page.getByText('Ana Newcomer joined Reorg planning as a newcomer.').waitFor()
    await steward.page.getByLabel('Role of Ana Newcomer').waitFor()
    await expectAccessible(steward.page)

    await outsider.page.goto('/communities/reorg-planning')
    await expectOneH1(outsider.page, 'Reorg planning')
    await outsider.page.getByText('You are newcomer here').waitFor()
    expect([...steward.problems, ...outsider.problems]).toEqual([])
    await steward.context.close()
    await outsider.context.close()
  })
})
