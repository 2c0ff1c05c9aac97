import ICAL from 'ical.js'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { sessionClient } from '../../../test/api/support.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/helpers/smtp.js'

const HOUR = 3_600_000
const at = (ms: number) => new Date(ms).toISOString()

/** The calendar part of a received mail, read by a real iCalendar parser. */
async function invite(mail: ReceivedMail) {
  const parsed = await simpleParser(mail.raw)
  const part = parsed.attachments.find((x) => x.contentType.startsWith('text/calendar'))
  expect(part, `no calendar part in "${mail.subject}"`).toBeTruthy()
  const cal = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')))
  const event = cal.getFirstSubcomponent('vevent')!
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    location: event.getFirstPropertyValue('location'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    organizer: String(event.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'),
    attendees: event.getAllProperties('attendee').map((p) => ({
      address: String(p.getFirstValue()).replace(/^mailto:/i, 'mailto:'),
      rsvp: p.getParameter('rsvp'),
    })),
  }
}

describe.each(DIALECTS)('%s: calendar invites for sessions', (dialect) => {
  let t: TestApp
  let smtp: TestSmtpServer
  let admin: Client
  const people: { email: string; client: Client }[] = []
  let adminEmail = ''

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp(dialect, {
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
      baseUrl: 'https://ws.example.com',
    })
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
    adminEmail = admin.email
    for (const name of ['ana', 'raj', 'leo', 'zoe']) {
      const row = await buildPerson(t.app, { name: `${name} Learner`, email: `${name}@example.com` })
      people.push({ email: row.email, client: await sessionClient(t.app, row) })
    }
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await smtp?.close()
  })

  const mailTo = (email: string, subject: RegExp) => smtp.waitFor((m) => m.to.includes(email) && subject.test(m.subject))
  const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email))

  it('sends seats a REQUEST, changes an update with a higher SEQUENCE, and a CANCEL to whoever leaves', async () => {
    const [ana, raj, leo, zoe] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]]
    const startsAt = Math.floor(Date.now() / 60_000) * 60_000 + 48 * HOUR
    const created = await admin.post('/api/learning/sessions', {
      title: 'Writing a good incident review',
      startsAt: at(startsAt),
      endsAt: at(startsAt + 2 * HOUR),
      location: 'Room 4.12',
      capacity: 2,
    })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json<{ id: string }>().id
    const uid = `learning-session-${id}@ws.example.com`

    for (const p of [ana, raj, leo]) expect((await p.client.post(`/api/learning/sessions/${id}/enrolment`)).statusCode).toBe(200)
    const first = await invite(await mailTo(ana.email, /^Invitation: Writing a good incident review$/))
    expect(first).toMatchObject({ method: 'REQUEST', uid, sequence: 0, location: 'Room 4.12', start: at(startsAt) })
    expect(first.organizer).toBe(`mailto:${adminEmail}`)
    expect(first.attendees).toEqual([{ address: `mailto:${ana.email}`, rsvp: 'TRUE' }])
    await mailTo(raj.email, /^Invitation/)

    // Someone else than the facilitator may not change it; bad changes are refused and change nothing.
    expect((await zoe.client.patch(`/api/learning/sessions/${id}`, { location: 'Elsewhere' })).statusCode).toBe(403)
    expect((await admin.patch(`/api/learning/sessions/${id}`, {})).statusCode).toBe(400)
    expect((await admin.patch(`/api/learning/sessions/${id}`, { colour: 'red' })).statusCode).toBe(400)
    expect((await admin.patch(`/api/learning/sessions/${id}`, { endsAt: at(startsAt - HOUR) })).json()).toMatchObject({
      error: { code: 'ends_before_start' },
    })
    expect((await admin.patch(`/api/learning/sessions/${id}`, { capacity: 1 })).json()).toMatchObject({
      error: { code: 'capacity_below_enrolled' },
    })
    expect((await admin.get(`/api/learning/sessions/${id}`)).json()).toMatchObject({ location: 'Room 4.12', capacity: 2 })

    // A new room: both seats get the update; the waitlist gets nothing, for nothing is in its calendars.
    const moved = await admin.patch(`/api/learning/sessions/${id}`, { location: 'Room 2.04' })
    expect(moved.statusCode, moved.body).toBe(200)
    const update = await invite(await mailTo(raj.email, /^Updated: /))
    expect(update).toMatchObject({ method: 'REQUEST', uid, sequence: 1, location: 'Room 2.04' })
    await mailTo(ana.email, /^Updated: /)

    // Ana gives up her seat: she gets a CANCEL, and Leo, first on the waitlist, his invite.
    await ana.client.delete(`/api/learning/sessions/${id}/enrolment`)
    const gone = await invite(await mailTo(ana.email, /^Cancelled: /))
    expect(gone).toMatchObject({ method: 'CANCEL', uid, sequence: 1 })
    const promoted = await invite(await mailTo(leo.email, /^Invitation: /))
    expect(promoted).toMatchObject({ method: 'REQUEST', uid, sequence: 1, location: 'Room 2.04' })
    expect(mailsTo(leo.email)).toHaveLength(1)

    // More seats: Ana comes back. Her calendar holds a CANCEL of SEQUENCE 1, so only a higher one brings it back.
    expect((await admin.patch(`/api/learning/sessions/${id}`, { capacity: 3 })).statusCode).toBe(200)
    await ana.client.post(`/api/learning/sessions/${id}/enrolment`)
    const back = (await Promise.all((await waitForCount(ana.email, 4)).map(invite))).at(-1)!
    expect(back).toMatchObject({ method: 'REQUEST', uid })
    expect(back.sequence).toBeGreaterThan(gone.sequence)

    // Cancelled: everyone with a seat gets a CANCEL above every SEQUENCE they hold.
    await admin.post(`/api/learning/sessions/${id}/cancel`)
    for (const p of [raj, leo]) {
      const cancel = await invite(await mailTo(p.email, /^Cancelled: /))
      expect(cancel.method).toBe('CANCEL')
      expect(cancel.sequence).toBeGreaterThan(back.sequence)
    }
    expect(mailsTo(zoe.email)).toHaveLength(0)
  }, 60_000)

  async function waitForCount(email: string, n: number): Promise<ReceivedMail[]> {
    for (let i = 0; i < 200 && mailsTo(email).length < n; i++) await new Promise((r) => setTimeout(r, 50))
    expect(mailsTo(email)).toHaveLength(n)
    return mailsTo(email)
  }
})
