import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { eventually } from '../../../test/helpers/jobs.js'
import type { SetupChecklist } from '../../shared/onboarding.js'

const POSTS = path.resolve('test/fixtures/stackexchange/beer-slice/Posts.xml')
const ROSTER = [
  'email,name,title,department,manager_email,location,start_date',
  'lin.wei@example.com,Lin Wei,Finance lead,Finance,,Berlin,2024-01-15',
  'kai.moreno@example.com,Kai Moreno,Analyst,Finance,lin.wei@example.com,Lisbon,2024-02-01',
  '',
].join('\n')

describe.each(DIALECTS)('%s: the admin setup checklist (issue 10: 6)', (dialect) => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  const checklist = async () => (await admin.get('/api/admin/setup-checklist')).json<SetupChecklist>()
  const step = async (id: string) => (await checklist()).steps.find((s) => s.id === id)

  it('starts with nothing done, single sign-on optional where it is not configured, and cannot be dismissed', async () => {
    const list = await checklist()
    expect(list.steps.map((s) => [s.id, s.done])).toEqual([
      ['roster', false],
      ['invitations', false],
      ['sso', false],
      ['communities', false],
      ['content', false],
    ])
    expect(list.steps.find((s) => s.id === 'sso')).toMatchObject({ optional: true, link: null })
    expect(list).toMatchObject({ done: 0, total: 5, complete: false, dismissed: false })
    for (const s of list.steps.filter((s) => s.link)) expect(s.link).toMatch(/^\//)
    const refused = await admin.post('/api/admin/setup-checklist/dismiss')
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('checklist_not_done')
    expect((await checklist()).dismissed).toBe(false)
  })

  it('advances with the data: roster applied, people invited, a community, a Q&A import', async () => {
    const started = await admin.post('/api/admin/roster/imports', { filename: 'roster.csv', csv: ROSTER, mode: 'apply' })
    expect(started.statusCode).toBe(202)
    await eventually(async () => {
      if (!(await step('roster'))?.done) throw new Error('roster not applied yet')
    })
    expect((await step('invitations'))?.detail).toContain('2 never invited')

    const batch = await admin.post('/api/admin/invitations/bulk', { everyone: 'not_invited' })
    expect(batch.statusCode).toBe(202)
    await eventually(async () => {
      const s = await step('invitations')
      if (!s?.done) throw new Error(`invitations: ${s?.detail}`)
      expect(s.detail).toBe('1 of 3 people joined; 2 invited and not joined yet; 0 never invited.')
    })

    expect((await admin.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })).statusCode).toBe(
      201,
    )
    expect(await step('communities')).toMatchObject({ done: true, detail: '1 community so far.' })

    const upload = await admin.request({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/xml', 'x-filename': 'Posts.xml' },
      payload: fs.readFileSync(POSTS),
    })
    const qa = await admin.post('/api/admin/imports/qa', {
      uploadId: upload.json().uploadId,
      files: ['Posts.xml'],
      site: 'beer.stackexchange.com',
      newCommunity: { name: 'Beer' },
    })
    expect(qa.statusCode, qa.body).toBe(202)
    await eventually(async () => {
      if (!(await step('content'))?.done) throw new Error('import not finished')
    }, 30_000)
    expect(await checklist()).toMatchObject({ done: 4, complete: true, dismissed: false })
  })

  it('is for admins only, and is dismissed once complete', async () => {
    const member = await login(t.app, (await buildPerson(t.app)).email)
    expect((await member.get('/api/admin/setup-checklist')).statusCode).toBe(403)
    expect((await member.post('/api/admin/setup-checklist/dismiss')).statusCode).toBe(403)
    expect((await checklist()).dismissed).toBe(false)
    const res = await admin.post('/api/admin/setup-checklist/dismiss')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ dismissed: true })
    expect(await checklist()).toMatchObject({ dismissed: true })
  })
})
