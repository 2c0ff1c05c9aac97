import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Match, Meeting, Programme, Questionnaire, Round } from '../../shared/connections.js'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { jobsSettled } from '../../../test/helpers/jobs.js'
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js'
import { sessionClient } from '../../../test/api/support.js'
import { listInteractions } from '../insights/lookup.js'

// The matching constraints of issue 13 through the API on both dialects: never one's own manager or report,
// no repeat pair within the programme's last N rounds, a cross-department preference the owner sets, reverse
// mentoring, a mentor's capacity and a circle kept across rounds, programmes open to one department, and the
// interaction-log kind of a meeting held in each kind of programme.

const base = '/api/connections'
type PersonRow = Awaited<ReturnType<typeof buildPerson>>
type Person = { row: PersonRow; client: Client }

describe.each(DIALECTS)('%s: connections constraints', (dialect) => {
  let t: TestApp
  let smtp: TestSmtpServer
  let owner: Client

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp(dialect, {
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
      baseUrl: 'https://ws.example.com',
    })
    t.app.jobs.start()
    const ownerRow = await buildPerson(t.app, { name: 'Olga Owner', department: 'People' })
    await buildPerson(t.app, { manager_id: ownerRow.id }) // a report makes her a manager
    owner = await sessionClient(t.app, ownerRow)
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await smtp?.close()
  })

  async function person(overrides: Partial<PersonRow> = {}): Promise<Person> {
    const row = await buildPerson(t.app, { department: 'Engineering', ...overrides })
    return { row, client: await sessionClient(t.app, row) }
  }
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
  async function join(p: Programme, who: Person, answers: Partial<Questionnaire> = {}): Promise<void> {
    const prefilled = (await who.client.get(`${base}/programmes/${p.id}/questionnaire`)).json<Questionnaire>()
    const res = await who.client.put(`${base}/programmes/${p.id}/participation`, { ...prefilled, ...answers })
    expect(res.statusCode, res.body).toBe(200)
  }
  async function draft(p: Programme): Promise<Round> {
    expect((await owner.post(`${base}/programmes/${p.id}/rounds`)).statusCode).toBe(202)
    await jobsSettled(t.app)
    const rounds = (await owner.get(`${base}/programmes/${p.id}/rounds`)).json<{ items: { id: string }[] }>()
    return (await owner.get(`${base}/rounds/${rounds.items[0]!.id}`)).json<Round>()
  }
  async function approve(round: Round): Promise<void> {
    expect((await owner.post(`${base}/rounds/${round.id}/approval`)).statusCode).toBe(200)
    await jobsSettled(t.app)
  }
  const ids = (m: Match) => m.members.map((x) => x.person.id).sort()
  const pairsOf = (r: Round) => r.matches.map((m) => ids(m).join(' ')).sort()
  const mentorOf = (r: Round, mentee: Person) =>
    r.matches.find((m) => m.members.some((x) => x.person.id === mentee.row.id))?.members.find((x) => x.role === 'mentor')?.person.id

  it('never matches anyone with their own manager or report: in mentoring, in lunch rounds and in introductions', async () => {
    const mara = await person({ name: 'Mara', who_am_i: 'I build data pipelines' })
    const rui = await person({ name: 'Rui', manager_id: mara.row.id, want_to_become: 'Someone who builds data pipelines' })
    const xena = await person({ name: 'Xena' })
    const yan = await person({ name: 'Yan' })
    // Unconstrained, Rui and his manager Mara are by far the best pair (sql and the words of who he wants to be).
    const mentoring = await programme({ kind: 'mentoring' })
    await join(mentoring, mara, { role: 'mentor', capacity: 1, skillsOffered: ['sql'] })
    await join(mentoring, xena, { role: 'mentor', capacity: 1, skillsOffered: ['excel'] })
    await join(mentoring, rui, { role: 'mentee', skillsWanted: ['sql'] })
    await join(mentoring, yan, { role: 'mentee', skillsWanted: [] })
    const round = await draft(mentoring)
    expect(round.matches).toHaveLength(2)
    expect(mentorOf(round, rui)).toBe(xena.row.id)
    expect(mentorOf(round, yan)).toBe(mara.row.id)

    // A lunch round of just the two of them pairs nobody.
    const lunch = await programme({ kind: 'lunch' })
    await join(lunch, mara)
    await join(lunch, rui)
    const alone = await draft(lunch)
    expect(alone.matches).toEqual([])
    expect(alone.unmatched.map((p) => p.id).sort()).toEqual([mara.row.id, rui.row.id].sort())

    // A manager may not introduce them either; nothing is made.
    const intro = await programme({ kind: 'intro' })
    const res = await owner.post(`${base}/programmes/${intro.id}/introductions`, { personA: rui.row.id, personB: mara.row.id, reason: 'x' })
    expect(res.statusCode).toBe(400)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('manager_pair')
    await jobsSettled(t.app)
    expect((await rui.client.get(`${base}/matches`)).json<{ items: Match[] }>().items).toEqual([])
  })

  it('does not pair anyone again within the last N rounds, N set per programme', async () => {
    const four = [await person(), await person(), await person(), await person()]
    const lunch = await programme({ kind: 'lunch', repeatRounds: 2 })
    for (const p of four) await join(lunch, p)
    // Four people have three ways to pair up: with N = 2, three rounds use all three, and the fourth may only
    // repeat the first (its pairs are three rounds old).
    const seen: string[][] = []
    for (let i = 0; i < 3; i++) {
      const round = await draft(lunch)
      expect(round.matches).toHaveLength(2)
      seen.push(pairsOf(round))
      await approve(round)
    }
    expect(new Set(seen.flat()).size).toBe(6)
    expect(pairsOf(await draft(lunch))).toEqual(seen[0])
  })

  it('prefers partners from another department as much as the programme says', async () => {
    const ana = await person({ name: 'Ana', department: 'Engineering' })
    const ben = await person({ name: 'Ben', department: 'Engineering', who_am_i: 'A data engineer' })
    const cai = await person({ name: 'Cai', department: 'Sales', who_am_i: 'I sell' })
    const run = async (crossDepartment: number) => {
      const p = await programme({ kind: 'mentoring', crossDepartment })
      await join(p, ben, { role: 'mentor', capacity: 1, skillsOffered: ['sql'] })
      await join(p, cai, { role: 'mentor', capacity: 1, skillsOffered: ['sql'] })
      await join(p, ana, { role: 'mentee', skillsWanted: ['sql'], wantToBecome: 'A data engineer' })
      return draft(p)
    }
    // Without the preference Ben (same department, who Ana wants to become) is the better mentor; with a strong
    // one, Cai from Sales is, and the match says why.
    expect(mentorOf(await run(0), ana)).toBe(ben.row.id)
    const cross = await run(3)
    expect(mentorOf(cross, ana)).toBe(cai.row.id)
    expect(cross.matches[0]!.reasons.join(' ')).toContain('different departments')
  })

  it('allows reverse mentoring: a newcomer mentors a senior colleague, and the match says so', async () => {
    const year = new Date().getUTCFullYear()
    const senior = await person({ name: 'Sam Senior', start_date: `${year - 12}-01-01` })
    const newcomer = await person({ name: 'Nia Newcomer', start_date: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10) })
    const p = await programme({ kind: 'mentoring' })
    await join(p, newcomer, { role: 'mentor', capacity: 1, skillsOffered: ['prompting'] })
    await join(p, senior, { role: 'mentee', skillsWanted: ['prompting'] })
    const round = await draft(p)
    expect(mentorOf(round, senior)).toBe(newcomer.row.id)
    expect(round.matches[0]!.reasons.join(' ')).toContain('Reverse mentoring')
  })

  it("keeps a mentor's capacity and a circle across rounds: a later round matches only who has room", async () => {
    const mo = await person({ name: 'Mo' })
    const menteeA = await person({ name: 'Ada' })
    const mentoring = await programme({ kind: 'mentoring' })
    await join(mentoring, mo, { role: 'mentor', capacity: 1, skillsOffered: ['sql'] })
    await join(mentoring, menteeA, { role: 'mentee', skillsWanted: ['sql'] })
    await approve(await draft(mentoring))
    const menteeB = await person({ name: 'Bo' })
    const no = await person({ name: 'No' })
    await join(mentoring, menteeB, { role: 'mentee', skillsWanted: ['sql'] })
    await join(mentoring, no, { role: 'mentor', capacity: 1, skillsOffered: ['excel'] })
    // Mo's one place is Ada's, and Ada has her mentor: only Bo and No are matched.
    const second = await draft(mentoring)
    expect(second.matches.map(ids)).toEqual([[menteeB.row.id, no.row.id].sort()])
    expect(second.unmatched).toEqual([])

    const circles = await programme({ kind: 'circles' })
    const first = [await person(), await person(), await person(), await person()]
    for (const p of first) await join(circles, p)
    await approve(await draft(circles))
    const later = [await person(), await person(), await person(), await person()]
    for (const p of later) await join(circles, p)
    const next = await draft(circles)
    expect(next.matches.map(ids)).toEqual([later.map((p) => p.row.id).sort()])
  })

  it('keeps a programme open to one department to that department', async () => {
    const p = await programme({ kind: 'lunch', department: 'Engineering' })
    const sales = await person({ department: 'Sales' })
    const prefilled = (await sales.client.get(`${base}/programmes/${p.id}/questionnaire`)).json<Questionnaire>()
    const res = await sales.client.put(`${base}/programmes/${p.id}/participation`, prefilled)
    expect(res.statusCode).toBe(403)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('not_in_department')
    expect((await sales.client.get(`${base}/programmes/${p.id}`)).json<Programme>().myRole).toBeNull()
    await join(p, await person())
  })

  it('logs a meeting held as mentoring, coaching or intro in the interaction log, by programme kind', async () => {
    const activeMatch = async (p: Programme, members: Person[]): Promise<{ match: Match; by: Person }> => {
      const mine = (await members[0]!.client.get(`${base}/matches`)).json<{ items: Match[] }>().items
      const match = mine.find((m) => m.programme.id === p.id)!
      for (const m of members)
        expect((await m.client.post(`${base}/matches/${match.id}/response`, { response: 'accepted' })).statusCode).toBe(200)
      return { match, by: members[0]! }
    }
    const held = async ({ match, by }: { match: Match; by: Person }, kind: string) => {
      // A meeting that took place: "did you meet?" is answered only after the start.
      const meeting = await by.client.post(`${base}/matches/${match.id}/meetings`, {
        startsAt: '2025-02-01T12:00:00Z',
        minutes: 30,
        location: '',
      })
      expect(meeting.statusCode, meeting.body).toBe(201)
      const id = meeting.json<Meeting>().id
      expect((await by.client.post(`${base}/meetings/${id}/check`, { held: true })).statusCode).toBe(200)
      return (await listInteractions(t.app.db, { kind: kind })).filter((r) => r.ref === `meeting:${id}`)
    }

    const mentor = await person()
    const mentee = await person()
    const mentoring = await programme({ kind: 'mentoring' })
    await join(mentoring, mentor, { role: 'mentor', capacity: 1 })
    await join(mentoring, mentee, { role: 'mentee' })
    await approve(await draft(mentoring))
    const mentored = await held(await activeMatch(mentoring, [mentee, mentor]), 'mentoring')
    expect(mentored.map((r) => [r.actor_id, r.target_id])).toEqual([[mentor.row.id, mentee.row.id]])

    const circle = [await person(), await person(), await person(), await person()]
    const circles = await programme({ kind: 'circles' })
    for (const p of circle) await join(circles, p)
    await approve(await draft(circles))
    expect(await held(await activeMatch(circles, circle), 'coaching')).toHaveLength(6)

    const [a, b] = [await person(), await person()]
    const intro = await programme({ kind: 'intro' })
    expect(
      (
        await owner.post(`${base}/programmes/${intro.id}/introductions`, {
          personA: a.row.id,
          personB: b.row.id,
          reason: 'Both on onboarding',
        })
      ).statusCode,
    ).toBe(201)
    await jobsSettled(t.app)
    expect(await held(await activeMatch(intro, [a, b]), 'intro')).toHaveLength(1)
  })
})
