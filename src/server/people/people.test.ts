import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import type { PersonRow } from './store.js'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

describe.each(DIALECTS)('%s: people', (dialect) => {
  let t: TestApp
  let admin: Client
  let boss: PersonRow
  let lead: PersonRow
  let ana: PersonRow
  let anaClient: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    boss = await buildPerson(t.app, { name: 'Bea Boss', department: 'Engineering', title: 'CTO', location: 'Lisbon' })
    lead = await buildPerson(t.app, { name: 'Leo Lead', department: 'Engineering', title: 'Data lead', manager_id: boss.id })
    ana = await buildPerson(t.app, {
      name: 'Ana Newcomer',
      department: 'Data',
      title: 'Data engineer',
      manager_id: lead.id,
      location: 'Porto',
    })
    anaClient = await login(t.app, ana.email)
  })
  afterAll(async () => t.close())

  it('shows a profile with its manager, and derives the manager role from having reports', async () => {
    const res = await anaClient.get(`/api/people/${lead.id}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      name: 'Leo Lead',
      manager: { id: boss.id, name: 'Bea Boss' },
      reportCount: 1,
      isManager: true,
      canEdit: false,
    })
    expect(body).not.toHaveProperty('analyticsOptOut')
    expect(body).not.toHaveProperty('password_hash')
    const lc = await login(t.app, lead.email)
    expect((await lc.get('/api/auth/session')).json().viewer.isManager).toBe(true)
    expect((await anaClient.get('/api/auth/session')).json().viewer.isManager).toBe(false)
  })

  it('lets a person answer the three questions on their own profile only', async () => {
    const patch = {
      whoAmI: 'I build pipelines',
      wantToBecome: 'A data engineer who mentors',
      communitiesWanted: 'Data engineering, testing',
      aspirationTags: ['data engineering', ' Data Engineering ', 'testing'],
      skillsOffered: ['SQL'],
      skillsWanted: ['Spark'],
      analyticsOptOut: true,
    }
    const res = await anaClient.patch(`/api/people/${ana.id}`, patch)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      whoAmI: 'I build pipelines',
      aspirationTags: ['data-engineering', 'testing'],
      skillsOffered: ['sql'],
      skillsWanted: ['spark'],
      analyticsOptOut: true,
      canEdit: true,
    })
    const other = await anaClient.patch(`/api/people/${lead.id}`, { bio: 'hacked' })
    expect(other.statusCode).toBe(403)
    expect((await admin.get(`/api/people/${lead.id}`)).json().bio).toBe('')
  })

  it('keeps HR fields for admins, and refuses manager cycles', async () => {
    expect((await anaClient.patch(`/api/people/${ana.id}`, { title: 'CEO' })).statusCode).toBe(403)
    const cycle = await admin.patch(`/api/people/${boss.id}`, { managerId: ana.id })
    expect(cycle.statusCode).toBe(400)
    expect(cycle.json().error.code).toBe('manager_cycle')
    const moved = await admin.patch(`/api/people/${ana.id}`, { title: 'Senior data engineer', managerId: boss.id })
    expect(moved.statusCode).toBe(200)
    expect(moved.json()).toMatchObject({ title: 'Senior data engineer', manager: { id: boss.id } })
    await admin.patch(`/api/people/${ana.id}`, { managerId: lead.id })
  })

  it('searches the directory by every word, case-insensitively, with a department filter', async () => {
    const res = (await anaClient.get('/api/people?q=DATA%20porto')).json()
    expect(res.items.map((p: { id: string }) => p.id)).toEqual([ana.id])
    expect(res.total).toBe(1)
    expect(res.departments).toEqual(expect.arrayContaining(['Data', 'Engineering']))
    const eng = (await anaClient.get('/api/people?department=Engineering')).json()
    expect(eng.items.map((p: { name: string }) => p.name)).toEqual(['Bea Boss', 'Leo Lead'])
    const paged = (await anaClient.get('/api/people?limit=1&offset=1')).json()
    expect(paged.items).toHaveLength(1)
  })

  it('walks the org chart from the roots, and gives the chain above a person', async () => {
    const roots = (await anaClient.get('/api/org/children')).json().items
    const bossNode = roots.find((n: { person: { id: string } }) => n.person.id === boss.id)
    expect(bossNode.reportCount).toBe(1)
    const under = (await anaClient.get(`/api/org/children?managerId=${boss.id}`)).json().items
    expect(under.map((n: { person: { id: string } }) => n.person.id)).toEqual([lead.id])
    const chain = (await anaClient.get(`/api/people/${ana.id}/chain`)).json().items
    expect(chain.map((p: { id: string }) => p.id)).toEqual([boss.id, lead.id, ana.id])
    expect((await anaClient.get('/api/org/children?managerId=nobody')).statusCode).toBe(404)
  })

  it('lets admins grant roles but never remove the last admin', async () => {
    const adminId = admin.id
    const last = await admin.patch(`/api/admin/people/${adminId}/roles`, { role: 'member' })
    expect(last.statusCode).toBe(409)
    expect((await admin.patch(`/api/admin/people/${ana.id}/roles`, { managerGranted: true })).statusCode).toBe(200)
    const fresh = await login(t.app, ana.email)
    expect((await fresh.get('/api/auth/session')).json().viewer.isManager).toBe(true)
    await admin.patch(`/api/admin/people/${ana.id}/roles`, { managerGranted: false })
    const list = (await admin.get('/api/admin/people?q=ana')).json()
    expect(list.items[0]).toMatchObject({ email: ana.email, role: 'member', managerGranted: false })
  })

  it('stores a photo that is really an image', async () => {
    const bad = await anaClient.request({
      method: 'PUT',
      url: '/api/me/photo',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from('not an image'),
    })
    expect(bad.statusCode).toBe(400)
    const ok = await anaClient.request({ method: 'PUT', url: '/api/me/photo', headers: { 'content-type': 'image/png' }, payload: PNG })
    expect(ok.statusCode).toBe(200)
    const photo = await admin.get(`/api/people/${ana.id}/photo`)
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/png')
    expect(photo.rawPayload.equals(PNG)).toBe(true)
    expect((await anaClient.delete('/api/me/photo')).statusCode).toBe(200)
    expect((await admin.get(`/api/people/${ana.id}/photo`)).statusCode).toBe(404)
  })

  it('exports my data without secrets', async () => {
    const res = await anaClient.get('/api/me/export')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain('attachment')
    const data = res.json()
    expect(data.profile).toMatchObject({ email: ana.email, who_am_i: 'I build pipelines', skills_offered: ['sql'] })
    expect(JSON.stringify(data)).not.toContain('scrypt$')
    expect(data.manager).toMatchObject({ id: lead.id })
  })

  it('erases an account once an admin confirms, anonymising it and moving its reports up', async () => {
    const leadClient = await login(t.app, lead.email)
    const req = await leadClient.post('/api/me/erasure', { reason: 'leaving' })
    expect(req.statusCode).toBe(201)
    expect((await leadClient.post('/api/me/erasure', {})).statusCode).toBe(409)
    expect((await anaClient.get('/api/admin/erasures')).statusCode).toBe(403)
    const list = (await admin.get('/api/admin/erasures')).json().items
    expect(list[0]).toMatchObject({ status: 'pending', person: { id: lead.id } })
    expect((await admin.post(`/api/admin/erasures/${list[0].id}/confirm`)).statusCode).toBe(200)
    expect((await admin.post(`/api/admin/erasures/${list[0].id}/confirm`)).statusCode).toBe(409)
    expect((await leadClient.get('/api/people')).statusCode).toBe(401)
    expect((await admin.get(`/api/people/${lead.id}`)).statusCode).toBe(404)
    const anaNow = (await admin.get(`/api/people/${ana.id}`)).json()
    expect(anaNow.manager.id).toBe(boss.id)
    const dir = (await admin.get('/api/people?q=leo')).json()
    expect(dir.total).toBe(0)
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: lead.email, password: 'correct horse battery staple' },
    })
    expect(relogin.statusCode).toBe(401)
  })
})
