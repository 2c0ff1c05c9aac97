import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Match, Programme, ProgrammeReflection, Questionnaire, Round } from '../../shared/connections.js'
import type { Job } from '../../shared/schemas.js'
import type { NotificationList } from '../../shared/notifications.js'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { jobsSettled } from '../../../test/helpers/jobs.js'
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js'
import { sessionClient } from '../../../test/api/support.js'
import { ManualClock } from '../platform/clock.js'
import { TICK_JOB } from './service.js'

// The lifecycle through the API on both dialects, with a ManualClock: reminders of unanswered proposals (once),
// their expiry and the rematch, "did you meet?" and its reminder, rounds by cadence until the end, the end of
// the programme with each participant's private reflection, in-app notices and mail by each person's choices,
// lunch groups of four, and the draft's progress.

const base = '/api/connections'
const DAY = 86_400_000
const FAR = '2100-01-01T00:00:00.000Z'
type PersonRow = Awaited<ReturnType<typeof buildPerson>>

describe.each(DIALECTS)('%s: connections lifecycle', (dialect) => {
  let t: TestApp
  let smtp: TestSmtpServer
  let clock: ManualClock
  let owner: Client
  const people: { row: PersonRow; client: Client }[] = []

  beforeAll(async () => {
    smtp = await startSmtpServer()
    clock = new ManualClock(Date.parse('2031-03-03T09:00:00Z'))
    t = await createTestApp(
      dialect,
      { smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined }, baseUrl: 'https://ws.example.com' },
      { clock },
    )
    t.app.jobs.start()
    const ownerRow = await buildPerson(t.app, { name: 'Olga Owner', department: 'People' })
    await buildPerson(t.app, { manager_id: ownerRow.id }) // a report makes her a manager
    owner = await sessionClient(t.app, ownerRow, FAR)
    for (let i = 0; i < 10; i++) {
      const row = await buildPerson(t.app, { name: `L${i}`, department: 'Engineering' })
      people.push({ row, client: await sessionClient(t.app, row, FAR) })
    }
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await smtp?.close()
  })

  async function programme(body: Partial<Record<string, unknown>> & { kind: Programme['kind'] }): Promise<Programme> {
    const res = await owner.post(`${base}/programmes`, {
      name: `${body.kind} ${Math.random().toString(36).slice(2, 6)}`,
      cadenceDays: 0,
      durationWeeks: 12,
      repeatRounds: 0,
      crossDepartment: 0,
      ...body,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }
  async function join(p: Programme, who: typeof people): Promise<void> {
    for (const { client } of who) {
      const answers = (await client.get(`${base}/programmes/${p.id}/questionnaire`)).json<Questionnaire>()
      expect((await client.put(`${base}/programmes/${p.id}/participation`, answers)).statusCode).toBe(200)
    }
  }
  async function draft(p: Programme): Promise<{ round: Round; jobId: string }> {
    const started = await owner.post(`${base}/programmes/${p.id}/rounds`)
    expect(started.statusCode, started.body).toBe(202)
    await jobsSettled(t.app)
    const rounds = (await owner.get(`${base}/programmes/${p.id}/rounds`)).json<{ items: { id: string }[] }>()
    return {
      round: (await owner.get(`${base}/rounds/${rounds.items[0]!.id}`)).json<Round>(),
      jobId: started.json<{ jobId: string }>().jobId,
    }
  }
  async function approve(round: Round): Promise<void> {
    expect((await owner.post(`${base}/rounds/${round.id}/approval`)).statusCode).toBe(200)
    await jobsSettled(t.app)
  }
  async function tick(): Promise<void> {
    await t.app.jobs.enqueue(TICK_JOB, {})
    await jobsSettled(t.app)
  }
  const clientOf = (id: string) => people.find((x) => x.row.id === id)!.client
  const noticesOf = async (client: Client) =>
    (await client.get('/api/notifications?limit=100')).json<NotificationList>().items.filter((n) => n.kind === 'connection')

  it('reminds an unanswered proposal once, then expires it and rematches the ones left, in the app and by mail', async () => {
    const p = await programme({ kind: 'lunch' })
    const four = people.slice(0, 4)
    await join(p, four)
    const { round } = await draft(p)
    expect(round.matches).toHaveLength(2)
    await approve(round)
    const [m1, m2] = round.matches as [Match, Match]
    // In each pair one accepts and the other stays silent.
    const [a, b] = m1.members.map((m) => m.person.id) as [string, string]
    const [c, d] = m2.members.map((m) => m.person.id) as [string, string]
    expect((await clientOf(a).post(`${base}/matches/${m1.id}/response`, { response: 'accepted' })).statusCode).toBe(200)
    expect((await clientOf(d).post(`${base}/matches/${m2.id}/response`, { response: 'accepted' })).statusCode).toBe(200)
    expect((await noticesOf(clientOf(b))).map((n) => n.text)).toEqual([`Your lunch match in ${p.name}`])

    // Not yet due: nothing. Three days on: one reminder each to b and c, never to those who answered.
    clock.advance(2 * DAY)
    await tick()
    expect((await noticesOf(clientOf(b))).filter((n) => n.text.startsWith('Reminder'))).toHaveLength(0)
    clock.advance(1 * DAY + 60_000)
    await tick()
    await tick() // a second run (another node, or a restart) reminds nobody twice
    for (const who of [b, c]) {
      const reminders = (await noticesOf(clientOf(who))).filter((n) => n.text.startsWith('Reminder'))
      expect(reminders.map((n) => n.link)).toEqual([`/connections/matches/${who === b ? m1.id : m2.id}`])
    }
    expect((await noticesOf(clientOf(a))).filter((n) => n.text.startsWith('Reminder'))).toHaveLength(0)
    const email = people.find((x) => x.row.id === b)!.row.email
    await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Reminder: your lunch match'))
    expect(smtp.messages.filter((m) => m.to.includes(email) && m.subject.startsWith('Reminder'))).toHaveLength(1)

    // Seven days on: both proposals expire; a and d, who answered, are matched together; b and c are not.
    clock.advance(4 * DAY)
    await tick()
    await tick()
    const aMatches = (await clientOf(a).get(`${base}/matches`)).json<{ items: Match[] }>().items
    expect(aMatches.find((m) => m.id === m1.id)!.status).toBe('expired')
    const fresh = aMatches.filter((m) => m.status === 'proposed')
    expect(fresh).toHaveLength(1)
    expect(fresh[0]!.members.map((m) => m.person.id).sort()).toEqual([a, d].sort())
    expect((await clientOf(b).get(`${base}/matches`)).json<{ items: Match[] }>().items.map((m) => m.status)).toEqual(['expired'])
    expect((await noticesOf(clientOf(a))).map((n) => n.text)).toEqual(
      expect.arrayContaining([`A new lunch match in ${p.name}, after a decline`, `A lunch proposal in ${p.name} expired unanswered`]),
    )
    // An expired proposal cannot be answered any more.
    expect((await clientOf(b).post(`${base}/matches/${m1.id}/response`, { response: 'accepted' })).statusCode).toBe(409)
  })

  it('asks "did you meet?" after a meeting and reminds once; mails only people who want connections mail', async () => {
    const p = await programme({ kind: 'lunch' })
    const two = people.slice(4, 6)
    await join(p, two)
    // One of the two wants no mail of this kind: they are told in the app only.
    const [quiet, loud] = two as [(typeof people)[0], (typeof people)[0]]
    expect((await quiet.client.put('/api/notifications/preferences', { emailKinds: ['mention'], digest: 'none' })).statusCode).toBe(200)
    const { round } = await draft(p)
    await approve(round)
    const match = round.matches[0]!
    expect((await noticesOf(quiet.client)).map((n) => n.text)).toEqual([`Your lunch match in ${p.name}`])
    await smtp.waitFor((m) => m.to.includes(loud.row.email) && m.subject === `Your lunch match in ${p.name}`)
    for (const x of two) await x.client.post(`${base}/matches/${match.id}/response`, { response: 'accepted' })
    const startsAt = new Date(clock.now() + DAY).toISOString()
    const created = await loud.client.post(`${base}/matches/${match.id}/meetings`, { startsAt, minutes: 30, location: 'Canteen' })
    expect(created.statusCode, created.body).toBe(201)
    await jobsSettled(t.app)
    // The invite: in the app for the other member; the calendar mail only to the one who wants mail.
    expect((await noticesOf(quiet.client)).map((n) => n.text)).toContain(`${loud.row.name} scheduled a meeting in ${p.name}`)
    await smtp.waitFor((m) => m.to.includes(loud.row.email) && m.subject.startsWith('Invitation'))

    clock.advance(DAY + 2 * 3_600_000)
    await tick()
    await tick()
    expect((await noticesOf(loud.client)).filter((n) => n.text.startsWith('Did you meet?'))).toHaveLength(1)
    expect((await noticesOf(quiet.client)).filter((n) => n.text.startsWith('Did you meet?'))).toHaveLength(1)
    clock.advance(3 * DAY)
    await tick()
    await tick()
    expect((await noticesOf(quiet.client)).filter((n) => n.text.includes('did your meeting'))).toHaveLength(1)
    await smtp.waitFor((m) => m.to.includes(loud.row.email) && m.subject === `Reminder: Did you meet? (${p.name})`)
    expect(smtp.messages.filter((m) => m.to.includes(quiet.row.email))).toEqual([])
    expect(smtp.messages.filter((m) => m.to.includes(loud.row.email) && m.subject.includes('Did you meet?'))).toHaveLength(2)
  })

  it('drafts rounds by cadence until the end, then ends the programme and asks everyone for a private reflection', async () => {
    const six = people.slice(4, 10)
    const p = await programme({ kind: 'lunch', cadenceDays: 7, durationWeeks: 2 })
    expect(p.endsAt).toBe(new Date(clock.now() + 14 * DAY).toISOString())
    await join(p, six)
    const me = six[0]!.client
    expect((await me.put(`${base}/programmes/${p.id}/reflection`, { body: 'Too early' })).statusCode).toBe(409)

    // Day 7: the schedule drafts round 1, and the owner is asked to approve it.
    clock.advance(7 * DAY + 60_000)
    await tick()
    const rounds = (await owner.get(`${base}/programmes/${p.id}/rounds`)).json<{ items: { id: string; status: string }[] }>().items
    expect(rounds.map((r) => r.status)).toEqual(['draft'])
    expect((await noticesOf(owner)).map((n) => n.text)).toContain(`A new round of ${p.name} waits for your approval`)
    const round = (await owner.get(`${base}/rounds/${rounds[0]!.id}`)).json<Round>()
    await approve(round)
    const first = round.matches[0]!
    for (const m of first.members) await clientOf(m.person.id).post(`${base}/matches/${first.id}/response`, { response: 'accepted' })

    // Day 14: the end. No round after the last one; the matches end; everyone is asked once for a reflection.
    clock.advance(7 * DAY)
    await tick()
    await tick()
    expect((await owner.get(`${base}/programmes/${p.id}/rounds`)).json<{ items: unknown[] }>().items).toHaveLength(1)
    expect((await me.get(`${base}/programmes/${p.id}`)).json<Programme>().status).toBe('ended')
    const mine = (await clientOf(first.members[0]!.person.id).get(`${base}/matches`)).json<{ items: Match[] }>().items
    expect(mine.find((m) => m.id === first.id)!.status).toBe('ended')
    for (const { client } of six) {
      const prompts = (await noticesOf(client)).filter((n) => n.text === `${p.name} has ended: write your reflection`)
      expect(prompts.map((n) => n.link)).toEqual([`/connections/programmes/${p.id}/reflection`])
    }
    expect((await owner.post(`${base}/programmes/${p.id}/rounds`)).statusCode).toBe(409)

    // The reflection is its writer's alone; the owner sees how many, and only from the aggregate minimum up.
    const written = await me.put(`${base}/programmes/${p.id}/reflection`, { body: 'I learned to ask' })
    expect(written.statusCode, written.body).toBe(200)
    expect(written.json<ProgrammeReflection>()).toMatchObject({ body: 'I learned to ask', open: true })
    expect((await six[1]!.client.get(`${base}/programmes/${p.id}/reflection`)).json<ProgrammeReflection>().body).toBeNull()
    expect((await people[0]!.client.get(`${base}/programmes/${p.id}/reflection`)).statusCode).toBe(404)
    expect((await owner.get(`${base}/programmes/${p.id}/reflection`)).statusCode).toBe(404)
    expect((await owner.get(`${base}/programmes/${p.id}/participation`)).json()).toMatchObject({ participants: 6, reflections: null })
    for (const { client } of six.slice(1, 5)) await client.put(`${base}/programmes/${p.id}/reflection`, { body: 'Mine' })
    const stats = (await owner.get(`${base}/programmes/${p.id}/participation`)).body
    expect(JSON.parse(stats)).toMatchObject({ reflections: 5 })
    expect(stats).not.toContain('I learned to ask')
    expect((await me.put(`${base}/programmes/${p.id}/reflection`, { body: '' })).statusCode).toBe(400)
  })

  it('forms lunch groups of four with the remainder spread, and shows the draft as job progress', async () => {
    expect(
      (
        await owner.post(`${base}/programmes`, {
          kind: 'mentoring',
          name: 'x',
          cadenceDays: 0,
          durationWeeks: 4,
          repeatRounds: 0,
          crossDepartment: 0,
          groupSize: 4,
        })
      ).statusCode,
    ).toBe(400)
    expect(
      (
        await owner.post(`${base}/programmes`, {
          kind: 'lunch',
          name: 'x',
          cadenceDays: 0,
          durationWeeks: 4,
          repeatRounds: 0,
          crossDepartment: 0,
          groupSize: 7,
        })
      ).statusCode,
    ).toBe(400)
    const p = await programme({ kind: 'lunch', groupSize: 4 })
    expect(p.groupSize).toBe(4)
    await join(p, people.slice(0, 9))
    const { round, jobId } = await draft(p)
    expect(round.matches.map((m) => m.members.length).sort()).toEqual([4, 5])
    expect(round.unmatched).toEqual([])
    expect(round.matches[0]!.reasons.join(' ')).toMatch(/anyone in common|pairs have someone in common/)
    const job = (await owner.get(`/api/jobs/${jobId}`)).json<Job>()
    expect(job).toMatchObject({ status: 'done', progress: 5, progressTotal: 5, progressLabel: `${round.matches.length} matches drafted` })

    // In a group of more than two, one decline leaves the others together.
    await approve(round)
    const group = round.matches[0]!
    const leaver = group.members[0]!.person.id
    const res = await clientOf(leaver).post(`${base}/matches/${group.id}/response`, { response: 'declined' })
    expect(res.json<Match>().status).toBe('proposed')
  })
})
