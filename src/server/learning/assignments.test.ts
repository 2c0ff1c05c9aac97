import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AssignmentsMade, Lesson, MyAssignment } from '../../shared/learning.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { sessionClient } from '../../../test/api/support.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { notificationsOf } from '../../../test/helpers/notifications.js'
import { ManualClock } from '../platform/clock.js'

const T0 = Date.parse('2026-03-02T09:00:00.000Z')
const DAY = 86_400_000

describe.each(DIALECTS)('%s: assigned learning (push)', (dialect) => {
  let t: TestApp
  let clock: ManualClock
  let admin: Client
  let mia: Client // a manager
  let ana: Client, raj: Client, leo: Client // Ana and Raj report to Mia; Leo does not
  let lesson: Lesson

  const mine = (c: Client) => c.get('/api/learning/assignments/mine').then((r) => r.json<{ items: MyAssignment[] }>().items)
  const made = (c: Client) => c.get('/api/learning/assignments/made').then((r) => r.json<AssignmentsMade>().items)
  const rows = async () => (await t.app.db.selectFrom('learning_assignment').selectAll().execute()).length

  beforeAll(async () => {
    clock = new ManualClock(T0)
    t = await createTestApp(dialect, {}, { clock })
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
    const miaRow = await buildPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com' })
    mia = await sessionClient(t.app, miaRow)
    ana = await sessionClient(t.app, await buildPerson(t.app, { name: 'Ana Report', email: 'ana@example.com', manager_id: miaRow.id }))
    raj = await sessionClient(t.app, await buildPerson(t.app, { name: 'Raj Report', email: 'raj@example.com', manager_id: miaRow.id }))
    leo = await sessionClient(t.app, await buildPerson(t.app, { name: 'Leo Elsewhere', email: 'leo@example.com' }))
    const res = await mia.post('/api/learning/lessons', {
      title: 'Running an incident review',
      pages: [
        { title: 'Why', body: 'Causes, not culprits.' },
        { title: 'How', body: 'Timeline first.' },
      ],
    })
    expect(res.statusCode, res.body).toBe(201)
    lesson = res.json<Lesson>()
  }, 60_000)
  afterAll(async () => {
    await t?.close()
  })

  it('lets a manager assign to their own reports only, and refuses bad input without writing', async () => {
    const body = {
      moduleId: lesson.id,
      personIds: [ana.id, raj.id],
      dueAt: new Date(T0 + 7 * DAY).toISOString(),
      note: 'Before the next on-call',
    }
    expect((await ana.post('/api/learning/assignments', body)).statusCode).toBe(403)
    expect((await mia.post('/api/learning/assignments', { ...body, personIds: [ana.id, leo.id] })).json()).toMatchObject({
      error: { code: 'not_your_report' },
    })
    expect((await mia.post('/api/learning/assignments', { ...body, personIds: ['nobody'] })).json()).toMatchObject({
      error: { code: 'unknown_person' },
    })
    expect((await mia.post('/api/learning/assignments', { ...body, dueAt: new Date(T0 - DAY).toISOString() })).json()).toMatchObject({
      error: { code: 'due_in_past' },
    })
    expect((await mia.post('/api/learning/assignments', { ...body, moduleId: 'no-such' })).statusCode).toBe(404)
    expect((await mia.post('/api/learning/assignments', { ...body, personIds: [] })).statusCode).toBe(400)
    expect(await rows()).toBe(0)

    expect((await mia.post('/api/learning/assignments', body)).json()).toEqual({ assigned: 2, updated: 0 })
    expect((await mia.post('/api/learning/assignments', body)).json()).toEqual({ assigned: 0, updated: 2 })
    expect(await rows()).toBe(2)
  })

  it('shows people what they were asked, tells them once, and reads "done" from the lesson itself', async () => {
    await expect
      .poll(async () => (await notificationsOf(ana)).filter((n) => n.kind === 'assignment').map((n) => n.text), { timeout: 10_000 })
      .toEqual(['Mia Manager asked you to take Running an incident review, by 9 Mar'])
    const [a] = await mine(ana)
    expect(a).toMatchObject({
      module: { id: lesson.id, kind: 'lesson' },
      status: 'not_started',
      overdue: false,
      note: 'Before the next on-call',
      assignedBy: { name: 'Mia Manager' },
    })
    expect(await mine(leo)).toEqual([])

    await ana.put(`/api/learning/lessons/${lesson.id}/progress`, { position: 1, read: 0 })
    expect((await mine(ana))[0]!.status).toBe('in_progress')
    await ana.put(`/api/learning/lessons/${lesson.id}/progress`, { position: 1, read: 1 })
    expect((await mine(ana))[0]!.status).toBe('done')

    // Past the due date, what is not done is overdue.
    clock.advance(8 * DAY)
    expect((await mine(raj))[0]).toMatchObject({ status: 'not_started', overdue: true })
    expect((await mine(ana))[0]).toMatchObject({ status: 'done', overdue: false })
  })

  it('shows the manager their reports by name, and anyone else only as counts from the privacy minimum', async () => {
    const [item] = await made(mia)
    expect(item).toMatchObject({ module: { id: lesson.id }, assigned: 2, done: 1 })
    expect(item!.people.map((p) => [p.person.name, p.status, p.overdue])).toEqual(
      expect.arrayContaining([
        ['Ana Report', 'done', false],
        ['Raj Report', 'not_started', true],
      ]),
    )
    // An admin may assign to anyone; Leo is not the admin's report, so the admin sees a count, not Leo.
    expect((await admin.post('/api/learning/assignments', { moduleId: lesson.id, personIds: [leo.id] })).json()).toEqual({
      assigned: 1,
      updated: 0,
    })
    expect(await made(admin)).toEqual([{ module: expect.objectContaining({ id: lesson.id }), assigned: 1, done: null, people: [] }])
    expect((await mia.get('/api/learning/assignments/made')).statusCode).toBe(200)
    expect((await leo.get('/api/learning/assignments/made')).statusCode).toBe(403)
  })

  it('is withdrawn by whoever made it, or an admin', async () => {
    const rajs = (await mine(raj))[0]!
    expect((await raj.delete(`/api/learning/assignments/${rajs.id}`)).statusCode).toBe(403)
    expect((await leo.delete(`/api/learning/assignments/${rajs.id}`)).statusCode).toBe(404)
    expect((await mia.delete(`/api/learning/assignments/${rajs.id}`)).statusCode).toBe(204)
    expect(await mine(raj)).toEqual([])
  })

  it('refuses an item of a closed community for someone outside it', async () => {
    await admin.post('/api/communities', { name: 'Golf coaching', purpose: 'Coaching', visibility: 'closed' })
    const res = await admin.post('/api/learning/lessons', {
      title: 'The short game',
      community: 'golf-coaching',
      pages: [{ title: 'Chip', body: 'Low.' }],
    })
    const before = await rows()
    expect((await admin.post('/api/learning/assignments', { moduleId: res.json<Lesson>().id, personIds: [leo.id] })).json()).toMatchObject({
      error: { code: 'cannot_see_item' },
    })
    expect(await rows()).toBe(before)
  })

  it('puts what a person was asked in their export', async () => {
    const exported = (await ana.get('/api/me/export')).json<{ learning: { assignments: unknown[] } }>()
    expect(exported.learning.assignments).toEqual([expect.objectContaining({ moduleId: lesson.id, note: 'Before the next on-call' })])
  })
})
