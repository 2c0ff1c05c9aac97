import ICAL from 'ical.js'
import { simpleParser } from 'mailparser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Clock } from '../../src/server/platform/clock.js'
import { DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

// Connections (issue 13) in a real browser: a manager sets up each kind of programme, several people opt in,
// the owner previews and approves a round, matches are accepted, declined and rematched, the proposal and the
// meeting invite arrive by real SMTP (the invite read by a real iCalendar parser), and the pair keep their log.

const KINDS = [
  ['Mentoring', 'Mentoring pilot'],
  ['Peer coaching circles', 'Circles pilot'],
  ['Lunch and coffee', 'Lunch pilot'],
  ['Introductions', 'Intro pilot'],
] as const

const HOUR = 3_600_000

/** `d` as a datetime-local input reads it: local time, to the minute. */
function localInput(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`
}

/** The page fits a phone: nothing scrolls sideways at 390 px. */
async function fitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.setViewportSize({ width: 1280, height: 900 })
}

/** The text/calendar part of a mail, parsed by ical.js. */
async function calendarOf(mail: ReceivedMail) {
  const parsed = await simpleParser(mail.raw)
  const part = parsed.attachments.find((x) => x.contentType.startsWith('text/calendar'))
  expect(part, 'the invite has a text/calendar part').toBeDefined()
  const cal = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')))
  return { method: cal.getFirstPropertyValue('method'), event: cal.getFirstSubcomponent('vevent')! }
}

describe.each(DIALECTS)('browser on %s: connections', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let smtp: TestSmtpServer
  const programmeUrls = new Map<string, string>()
  // The server's time runs with real time, moved forward by `ahead` ms: the API decides "did you meet?" by it.
  let ahead = 0
  const serverClock: Clock = { now: () => Date.now() + ahead }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    server = await startE2eServer(
      dialect,
      { smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined } },
      { clock: serverClock },
    )
    browser = await launchBrowser()
    await seedAdmin(server)
    // Olga manages someone, so she may set up programmes; the others are participants.
    const olga = await buildPerson(server.app, { name: 'Olga Owner', email: 'olga@example.com', department: 'People' })
    await buildPerson(server.app, { name: 'Rita Report', email: 'rita@example.com', manager_id: olga.id })
    const mentor = { who_am_i: 'I build data pipelines and teach SQL', skills_offered: JSON.stringify(['sql']) }
    const mentee = { who_am_i: 'New analyst learning the ropes', skills_wanted: JSON.stringify(['sql']) }
    await buildPerson(server.app, { name: 'Mona Mentor', email: 'mona@example.com', department: 'Engineering', ...mentor })
    await buildPerson(server.app, { name: 'Max Mentor', email: 'max@example.com', department: 'Support', ...mentor })
    await buildPerson(server.app, { name: 'Mira Mentor', email: 'mira@example.com', department: 'Design', ...mentor })
    await buildPerson(server.app, { name: 'Ella Mentee', email: 'ella@example.com', department: 'Sales', ...mentee })
    await buildPerson(server.app, { name: 'Emil Mentee', email: 'emil@example.com', department: 'Sales', ...mentee })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await smtp?.close()
  })

  it('a manager sets up each kind of programme; the pages fit a phone and pass axe', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'olga@example.com')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
    await expectOneH1(page, 'Connections')
    // Connections is built: the navigation links to it and no longer lists it as coming soon.
    expect(await page.getByRole('navigation', { name: 'Main' }).locator('.soon-item').filter({ hasText: 'Connections' }).count()).toBe(0)
    await expect.poll(() => page.getByText('No matches yet').isVisible(), UNTIL_SHOWN).toBe(true)
    for (const [kind, name] of KINDS) {
      await page.getByLabel('Kind').selectOption({ label: kind })
      await page.getByLabel('Name').fill(name)
      await page.getByRole('button', { name: 'Create programme' }).click()
      const created = page.getByRole('status').getByRole('link', { name: `Created ${name}` })
      await created.waitFor()
      programmeUrls.set(name, (await created.getAttribute('href'))!)
    }
    const list = page.locator('section[aria-labelledby="programmes"]')
    for (const [kind, name] of KINDS) {
      await expect.poll(() => list.getByRole('listitem').filter({ hasText: name }).textContent(), UNTIL_SHOWN).toContain(kind)
    }
    // An empty name is refused by the form and adds nothing.
    await page.getByLabel('Name').fill('')
    await page.getByRole('button', { name: 'Create programme' }).click()
    expect(await list.getByRole('listitem').count()).toBe(4)
    await fitsPhone(page)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.goto(programmeUrls.get('Mentoring pilot')!)
    await expectOneH1(page, 'Mentoring pilot')
    // The owner runs it: no join form as if it were for her, but a deliberate way to join too.
    await page.getByRole('heading', { name: 'You run this programme' }).waitFor()
    expect(await page.getByRole('button', { name: 'Join', exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: 'Join as a participant too' }).click()
    await page.getByRole('button', { name: 'Join', exact: true }).waitFor()
    // Its end date is written the way the rest of the app writes dates, never as 7/8/2027.
    expect(await page.locator('.meta').first().textContent()).toMatch(/ends \d{1,2} \w{3} \d{4}|ends \w{3} \d{1,2}, \d{4}/)
    await page.getByRole('button', { name: 'Draft the next round' }).waitFor()
    await fitsPhone(page)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('a participant sees no owner tools and cannot create a programme', async () => {
    const { context, page } = await openPage(browser, server)
    await logIn(page, 'ella@example.com')
    await page.goto('/connections')
    await expectOneH1(page, 'Connections')
    await page.getByRole('link', { name: 'Mentoring pilot' }).waitFor()
    expect(await page.getByRole('button', { name: 'Create programme' }).count()).toBe(0)
    await page.getByRole('link', { name: 'Mentoring pilot' }).click()
    await expectOneH1(page, 'Mentoring pilot')
    await page.getByRole('button', { name: 'Join' }).waitFor()
    expect(await page.getByRole('button', { name: 'Draft the next round' }).count()).toBe(0)
    await context.close()
  }, 60_000)

  it('people opt in; the owner previews and approves; accept, decline and rematch; the invite by mail; the log', async () => {
    const url = programmeUrls.get('Mentoring pilot')!
    // Three mentors and two mentees opt in through the questionnaire, prefilled from their profiles.
    for (const [email, role] of [
      ['mona@example.com', 'mentor'],
      ['max@example.com', 'mentor'],
      ['mira@example.com', 'mentor'],
      ['ella@example.com', 'mentee'],
      ['emil@example.com', 'mentee'],
    ] as const) {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, email)
      await page.goto(url)
      await expectOneH1(page, 'Mentoring pilot')
      await expect.poll(() => page.getByLabel('Who am I').inputValue(), UNTIL_SHOWN).toMatch(/SQL|analyst/)
      await page.getByRole('radio', { name: `a ${role}` }).check()
      if (role === 'mentor') await page.getByLabel('How many mentees').fill('1')
      await page.getByRole('button', { name: 'Join' }).click()
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved: you are in.' }).isVisible(), UNTIL_SHOWN).toBe(true)
      expect(problems).toEqual([])
      await context.close()
    }

    // The owner drafts a round and previews it with the reasons; nobody has been told yet.
    const owner = await openPage(browser, server)
    await logIn(owner.page, 'olga@example.com')
    await owner.page.goto(url)
    await owner.page.getByRole('button', { name: 'Draft the next round' }).click()
    const preview = owner.page.getByRole('heading', { name: /Round 1 \(preview: nobody has been told\), 2 matches/ })
    await preview.waitFor({ timeout: 20_000 })
    await expect.poll(() => owner.page.locator('.connections-list').last().textContent(), UNTIL_SHOWN).toContain('wants to learn sql')
    expect(smtp.messages.filter((m) => /match in/.test(m.subject))).toEqual([])
    await fitsPhone(owner.page)
    expect(await seriousA11yViolations(owner.page)).toEqual([])
    await owner.page.getByRole('button', { name: 'Approve round 1 and notify everyone' }).click()
    await owner.page.getByRole('heading', { name: /Round 1 \(approved\), 2 matches/ }).waitFor()

    // Each mentee is told by mail, with a link to the match.
    const linkIn = (mail: ReceivedMail) => new URL(mail.text.match(/https?:\/\/\S+\/connections\/matches\/\S+/)![0]).pathname
    const ellaMail = await smtp.waitFor((m) => m.to.includes('ella@example.com') && /mentoring match in Mentoring pilot/.test(m.subject))
    await smtp.waitFor((m) => m.to.includes('emil@example.com') && /mentoring match in Mentoring pilot/.test(m.subject))

    // Ella follows the link, sees why, and accepts; so does her mentor: the match is active.
    const ella = await openPage(browser, server)
    await logIn(ella.page, 'ella@example.com')
    await ella.page.goto(linkIn(ellaMail))
    await expectOneH1(ella.page, 'Match in Mentoring pilot')
    await expect.poll(() => ella.page.locator('.match-card .reasons').textContent(), UNTIL_SHOWN).toContain('wants to learn sql')
    const mentorName = (await ella.page.locator('.match-card h3').textContent())!
    await ella.page.getByRole('button', { name: 'Accept' }).click()
    await ella.page.getByText('You accepted; waiting for the others.').waitFor()
    const mentorEmail = `${mentorName.split(' ')[0]!.toLowerCase()}@example.com`
    const mentor = await openPage(browser, server)
    await logIn(mentor.page, mentorEmail)
    await mentor.page.goto('/connections')
    await mentor.page.locator('.match-card').filter({ hasText: 'Ella Mentee' }).getByRole('button', { name: 'Accept' }).click()
    await expect
      .poll(() => mentor.page.locator('.match-card').filter({ hasText: 'Ella Mentee' }).textContent(), UNTIL_SHOWN)
      .toContain('active')

    // Emil declines his mentor and is rematched with the mentor left over, never the one he declined.
    const emil = await openPage(browser, server)
    await logIn(emil.page, 'emil@example.com')
    await emil.page.goto('/connections')
    await emil.page.locator('.match-card').first().waitFor()
    const declinedName = (await emil.page.locator('.match-card h3').first().textContent())!
    // Newest first: the rematch will come above, so the declined card is found by its name.
    const declinedCard = emil.page.locator('.match-card').filter({ hasText: declinedName })
    await declinedCard.getByRole('button', { name: 'Decline' }).click()
    await expect.poll(() => declinedCard.textContent(), UNTIL_SHOWN).toContain('declined')
    const rematch = emil.page.locator('.match-card').filter({ hasText: 'proposed' })
    await expect
      .poll(
        async () => {
          await emil.page.reload()
          // The cards come from a fetch after the page's load event: count once the declined one is back.
          await declinedCard.waitFor()
          return rematch.count()
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1)
    const newName = (await rematch.locator('h3').textContent())!
    expect(newName).not.toBe(declinedName)
    expect(newName).not.toBe(mentorName)
    await smtp.waitFor((m) => m.to.includes(`${newName.split(' ')[0]!.toLowerCase()}@example.com`) && /match in/.test(m.subject))
    expect(await seriousA11yViolations(emil.page)).toEqual([])
    await emil.context.close()

    // Ella schedules the first meeting, at the next full hour an hour or more from now (so the time can be moved
    // past it without other schedules falling due): her mentor gets an iCalendar invite over SMTP.
    const start = new Date(Date.now() + 2 * HOUR)
    start.setMinutes(0, 0, 0)
    await ella.page.reload()
    await ella.page.getByLabel('When').fill(localInput(start))
    await ella.page.getByLabel('Minutes').fill('45')
    await ella.page.getByLabel('Where').fill('Canteen')
    await ella.page.getByRole('button', { name: 'Send invite' }).click()
    await expect.poll(() => ella.page.locator('#meetings-heading + ul').textContent(), UNTIL_SHOWN).toContain('Canteen')
    const invite = await calendarOf(await smtp.waitFor((m) => m.to.includes(mentorEmail) && m.subject === 'Invitation: Mentoring pilot'))
    expect(invite.method).toBe('REQUEST')
    expect(invite.event.getFirstPropertyValue('location')).toBe('Canteen')
    expect(String(invite.event.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:ella@example.com')
    expect((invite.event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime()).toBe(start.getTime())

    // Before it, the meeting can only be cancelled; "did you meet?" makes no sense yet.
    const meetings = ella.page.locator('#meetings-heading + ul')
    await meetings.getByRole('button', { name: 'Cancel meeting' }).waitFor()
    expect(await meetings.getByRole('button', { name: 'We met' }).count()).toBe(0)
    expect(await meetings.textContent()).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/)
    // An hour and a half after it began (on the server's clock and the browser's), the check-back; once
    // answered, only the answer remains.
    const later = start.getTime() + 90 * 60_000
    ahead = later - Date.now()
    await ella.page.clock.setFixedTime(new Date(later))
    await ella.page.reload()
    await meetings.getByRole('button', { name: 'We met' }).waitFor()
    expect(await meetings.getByRole('button', { name: 'Cancel meeting' }).count()).toBe(0)
    // They met; Ella notes a goal in the log only the pair can read, and her mentor sees it.
    await meetings.getByRole('button', { name: 'We met' }).click()
    const day = (locale: string) => start.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
    await expect.poll(() => meetings.textContent(), UNTIL_SHOWN).toMatch(new RegExp(`You met on (${day('en-GB')}|${day('en-US')})`))
    expect(await meetings.getByRole('button').count()).toBe(0)
    await ella.page.getByLabel('Kind').selectOption('goal')
    await ella.page.getByLabel('Entry').fill('Write my first pipeline by March')
    await ella.page.getByRole('button', { name: 'Add to our log' }).click()
    await expect.poll(() => ella.page.locator('#log-heading ~ ul').textContent(), UNTIL_SHOWN).toContain('Write my first pipeline')
    await fitsPhone(ella.page)
    expect(await seriousA11yViolations(ella.page)).toEqual([])
    await mentor.page.goto(new URL(ella.page.url()).pathname)
    await expect.poll(() => mentor.page.locator('#log-heading ~ ul').textContent(), UNTIL_SHOWN).toContain('Write my first pipeline')

    // The owner sees counts: five participants reach the aggregate minimum, so the counts are shown; nobody
    // has written a reflection, and a count of reflections under the minimum would say who did, so it is held.
    await owner.page.reload()
    await expect
      .poll(() => owner.page.locator('.participation').textContent(), UNTIL_SHOWN)
      .toBe('Participants5Approved rounds1Matches3Accepted1Declined1Meetings held1Reflections writtenfewer than 5 people')
    // Once approved, who accepted or declined whom is the pairs' business: the owner's page names nobody.
    expect(await owner.page.getByRole('main').textContent()).not.toMatch(/Ella Mentee|Emil Mentee/)
    expect(await owner.page.locator('.participation').textContent()).not.toContain('Ella')
    for (const p of [ella, mentor, owner]) {
      expect(p.problems).toEqual([])
      await p.context.close()
    }
  }, 180_000)

  it('lunch and circle rounds are drafted, previewed and approved; a manager introduces two people with a reason', async () => {
    // Six people opt in to the lunch round and the coaching circles, with their prefilled answers.
    for (const email of ['ella', 'emil', 'max', 'mira', 'mona', 'rita'].map((n) => `${n}@example.com`)) {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, email)
      for (const name of ['Lunch pilot', 'Circles pilot']) {
        await page.goto(programmeUrls.get(name)!)
        await expectOneH1(page, name)
        await page.getByRole('button', { name: 'Join' }).click()
        await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved: you are in.' }).isVisible(), UNTIL_SHOWN).toBe(true)
      }
      expect(problems).toEqual([])
      await context.close()
    }

    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'olga@example.com')
    for (const [name, kind, matches] of [
      ['Lunch pilot', 'lunch', 3],
      ['Circles pilot', 'peer coaching circle', 1],
    ] as const) {
      await page.goto(programmeUrls.get(name)!)
      await page.getByRole('button', { name: 'Draft the next round' }).click()
      await page.getByRole('heading', { name: `Round 1 (preview: nobody has been told), ${matches} matches` }).waitFor({ timeout: 20_000 })
      expect(smtp.messages.filter((m) => m.subject.includes(name))).toEqual([])
      await page.getByRole('button', { name: 'Approve round 1 and notify everyone' }).click()
      await page.getByRole('heading', { name: `Round 1 (approved), ${matches} matches` }).waitFor()
      for (const who of ['ella', 'rita'])
        await smtp.waitFor((m) => m.to.includes(`${who}@example.com`) && m.subject === `Your ${kind} match in ${name}`)
    }

    // An introduction: two people found by name, and why they should meet; both are told by mail.
    await page.goto(programmeUrls.get('Intro pilot')!)
    await page.getByLabel('First person').fill('Rita')
    await page.getByRole('button', { name: /Rita Report/ }).click()
    await page.getByLabel('Second person').fill('Mira')
    await page.getByRole('button', { name: /Mira Mentor/ }).click()
    await page.getByLabel('Why they should meet').fill('Both are working on onboarding tooling')
    await page.getByRole('button', { name: 'Introduce' }).click()
    await page.getByRole('status').filter({ hasText: 'Introduced Rita Report and Mira Mentor.' }).waitFor()
    const mail = await smtp.waitFor((m) => m.to.includes('rita@example.com') && m.subject === 'Your introduction match in Intro pilot')
    expect(mail.text).toContain('Both are working on onboarding tooling')
    await fitsPhone(page)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()

    // Rita sees the introduction and why.
    const rita = await openPage(browser, server)
    await logIn(rita.page, 'rita@example.com')
    await rita.page.goto('/connections')
    const card = rita.page.locator('.match-card').filter({ hasText: 'Intro pilot' })
    await expect.poll(() => card.textContent(), UNTIL_SHOWN).toContain('Both are working on onboarding tooling')
    await fitsPhone(rita.page)
    expect(await seriousA11yViolations(rita.page)).toEqual([])
    await rita.context.close()
  }, 180_000)

  it('a lunch round open to one department: its people join, anyone else is told why not', async () => {
    const olga = await openPage(browser, server)
    await logIn(olga.page, 'olga@example.com')
    await olga.page.goto('/connections')
    await olga.page.getByLabel('Kind').selectOption({ label: 'Lunch and coffee' })
    await olga.page.getByLabel('Name').fill('Sales lunch')
    // The department is chosen from the organisation's own (typing it allowed typos nobody could join).
    await olga.page.getByLabel('Open to').selectOption({ label: 'Sales only' })
    await olga.page.getByRole('button', { name: 'Create programme' }).click()
    const created = olga.page.getByRole('status').getByRole('link', { name: 'Created Sales lunch' })
    const url = (await created.getAttribute('href'))!
    const item = olga.page.locator('section[aria-labelledby="programmes"]').getByRole('listitem').filter({ hasText: 'Sales lunch' })
    await expect.poll(() => item.textContent(), UNTIL_SHOWN).toContain('Sales only')
    expect(olga.problems).toEqual([])
    await olga.context.close()

    for (const [email, joins] of [
      ['ella@example.com', true],
      ['mona@example.com', false],
    ] as const) {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, email)
      await page.goto(url)
      await expectOneH1(page, 'Sales lunch')
      await page.getByRole('button', { name: 'Join' }).click()
      const outcome = joins ? page.getByRole('status').filter({ hasText: 'Saved: you are in.' }) : page.getByText('open to Sales only')
      await expect.poll(() => outcome.isVisible(), UNTIL_SHOWN).toBe(true)
      await fitsPhone(page)
      expect(problems).toEqual([])
      await context.close()
    }
  }, 60_000)
})
