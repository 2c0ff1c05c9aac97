import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Client } from '../helpers/app.js'
import { DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

/** Moves the focus with Tab (and only Tab) to the control named `name`, then presses Enter on it. */
async function tabToAndPress(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
    if (focused === name) {
      await page.keyboard.press('Enter')
      return
    }
  }
  throw new Error(`Tab never reached “${name}”`)
}

const shown = (page: Page, text: string) =>
  expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), UNTIL_SHOWN).toBe(true)

// Branching simulations (issue 14): a manager authors a small scenario in the form view and sees it drawn;
// a learner plays it with the keyboard only, gets feedback and goes back where allowed; the author sees the
// paths taken, aggregated, on the graph and in a table.
describe.each(DIALECTS)('browser on %s: branching simulations', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let others: Client[]

  beforeAll(async () => {
    server = await startE2eServer(dialect, { minAggregate: 3 })
    browser = await launchBrowser()
    await seedAdmin(server)
    await loggedInPerson(server.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    await loggedInPerson(server.app, { name: 'Ana Learner', email: 'ana@example.com' })
    others = [
      await loggedInPerson(server.app, { name: 'Raj Learner', email: 'raj@example.com' }),
      await loggedInPerson(server.app, { name: 'Lee Learner', email: 'lee@example.com' }),
    ]
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('is authored, played by keyboard with feedback and going back, and its paths shown to the author', async () => {
    const mia = await openPage(browser, server)
    await logIn(mia.page, 'mia@example.com')
    await mia.page.goto('/learning')
    await mia.page.getByRole('link', { name: 'Write a simulation' }).click()
    await expectOneH1(mia.page, 'Write a simulation')
    const p = mia.page
    await p.getByLabel('Title', { exact: true }).fill('Telling Dana the release slipped')
    await p.getByRole('tab', { name: 'Form view' }).click()
    const titles = p.getByLabel('Situation title')
    await titles.nth(0).fill('The call')
    await p.getByLabel('What happens (Markdown)').nth(0).fill('Dana from **Acme** asks where the release is.')
    await titles.nth(1).fill('A plan together')
    await p.getByLabel('Outcome (shown at the end)').fill('Dana agrees to the workaround.')
    await p.getByLabel('Learners here may go back').nth(1).uncheck()
    await p.getByRole('button', { name: 'Add a situation' }).click()
    await titles.nth(2).fill('Dana is angry')
    await p.getByLabel('Learners here may go back').nth(2).check()
    // The first choice: the one the new simulation came with.
    await p.getByLabel('Choice', { exact: true }).nth(0).fill('Apologise and explain')
    await p.getByLabel('Feedback').nth(0).fill('Owning it helps.')
    await p.getByLabel('Score change').nth(0).fill('2')
    await p.getByRole('button', { name: 'Add a choice from “The call”' }).click()
    await p.getByLabel('Choice', { exact: true }).nth(1).fill('Blame the vendor')
    await p.getByLabel('Leads to').nth(1).selectOption({ label: 'Dana is angry' })
    await p.getByLabel('Feedback').nth(1).fill('Excuses sound like excuses.')
    await p.getByLabel('Score change').nth(1).fill('-1')
    await p.getByRole('button', { name: 'Add a choice from “Dana is angry”' }).click()
    await p.getByLabel('Choice', { exact: true }).nth(2).fill('Take responsibility')
    await p.getByLabel('Leads to').nth(2).selectOption({ label: 'A plan together' })
    expect(await seriousA11yViolations(p)).toEqual([])
    await p.getByRole('button', { name: 'Save the simulation' }).click()
    await expectOneH1(p, 'Edit the simulation')
    await shown(p, 'Saved.')
    // The same scenario, drawn: three situations and three choices, tidied by dagre.
    await p.getByRole('tab', { name: 'Graph' }).click()
    await expect.poll(() => p.locator('.sim-editor-graph .react-flow__node').count(), UNTIL_SHOWN).toBe(3)
    expect(await p.locator('.sim-editor-graph .react-flow__edge').count()).toBe(3)
    await p.getByRole('button', { name: 'Tidy the layout' }).click()
    await p.locator('.sim-editor-graph .react-flow__node', { hasText: 'Dana is angry' }).click()
    expect(await p.getByLabel('Situation title').inputValue()).toBe('Dana is angry')
    // Dragging from a situation's lower handle to another situation adds a choice, opened in the side panel.
    const handle = p.locator('.sim-editor-graph .react-flow__node', { hasText: 'Dana is angry' }).locator('.react-flow__handle.source')
    const target = p.locator('.sim-editor-graph .react-flow__node', { hasText: 'The call' }).locator('.react-flow__handle.target')
    const from = (await handle.boundingBox())!
    const to = (await target.boundingBox())!
    await p.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await p.mouse.down()
    await p.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 })
    await p.mouse.up()
    await expect.poll(() => p.locator('.sim-editor-graph .react-flow__edge').count(), UNTIL_SHOWN).toBe(4)
    await p.getByLabel('Choice', { exact: true }).fill('Start the call again')
    await p.getByLabel('Feedback').fill('A fresh start.')
    await p.getByRole('button', { name: 'Save the simulation' }).click()
    await shown(p, 'Saved.')
    expect(await seriousA11yViolations(p)).toEqual([])
    const editUrl = new URL(p.url()).pathname
    const playUrl = editUrl.replace(/\/edit$/, '')
    expect(mia.problems).toEqual([])

    // A learner plays it with the keyboard only, on a phone.
    const ana = await openPage(browser, server)
    await ana.page.setViewportSize({ width: 390, height: 844 })
    await logIn(ana.page, 'ana@example.com')
    await ana.page.goto(playUrl)
    await expectOneH1(ana.page, 'Telling Dana the release slipped')
    await shown(ana.page, 'Score so far: 0')
    expect(await ana.page.locator('.lesson-body strong').textContent()).toBe('Acme')
    await tabToAndPress(ana.page, 'Blame the vendor')
    await expect.poll(() => ana.page.getByRole('heading', { name: 'Dana is angry' }).isVisible(), UNTIL_SHOWN).toBe(true)
    await shown(ana.page, 'Excuses sound like excuses.')
    await shown(ana.page, 'Score so far: -1')
    expect(await ana.page.evaluate(() => document.activeElement?.id)).toBe('sim-situation-heading')
    await tabToAndPress(ana.page, 'Go back')
    await expect.poll(() => ana.page.getByRole('heading', { name: 'The call' }).isVisible(), UNTIL_SHOWN).toBe(true)
    await shown(ana.page, 'Score so far: 0')
    await tabToAndPress(ana.page, 'Apologise and explain')
    await shown(ana.page, 'Dana agrees to the workaround.')
    await shown(ana.page, 'Owning it helps.')
    expect(await ana.page.getByRole('button', { name: 'Go back' }).count()).toBe(0) // the ending does not allow it
    expect(await seriousA11yViolations(ana.page)).toEqual([])
    expect(await ana.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(ana.problems).toEqual([])
    await ana.context.close()

    // Two more learners take the same first choice; the author sees the paths, small counts withheld.
    const id = playUrl.split('/').pop()!
    for (const c of others) expect((await c.post(`/api/learning/simulations/${id}/play/choose`, { choice: 'c1' })).statusCode).toBe(200)
    await p.goto(editUrl)
    await expect.poll(() => p.getByRole('heading', { name: 'Paths taken' }).isVisible(), UNTIL_SHOWN).toBe(true)
    const rows = p.locator('.sim-paths-table tbody tr')
    await expect.poll(() => rows.filter({ hasText: 'Apologise and explain' }).locator('td').last().textContent(), UNTIL_SHOWN).toBe('3')
    expect(await rows.filter({ hasText: 'Blame the vendor' }).locator('td').last().textContent()).toBe('fewer than 3')
    await expect
      .poll(() => p.locator('.sim-paths-graph .react-flow__edge-text', { hasText: 'Apologise and explain · 3' }).count(), UNTIL_SHOWN)
      .toBe(1)
    await p.setViewportSize({ width: 390, height: 844 })
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousA11yViolations(p)).toEqual([])
    expect(mia.problems).toEqual([])
  })
})
