import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIGEST_JOB } from '../../src/server/notifications/digest.js'
import { jobsSettled } from '../../src/server/notifications/test-support.js'
import { type Client, DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js'
import { expectOneH1, logIn, openPage, seedAdmin, seedStewardWithCommunities } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

describe.each(DIALECTS)(
  'browser on %s: the notification centre, join requests told live, mail choices and the digest through a real SMTP receiver',
  (dialect) => {
    let smtp: TestSmtpServer
    let server: E2eServer
    let browser: Browser
    let ana: Client
    let raj: Client

    beforeAll(async () => {
      smtp = await startSmtpServer()
      server = await startE2eServer(dialect, {
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
        mailFrom: 'Wellspring <wellspring@example.com>',
      })
      browser = await launchBrowser()
      await seedAdmin(server)
      await seedStewardWithCommunities(server)
      ana = await loggedInPerson(server.app, { name: 'Ana Newcomer', email: 'ana@example.com' })
      raj = await loggedInPerson(server.app, { name: 'Raj Answerer', email: 'raj@example.com' })
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
      await smtp?.close()
    })

    it('tells a steward live that someone asks to join, and the link leads to the requests', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'sam@example.com')
      await page.goto('/notifications')
      await expectOneH1(page, 'Notifications')
      await page.getByText('No notifications yet.', { exact: false }).waitFor()
      expect((await ana.post('/api/communities/testing/join', { message: 'Hello' })).statusCode).toBe(200)
      await page.getByRole('link', { name: 'Notifications 1 unread' }).waitFor()
      const link = page
        .getByRole('list', { name: 'Notifications' })
        .getByRole('link', { name: 'Ana Newcomer asks to join Testing', exact: true })
      await expectAccessible(page)
      await link.click()
      await expectOneH1(page, 'Join requests for Testing')
      await page.getByRole('listitem', { name: 'Request from Ana Newcomer' }).waitFor()
      // Opening it marked it read.
      await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor()
      expect(problems).toEqual([])
      await context.close()
    })

    it('saves mail choices, then mails a daily digest that links back and stops from its own link', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'ana@example.com')
      await page.goto('/notifications')
      const prefs = page.getByRole('form', { name: 'Mail' })
      await prefs.getByRole('checkbox', { name: 'Answers to my questions' }).uncheck()
      await prefs.getByRole('checkbox', { name: 'Thanks' }).check()
      await prefs.getByRole('radio', { name: 'Daily' }).check()
      await prefs.getByRole('button', { name: 'Save mail choices' }).click()
      await page.getByText('Your mail choices are saved.').waitFor()
      await screenshot(page, 'notification-centre')
      await page.reload()
      await expect(prefs.getByRole('radio', { name: 'Daily' }).isChecked()).resolves.toBe(true)
      await expect(prefs.getByRole('checkbox', { name: 'Answers to my questions' }).isChecked()).resolves.toBe(false)
      await expect(prefs.getByRole('checkbox', { name: 'Mentions of me' }).isChecked()).resolves.toBe(true)

      // Something happens for Ana: Raj answers her question (no mail for it now: she turned that off).
      const question = await ana.post('/api/communities/data-engineering/posts', {
        kind: 'question',
        title: 'Where do the raw events land?',
        body: 'Bucket?',
      })
      expect(question.statusCode).toBe(201)
      expect(
        (await raj.post(`/api/posts/${question.json<{ id: number }>().id}/answers`, { body: 'In the landing bucket.' })).statusCode,
      ).toBe(201)
      await page.getByRole('link', { name: 'Notifications 1 unread' }).waitFor()

      // A day later the digest job runs and the real SMTP receiver gets the digest.
      const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString()
      await server.app.db.updateTable('notification_pref').set({ last_digest_at: dayAgo }).where('person_id', '=', ana.id).execute()
      await server.app.jobs.enqueue(DIGEST_JOB, {})
      await jobsSettled(server.app)
      const digest = await smtp.waitFor((m) => m.to.includes('ana@example.com') && /digest/i.test(m.subject))
      expect(digest.subject).toMatch(/^Your daily Wellspring digest/)
      expect(digest.text).toContain('Raj Answerer answered your question: “Where do the raw events land?”')
      expect(smtp.messages.filter((m) => m.to.includes('ana@example.com') && !/digest/i.test(m.subject))).toEqual([])

      // Its link opens the thread in the browser.
      const threadUrl = digest.text.match(new RegExp(`${server.url.replace(/[.]/g, '\\.')}/posts/\\S+`))?.[0]
      expect(threadUrl).toBeTruthy()
      await page.goto(threadUrl!)
      await expectOneH1(page, 'Where do the raw events land?')
      await page.getByRole('article', { name: 'Answer by Raj Answerer' }).waitFor()

      // "Stop the digest" works without logging in.
      const stop = digest.text
        .split('\n')
        .find((line) => line.startsWith('Stop the digest'))
        ?.match(/https?:\/\/\S+/)?.[0]
      expect(stop).toBeTruthy()
      const outsider = await browser.newContext()
      const anonymous = await outsider.newPage()
      await anonymous.goto(stop!)
      await anonymous.getByRole('heading', { level: 1, name: 'Digest stopped' }).waitFor()
      await outsider.close()
      await page.goto('/notifications')
      await expect(prefs.getByRole('radio', { name: 'No digest' }).isChecked()).resolves.toBe(true)
      await expectAccessible(page)
      expect(problems).toEqual([])
      await context.close()
    })
  },
)
