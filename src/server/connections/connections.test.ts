import ICAL from 'ical.js'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Match, MatchDetail, Meeting, Programme, Questionnaire, Round } from '../../shared/connections.js'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { jobsSettled } from '../../../test/helpers/jobs.js'
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js'
import { sessionClient } from '../../../test/api/support.js'
import { listInteractions } from '../insights/lookup.js'
import { findMeeting } from './store.js'

// The connections flow through the API on both dialects: a programme, opting in, a drafted round the owner
// previews and approves, accept / decline / rematch, a meeting with a real iCalendar invite over SMTP, the
// check-back into the interaction log, and the log private to the match.

const base = '/api/connections'
type PersonRow = Awaited<ReturnType<typeof buildPerson>>

describe.each(DIALECTS)('%s: connections', (dialect) => {
  let t: TestApp
  let smtp: TestSmtpServer
  let owner: Client
  let ownerRow: PersonRow
  const people: { row: PersonRow; client: Client }[] = []

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp(dialect, {
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
      baseUrl: 'https://ws.example.com',
    })
    t.app.jobs.start()
    ownerRow = await buildPerson(t.app, { name: 'Olga Owner', department: 'People' })
    await buildPerson(t.app, { manager_id: ownerRow.id })
    owner = await sessionClient(t.app, ownerRow)
    const depts = ['Engineering', 'Sales', 'Support', 'Design']
    for (let i = 0; i < 8; i++) {
      const row = await buildPerson(t.app, {
        name: `P${i}`,
        department: depts[i % 4]!,
        who_am_i: i < 4 ? 'I build data pipelines and teach SQL' : 'New analyst learning the ropes',
        want_to_become: i < 4 ? 'A manager of engineers' : 'A data engineer who builds pipelines',
        skills_offered: JSON.stringify(i < 4 ? ['sql', 'kafka'] : ['excel']),
        skills_wanted: JSON.stringify(i < 4 ? ['leadership'] : ['sql']),
      })
      people.push({ row, client: await sessionClient(t.app, row) })
    }
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await smtp?.close()
  })

  async function programme(kind: Programme['kind']): Promise<Programme> {
    const res = await owner.post(`${base}/programmes`, {
      kind,
      name: `${kind} pilot`,
      cadenceDays: 0,
      durationWeeks: 12,
      repeatRounds: 2,
      crossDepartment: 1,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }

  async function draftAndPreview(id: string): Promise<Round> {
    const started = await owner.post(`${base}/programmes/${id}/rounds`)
    expect(started.statusCode, started.body).toBe(202)
    await jobsSettled(t.app)
    const rounds = (await owner.get(`${base}/programmes/${id}/rounds`)).json<{ items: { id: string }[] }>()
    const res = await owner.get(`${base}/rounds/${rounds.items[0]!.id}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  it('runs a mentoring round: prefilled opt-in, preview, approval, mails, accept, decline and rematch', async () => {
    const member = people[0]!.client
    expect(
      (
        await member.post(`${base}/programmes`, {
          kind: 'mentoring',
          name: 'x',
          cadenceDays: 0,
          durationWeeks: 1,
          repeatRounds: 0,
          crossDepartment: 0,
        })
      ).statusCode,
    ).toBe(403)
    const p = await programme('mentoring')

    // The questionnaire is prefilled from the profile's three questions and skills.
    const q = (await people[4]!.client.get(`${base}/programmes/${p.id}/questionnaire`)).json<Questionnaire>()
    expect(q).toMatchObject({ role: 'mentee', whoAmI: 'New analyst learning the ropes', skillsWanted: ['sql'], skillsOffered: ['excel'] })
    for (const [i, { client }] of people.entries()) {
      const answers = (await client.get(`${base}/programmes/${p.id}/questionnaire`)).json<Questionnaire>()
      const res = await client.put(`${base}/programmes/${p.id}/participation`, {
        ...answers,
        role: i < 4 ? 'mentor' : 'mentee',
        capacity: 1,
      })
      expect(res.statusCode, res.body).toBe(200)
    }
    expect((await people[0]!.client.put(`${base}/programmes/${p.id}/participation`, { ...q, role: 'member' })).statusCode).toBe(400)

    // A member may not draft or preview; the owner drafts and previews; nobody is told yet.
    expect((await member.post(`${base}/programmes/${p.id}/rounds`)).statusCode).toBe(403)
    const round = await draftAndPreview(p.id)
    expect(round.status).toBe('draft')
    expect(round.matches).toHaveLength(4)
    for (const m of round.matches) {
      const mentor = m.members.find((x) => x.role === 'mentor')!
      const mentee = m.members.find((x) => x.role === 'mentee')!
      expect(people.findIndex((x) => x.row.id === mentor.person.id)).toBeLessThan(4)
      expect(people.findIndex((x) => x.row.id === mentee.person.id)).toBeGreaterThanOrEqual(4)
      expect(m.reasons.join(' ')).toContain('wants to learn sql')
    }
    expect((await member.get(`${base}/rounds/${round.id}`)).statusCode).toBe(403)
    expect((await people[4]!.client.get(`${base}/matches`)).json<{ items: Match[] }>().items).toEqual([])
    expect(smtp.messages.filter((m) => /match in/.test(m.subject))).toHaveLength(0)

    expect((await member.post(`${base}/rounds/${round.id}/approval`)).statusCode).toBe(403)
    const approved = await owner.post(`${base}/rounds/${round.id}/approval`)
    expect(approved.statusCode, approved.body).toBe(200)
    expect((await owner.post(`${base}/rounds/${round.id}/approval`)).statusCode).toBe(409)
    // Once approved, the owner sees how many matches, never who is matched with whom or who declined.
    const after = (await owner.get(`${base}/rounds/${round.id}`)).json<Round>()
    expect(after).toMatchObject({ status: 'approved', matchCount: round.matches.length, matches: [], unmatched: [] })
    await jobsSettled(t.app)
    const proposals = smtp.messages.filter((m) => /mentoring match in/.test(m.subject))
    expect(proposals).toHaveLength(8)
    expect(proposals[0]!.text).toContain('Why you:')

    // Accept on both sides: active. Decline another: the mentee is rematched, never with the same mentor.
    const [first, second] = round.matches as [Match, Match]
    const clientOf = (id: string) => people.find((x) => x.row.id === id)!.client
    for (const m of first.members)
      expect((await clientOf(m.person.id).post(`${base}/matches/${first.id}/response`, { response: 'accepted' })).statusCode).toBe(200)
    expect((await clientOf(first.members[0]!.person.id).get(`${base}/matches/${first.id}`)).json<MatchDetail>().match.status).toBe('active')
    const mentee = second.members.find((x) => x.role === 'mentee')!.person.id
    const mentor = second.members.find((x) => x.role === 'mentor')!.person.id
    // Free a mentor's place so a rematch has somewhere to go.
    const stranger = await buildPerson(t.app, { department: 'Legal' })
    const strangerClient = await sessionClient(t.app, stranger)
    await strangerClient.put(`${base}/programmes/${p.id}/participation`, { ...q, role: 'mentor', capacity: 1, skillsOffered: ['sql'] })
    const declined = await clientOf(mentee).post(`${base}/matches/${second.id}/response`, { response: 'declined' })
    expect(declined.json<Match>().status).toBe('declined')
    expect((await clientOf(mentee).post(`${base}/matches/${second.id}/response`, { response: 'accepted' })).statusCode).toBe(409)
    await jobsSettled(t.app)
    const mine = (await clientOf(mentee).get(`${base}/matches`)).json<{ items: Match[] }>().items
    const rematched = mine.find((m) => m.status === 'proposed')!
    expect(rematched.members.map((x) => x.person.id)).toEqual(expect.arrayContaining([mentee, stranger.id]))
    expect(rematched.members.map((x) => x.person.id)).not.toContain(mentor)
    await smtp.waitFor((m) => m.to.includes(stranger.email) && /match in/.test(m.subject))

    // Someone outside a match neither sees it nor answers it.
    // (Whoever it is: the matcher decides who is in `first`, so the outsider is picked from those left out.)
    const outsider = people.find((x) => !first.members.some((m) => m.person.id === x.row.id))!
    expect((await outsider.client.get(`${base}/matches/${first.id}`)).statusCode).toBe(404)
    expect((await owner.get(`${base}/matches/${first.id}`)).statusCode).toBe(404)
  })

  it('sends the first meeting as an iCalendar invite; a change raises SEQUENCE; a cancel sends METHOD:CANCEL', async () => {
    const p = await programme('lunch')
    for (const { client } of people.slice(0, 4)) {
      const answers = (await client.get(`${base}/programmes/${p.id}/questionnaire`)).json<Questionnaire>()
      expect((await client.put(`${base}/programmes/${p.id}/participation`, answers)).statusCode).toBe(200)
    }
    const round = await draftAndPreview(p.id)
    expect(round.matches).toHaveLength(2)
    await owner.post(`${base}/rounds/${round.id}/approval`)
    await jobsSettled(t.app)
    const match = round.matches[0]!
    const [a, b] = match.members.map((m) => people.find((x) => x.row.id === m.person.id)!) as [(typeof people)[0], (typeof people)[0]]
    expect(
      (await a.client.post(`${base}/matches/${match.id}/meetings`, { startsAt: '2030-01-10T12:00:00Z', minutes: 45, location: 'Canteen' }))
        .statusCode,
    ).toBe(409)
    await a.client.post(`${base}/matches/${match.id}/response`, { response: 'accepted' })
    await b.client.post(`${base}/matches/${match.id}/response`, { response: 'accepted' })
    const created = await a.client.post(`${base}/matches/${match.id}/meetings`, {
      startsAt: '2030-01-10T12:00:00Z',
      minutes: 45,
      location: 'Canteen',
    })
    expect(created.statusCode, created.body).toBe(201)
    const meeting = created.json<Meeting>()

    const parse = async (raw: string) => {
      const mail = await simpleParser(raw)
      const part = mail.attachments.find((x) => x.contentType.startsWith('text/calendar')) ?? null
      const text = part ? part.content.toString('utf8') : String((mail as { textAsHtml?: string }).textAsHtml ?? '')
      const cal = new ICAL.Component(ICAL.parse(text))
      const event = cal.getFirstSubcomponent('vevent')!
      return { method: cal.getFirstPropertyValue('method'), event }
    }
    const invite = await smtp.waitFor((m) => m.to.includes(b.row.email) && m.subject.startsWith('Invitation'))
    const first = await parse(invite.raw)
    expect(first.method).toBe('REQUEST')
    expect(first.event.getFirstPropertyValue('uid')).toBe(meeting.id)
    expect(Number(first.event.getFirstPropertyValue('sequence'))).toBe(0)
    expect(String(first.event.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:')).toBe(`mailto:${a.row.email}`)
    const attendees = first.event.getAllProperties('attendee')
    expect(attendees.map((x) => String(x.getFirstValue()).replace(/^mailto:/i, 'mailto:'))).toEqual(
      expect.arrayContaining([`mailto:${a.row.email}`, `mailto:${b.row.email}`]),
    )
    expect(attendees.every((x) => x.getParameter('rsvp') === 'TRUE')).toBe(true)
    expect(first.event.getFirstPropertyValue('location')).toBe('Canteen')

    await a.client.put(`${base}/meetings/${meeting.id}`, { startsAt: '2030-01-11T12:00:00Z', minutes: 30, location: 'Café' })
    const update = await parse((await smtp.waitFor((m) => m.to.includes(b.row.email) && m.subject.startsWith('Updated'))).raw)
    expect(update.event.getFirstPropertyValue('uid')).toBe(meeting.id)
    expect(Number(update.event.getFirstPropertyValue('sequence'))).toBe(1)

    // "Did you meet?" before the meeting took place (by the app's clock) is refused and changes nothing.
    expect((await people[6]!.client.post(`${base}/meetings/${meeting.id}/check`, { held: true })).statusCode).toBe(404)
    const early = await b.client.post(`${base}/meetings/${meeting.id}/check`, { held: true })
    expect(early.statusCode, early.body).toBe(409)
    expect(early.json<{ error: { code: string } }>().error.code).toBe('meeting_not_started')
    expect(await findMeeting(t.app.db, meeting.id)).toMatchObject({ held: null, checked_at: null })
    expect((await listInteractions(t.app.db, { kind: 'lunch' })).filter((r) => r.ref === `meeting:${meeting.id}`)).toEqual([])

    // The check-back of a meeting that took place puts it in the interaction log, once.
    const past = await a.client.post(`${base}/matches/${match.id}/meetings`, {
      startsAt: '2025-06-02T12:00:00Z',
      minutes: 30,
      location: '',
    })
    expect(past.statusCode, past.body).toBe(201)
    const pastId = past.json<Meeting>().id
    expect((await b.client.post(`${base}/meetings/${pastId}/check`, { held: true })).statusCode).toBe(200)
    expect((await a.client.post(`${base}/meetings/${pastId}/check`, { held: true })).statusCode).toBe(200)
    const logged = (await listInteractions(t.app.db, { kind: 'lunch' })).filter((r) => r.ref === `meeting:${pastId}`)
    expect(logged).toHaveLength(1)

    const cancelled = await b.client.delete(`${base}/meetings/${meeting.id}`)
    expect(cancelled.json<Meeting>()).toMatchObject({ status: 'cancelled', sequence: 2 })
    const cancel = await parse((await smtp.waitFor((m) => m.to.includes(a.row.email) && m.subject.startsWith('Cancelled'))).raw)
    expect(cancel.method).toBe('CANCEL')
    expect(cancel.event.getFirstPropertyValue('uid')).toBe(meeting.id)
    expect(Number(cancel.event.getFirstPropertyValue('sequence'))).toBe(2)

    // The log is the pair's: its members write and read it, nobody else does.
    const note = await a.client.post(`${base}/matches/${match.id}/log`, { kind: 'goal', body: 'Swap one tip each lunch' })
    expect(note.statusCode, note.body).toBe(201)
    expect((await b.client.get(`${base}/matches/${match.id}`)).json<MatchDetail>().log.map((l) => l.body)).toEqual([
      'Swap one tip each lunch',
    ])
    expect((await people[6]!.client.post(`${base}/matches/${match.id}/log`, { kind: 'note', body: 'hi' })).statusCode).toBe(404)
    const reflection = await b.client.put(`${base}/matches/${match.id}/reflection`, { body: 'Learned a lot' })
    expect(reflection.json<MatchDetail>().myReflection).toBe('Learned a lot')
    expect((await a.client.get(`${base}/matches/${match.id}`)).json<MatchDetail>().myReflection).toBeNull()
  })

  it('forms circles of 4–6 mixed in department, makes introductions, and shows participation only in aggregate', async () => {
    const circles = await programme('circles')
    for (const { client } of people) {
      const answers = (await client.get(`${base}/programmes/${circles.id}/questionnaire`)).json<Questionnaire>()
      await client.put(`${base}/programmes/${circles.id}/participation`, answers)
    }
    const round = await draftAndPreview(circles.id)
    expect(round.matches.map((m) => m.members.length).sort()).toEqual([4, 4])
    for (const m of round.matches) expect(m.reasons[0]).toMatch(/^Mixed departments: .+, .+, .+/)

    const stats = await owner.get(`${base}/programmes/${circles.id}/participation`)
    expect(stats.json()).toMatchObject({ participants: 8, rounds: 0 })
    expect((await people[0]!.client.get(`${base}/programmes/${circles.id}/participation`)).statusCode).toBe(403)

    const intro = await programme('intro')
    const small = await owner.get(`${base}/programmes/${intro.id}/participation`)
    expect(small.json()).toMatchObject({ participants: null })
    const res = await owner.post(`${base}/programmes/${intro.id}/introductions`, {
      personA: people[0]!.row.id,
      personB: people[5]!.row.id,
      reason: 'Both working on onboarding tooling in different communities',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<Match>().reasons[0]).toBe('Both working on onboarding tooling in different communities')
    expect(
      (
        await people[1]!.client.post(`${base}/programmes/${intro.id}/introductions`, {
          personA: people[0]!.row.id,
          personB: people[5]!.row.id,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403)
    const own = await owner.post(`${base}/programmes/${intro.id}/introductions`, {
      personA: people[0]!.row.id,
      personB: people[0]!.row.id,
      reason: 'x',
    })
    expect(own.statusCode).toBe(400)
    await jobsSettled(t.app)
    await smtp.waitFor((m) => m.to.includes(people[5]!.row.email) && /introduction match/.test(m.subject))
  })

  it("exports a person's programmes, matches and log entries, and erasure removes their answers and notes", async () => {
    const part = t.app.personalData.find((p) => p.name === 'connections')!
    const who = people[0]!.row.id
    const exported = (await part.export(t.app.db, who)) as { programmes: unknown[]; matches: unknown[]; log: unknown[] }
    expect(exported.programmes.length).toBeGreaterThan(0)
    expect(exported.matches.length).toBeGreaterThan(0)
    await t.app.db.transaction().execute((tx) => part.erase(tx, who))
    const after = (await part.export(t.app.db, who)) as { programmes: unknown[]; log: unknown[] }
    expect(after.programmes).toEqual([])
    expect(after.log).toEqual([])
  })
})
