import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { notificationsOf } from '../../../test/helpers/notifications.js'
import { listInteractions } from '../insights/lookup.js'
import { ManualClock } from '../platform/clock.js'

const T0 = Date.parse('2026-03-02T09:00:00.000Z')
const DAY = 86_400_000
const at = (ms: number) => new Date(ms).toISOString()

describe.each(DIALECTS)('instructor-led sessions on %s', (dialect) => {
  let t: TestApp
  let clock: ManualClock
  let admin: Client
  let mia: Client // a manager: learning staff
  let people: Client[]
  let ana: Client, raj: Client, leo: Client, zoe: Client
  let sessionId = ''

  const session = (c: Client, id = sessionId) =>
    c
      .get(`/api/learning/sessions/${id}`)
      .then((r) => r.json<{ mine: string | null; waitlistPlace: number | null; enrolled: number; waitlisted: number }>())
  const sessionInteractions = () => listInteractions(t.app.db, { kind: 'session' })

  beforeAll(async () => {
    clock = new ManualClock(T0)
    t = await createTestApp(dialect, {}, { clock })
    admin = await setupAdmin(t.app)
    mia = await loggedInPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    people = []
    for (const name of ['Ana', 'Raj', 'Leo', 'Zoe', 'Kim', 'Tom', 'Eva', 'Ivo', 'Uma', 'Ole', 'Pia', 'Sid']) {
      people.push(await loggedInPerson(t.app, { name: `${name} Learner`, email: `${name.toLowerCase()}@example.com` }))
    }
    ;[ana, raj, leo, zoe] = people as [Client, Client, Client, Client]
  })
  afterAll(async () => {
    await t.close()
  })

  it('is scheduled by learning staff only, with sane times and capacity', async () => {
    const body = {
      title: 'Facilitating retrospectives',
      startsAt: at(T0 + 2 * DAY),
      endsAt: at(T0 + 2 * DAY + 2 * 3_600_000),
      location: 'Room 4.12',
      capacity: 2,
    }
    expect((await ana.post('/api/learning/sessions', body)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/learning/sessions', payload: body })).statusCode).toBe(401)
    expect((await admin.post('/api/learning/sessions', { ...body, endsAt: body.startsAt })).json()).toMatchObject({
      error: { code: 'ends_before_start' },
    })
    expect((await admin.post('/api/learning/sessions', { ...body, capacity: 0 })).statusCode).toBe(400)
    expect((await admin.post('/api/learning/sessions', { ...body, facilitatorId: 'nobody' })).json()).toMatchObject({
      error: { code: 'unknown_facilitator' },
    })
    const created = await admin.post('/api/learning/sessions', body)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      title: 'Facilitating retrospectives',
      capacity: 2,
      enrolled: 0,
      status: 'scheduled',
      canManage: true,
    })
    sessionId = created.json<{ id: string }>().id
    expect((await ana.get('/api/learning/sessions')).json<{ items: { id: string; canManage: boolean }[] }>().items).toEqual([
      expect.objectContaining({ id: sessionId, canManage: false }),
    ])
  })

  it('seats people until it is full, then keeps a waitlist in order; a freed seat goes to the first waiting, who is told', async () => {
    for (const c of [ana, raj])
      expect((await c.post(`/api/learning/sessions/${sessionId}/enrolment`)).json()).toMatchObject({ mine: 'enrolled' })
    expect((await leo.post(`/api/learning/sessions/${sessionId}/enrolment`)).json()).toMatchObject({ mine: 'waitlisted', waitlistPlace: 1 })
    expect((await zoe.post(`/api/learning/sessions/${sessionId}/enrolment`)).json()).toMatchObject({ mine: 'waitlisted', waitlistPlace: 2 })
    // Enrolling again changes nothing, including one's place.
    expect((await leo.post(`/api/learning/sessions/${sessionId}/enrolment`)).json()).toMatchObject({ mine: 'waitlisted', waitlistPlace: 1 })
    expect(await session(ana)).toMatchObject({ enrolled: 2, waitlisted: 2 })

    const withdrawn = await ana.delete(`/api/learning/sessions/${sessionId}/enrolment`)
    expect(withdrawn.json()).toMatchObject({ mine: null, enrolled: 2, waitlisted: 1 })
    expect(await session(leo)).toMatchObject({ mine: 'enrolled' })
    expect(await session(zoe)).toMatchObject({ mine: 'waitlisted', waitlistPlace: 1 })
    expect((await notificationsOf(leo)).map((n) => n.text)).toEqual([
      'A seat freed up: you are now enrolled in Facilitating retrospectives',
    ])
    expect(await notificationsOf(zoe)).toEqual([])

    // Someone leaving the waitlist frees no seat.
    expect((await zoe.delete(`/api/learning/sessions/${sessionId}/enrolment`)).json()).toMatchObject({ mine: null })
    expect(await session(raj)).toMatchObject({ enrolled: 2, waitlisted: 0 })
    expect((await zoe.delete(`/api/learning/sessions/${sessionId}/enrolment`)).statusCode).toBe(404)
  })

  it('gives the last seat to exactly one of many people enrolling at once', async () => {
    const body = { title: 'One seat left', startsAt: at(T0 + 3 * DAY), endsAt: at(T0 + 3 * DAY + 3_600_000), capacity: 1 }
    const id = (await mia.post('/api/learning/sessions', body)).json<{ id: string }>().id
    const results = await Promise.all(people.slice(2).map((c) => c.post(`/api/learning/sessions/${id}/enrolment`)))
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200))
    const statuses = results.map((r) => r.json<{ mine: string }>().mine)
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(1)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(people.length - 3)
    expect(await session(mia, id)).toMatchObject({ enrolled: 1, waitlisted: people.length - 3 })
  })

  it('takes attendance from the facilitator once it has started, and logs who was together once per pair', async () => {
    const url = `/api/learning/sessions/${sessionId}/attendance`
    expect((await admin.put(url, { attended: [raj.id] })).json()).toMatchObject({ error: { code: 'not_started' } })
    clock.advance(2 * DAY + 60_000)
    expect((await ana.put(url, { attended: [raj.id] })).statusCode).toBe(403)
    expect((await admin.put(url, { attended: [raj.id, zoe.id] })).json()).toMatchObject({ error: { code: 'not_enrolled' } })
    expect(await sessionInteractions()).toEqual([])
    expect((await admin.put(url, { attended: [raj.id, leo.id] })).statusCode).toBe(204)
    const pairs = (await sessionInteractions()).map((i) => [i.actor_id, i.target_id].sort().join(' ')).sort()
    expect(pairs).toEqual(
      [
        [admin.id, raj.id],
        [admin.id, leo.id],
        [raj.id, leo.id],
      ]
        .map((p) => p.sort().join(' '))
        .sort(),
    )
    // Taking it again adds nothing for pairs already logged.
    expect((await admin.put(url, { attended: [raj.id, leo.id] })).statusCode).toBe(204)
    expect(await sessionInteractions()).toHaveLength(3)
    expect(await session(raj)).toMatchObject({ mine: 'enrolled' })
    expect((await raj.get(`/api/learning/sessions/${sessionId}`)).json()).toMatchObject({ attended: true })
    // No enrolling or withdrawing once it has started.
    expect((await zoe.post(`/api/learning/sessions/${sessionId}/enrolment`)).json()).toMatchObject({ error: { code: 'session_started' } })
  })

  it('takes feedback from attendees only, and shows it to the facilitator only in aggregate from the privacy minimum', async () => {
    const url = `/api/learning/sessions/${sessionId}/feedback`
    expect((await ana.put(url, { rating: 1 })).json()).toMatchObject({ error: { code: 'not_attended' } })
    expect((await raj.put(url, { rating: 6 })).statusCode).toBe(400)
    expect((await raj.put(url, { rating: 5, comment: 'Practical' })).statusCode).toBe(204)
    expect((await leo.put(url, { rating: 4 })).statusCode).toBe(204)
    expect((await raj.get(`/api/learning/sessions/${sessionId}/roster`)).statusCode).toBe(403)
    const roster = (await admin.get(`/api/learning/sessions/${sessionId}/roster`)).json<{
      feedback: unknown
      feedbackResponses: number
      items: { person: { id: string }; attended: boolean | null }[]
    }>()
    expect(roster.feedbackResponses).toBe(2)
    expect(roster.feedback).toBeNull()
    expect(roster.items.map((i) => [i.person.id, i.attended])).toEqual(
      expect.arrayContaining([
        [raj.id, true],
        [leo.id, true],
      ]),
    )
  })

  it('tells everyone enrolled or waiting when a session is cancelled, and takes no one after', async () => {
    const id = (
      await mia.post('/api/learning/sessions', {
        title: 'Pairing clinic',
        startsAt: at(clock.now() + DAY),
        endsAt: at(clock.now() + DAY + 3_600_000),
        capacity: 1,
      })
    ).json<{ id: string }>().id
    await ana.post(`/api/learning/sessions/${id}/enrolment`)
    await zoe.post(`/api/learning/sessions/${id}/enrolment`)
    expect((await ana.post(`/api/learning/sessions/${id}/cancel`)).statusCode).toBe(403)
    expect((await mia.post(`/api/learning/sessions/${id}/cancel`)).json()).toMatchObject({ status: 'cancelled' })
    expect((await notificationsOf(ana)).map((n) => n.text)).toContain('Pairing clinic was cancelled')
    expect((await notificationsOf(zoe)).map((n) => n.text)).toContain('Pairing clinic was cancelled')
    expect((await leo.post(`/api/learning/sessions/${id}/enrolment`)).json()).toMatchObject({ error: { code: 'session_cancelled' } })
  })

  it("keeps a closed community's sessions from people outside it", async () => {
    await admin.post('/api/communities', { name: 'Incident command', purpose: 'On-call', visibility: 'closed' })
    const id = (
      await admin.post('/api/learning/sessions', {
        title: 'Incident drills',
        startsAt: at(clock.now() + DAY),
        endsAt: at(clock.now() + DAY + 3_600_000),
        capacity: 5,
        community: 'incident-command',
      })
    ).json<{ id: string }>().id
    expect((await ana.get(`/api/learning/sessions/${id}`)).statusCode).toBe(404)
    expect((await ana.post(`/api/learning/sessions/${id}/enrolment`)).statusCode).toBe(404)
    expect((await ana.get('/api/learning/sessions')).json<{ items: { id: string }[] }>().items.map((s) => s.id)).not.toContain(id)
  })
})
