import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { updatePerson, type PersonRow } from './store.js'

// The hot read paths answer from one query each (profile, session) and from indexes (departments, directory
// pages); these pin down the edge cases those queries must keep: who counts as a report, which departments
// are listed, and the order of a directory page.
describe.each(DIALECTS)('%s: people read paths', (dialect) => {
  let t: TestApp
  let admin: Client
  let member: Client
  let boss: PersonRow
  let reports: PersonRow[]
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    boss = await buildPerson(t.app, { name: 'Zed Boss', department: 'Zoology', title: 'Head of zoology' })
    reports = []
    for (const [name, status] of [
      ['Amy Active', 'active'],
      ['Ian Invited', 'invited'],
      ['Eve Erased', 'erased'],
    ] as const) {
      reports.push(await buildPerson(t.app, { name, department: 'Zoology', manager_id: boss.id, status }))
    }
    // A department whose only person is invited is not listed; nor is the empty department.
    await buildPerson(t.app, { name: 'Olga Only', department: 'Aviary', status: 'invited' })
    await buildPerson(t.app, { name: 'Nina Nodept', department: '' })
    await buildPerson(t.app, { name: 'Bob Botany', department: 'Botany', title: 'Gardener' })
    await buildPerson(t.app, { name: 'Bob Botany', department: 'Botany', title: 'Gardener' })
    member = await login(t.app, reports[0]!.email)
  })
  afterAll(async () => t.close())

  it('counts reports who are not erased, and shows the manager summary', async () => {
    const profile = (await member.get(`/api/people/${boss.id}`)).json()
    expect(profile).toMatchObject({ reportCount: 2, isManager: true, manager: null })
    const report = (await member.get(`/api/people/${reports[1]!.id}`)).json()
    expect(report).toMatchObject({ reportCount: 0, isManager: false })
    expect(report.manager).toEqual({
      id: boss.id,
      name: 'Zed Boss',
      title: 'Head of zoology',
      department: 'Zoology',
      location: '',
      hasPhoto: false,
    })
  })

  it('derives the viewer manager role from reports who are not erased', async () => {
    const bossClient = await login(t.app, boss.email)
    expect((await bossClient.get('/api/auth/session')).json().viewer.isManager).toBe(true)
    await updatePerson(t.app.db, reports[0]!.id, { status: 'erased' })
    await updatePerson(t.app.db, reports[1]!.id, { status: 'erased' })
    expect((await bossClient.get('/api/auth/session')).json().viewer.isManager).toBe(false)
    expect((await admin.get(`/api/people/${boss.id}`)).json()).toMatchObject({ reportCount: 0, isManager: false })
    await updatePerson(t.app.db, reports[0]!.id, { status: 'active' })
    await updatePerson(t.app.db, reports[1]!.id, { status: 'invited' })
  })

  it('lists each department with an active person once, in order', async () => {
    const page = (await member.get('/api/people')).json()
    expect(page.departments).toEqual(['Botany', 'Zoology'])
  })

  it('pages the directory in name order, ties broken by id, with the total of all matches', async () => {
    const all = (await member.get('/api/people?q=o')).json()
    const names = all.items.map((p: { name: string }) => p.name)
    expect(names).toEqual([...names].sort())
    expect(names).not.toContain('Ian Invited')
    expect(names).not.toContain('Eve Erased')
    const bobs = (await member.get('/api/people?q=bob%20GARDENER')).json()
    expect(bobs.total).toBe(2)
    const ids = bobs.items.map((p: { id: string }) => p.id)
    expect(ids).toEqual([...ids].sort())
    const second = (await member.get('/api/people?q=bob%20gardener&limit=1&offset=1')).json()
    expect(second).toMatchObject({ total: 2, items: [{ id: ids[1] }] })
    expect((await member.get('/api/people?q=zoology&department=Botany')).json()).toMatchObject({ total: 0, items: [] })
  })
})
