import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js'
import { ManualClock } from '../platform/clock.js'
import { findJobs } from '../platform/jobs/store.js'
import { DIGEST_JOB } from './digest.js'
import { jobsSettled } from './test-support.js'

const HOUR = 3600_000
const DAY = 24 * HOUR
const WAIT = { timeout: 20_000, interval: 20 }

describe.each(DIALECTS)('%s: weekly digests as the clock moves three weeks', (dialect) => {
  const clock = new ManualClock()
  let smtp: TestSmtpServer
  let t: TestApp
  let sam: Client
  let ana: Client

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp(
      dialect,
      {
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
        // Logins outlast the three weeks: the hourly sweep deletes sessions by the moved clock.
        sessionTtlHours: 60 * 24,
      },
      { clock, jobPollMs: 20 },
    )
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam Steward', email: 'sam@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana Asker', email: 'ana@example.com' })
    await sam.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    expect((await ana.post('/api/communities/data-engineering/join', {})).statusCode).toBe(200)
    // Ana chooses a weekly digest and no other mail: her digest's week starts now.
    await ana.put('/api/notifications/preferences', { emailKinds: [], digest: 'weekly' })
    t.app.jobs.start()
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  const digestRuns = async () => (await findJobs(t.app.db, { kind: DIGEST_JOB, statuses: ['done'] })).length
  const digestsToAna = () => smtp.messages.filter((m) => m.to.includes('ana@example.com') && /digest/.test(m.subject))

  it('mails one digest a week, each with that week’s news, from the schedule alone', async () => {
    clock.advance(HOUR)
    for (let day = 1; day <= 21; day++) {
      // A mention on the first day of each week.
      if (day % 7 === 1) {
        const res = await sam.post('/api/communities/data-engineering/posts', {
          kind: 'story',
          title: `Week ${(day + 6) / 7} notes`,
          body: 'Thanks @ana',
        })
        expect(res.statusCode).toBe(201)
        await jobsSettled(t.app)
      }
      const runs = await digestRuns()
      clock.advance(DAY)
      // The digest schedule (every five minutes) fires once for the day's jump, and its job runs.
      await vi.waitFor(async () => expect(await digestRuns()).toBe(runs + 1), WAIT)
      await jobsSettled(t.app)
      expect(digestsToAna()).toHaveLength(Math.floor(day / 7))
    }
    await vi.waitFor(() => expect(digestsToAna()).toHaveLength(3), WAIT)
    // The mention, and no separate "new post" for it: the fan-out leaves out whom the post mentions.
    expect(digestsToAna().map((m) => m.subject)).toEqual(Array.from({ length: 3 }, () => 'Your weekly Wellspring digest: 1 for you'))
    digestsToAna().forEach((mail, i) => {
      expect(mail.text).toContain(`Week ${i + 1} notes`)
      for (const other of [1, 2, 3].filter((w) => w !== i + 1)) expect(mail.text).not.toContain(`Week ${other} notes`)
    })
  })
})
