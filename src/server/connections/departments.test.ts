import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DepartmentList, Programme } from '../../shared/connections.js'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { sessionClient } from '../../../test/api/support.js'

// A programme limited to one department takes only a department the organisation has: a typo would make a
// programme nobody can join. The owner chooses from the list the API offers.

const base = '/api/connections'
const body = { kind: 'lunch', name: 'Sales lunch', cadenceDays: 0, durationWeeks: 4, repeatRounds: 1, crossDepartment: 0 }

describe.each(DIALECTS)('%s: programme departments', (dialect) => {
  let t: TestApp
  let owner: Client

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const row = await buildPerson(t.app, { name: 'Olga Owner', department: 'People' })
    await buildPerson(t.app, { manager_id: row.id, department: 'Sales' })
    await buildPerson(t.app, { department: 'Engineering' })
    await buildPerson(t.app, { department: 'Legal', status: 'erased' })
    owner = await sessionClient(t.app, row)
  }, 60_000)
  afterAll(async () => {
    await t?.close()
  })

  it("lists the organisation's departments (of active people) for choosing one", async () => {
    const res = await owner.get(`${base}/departments`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<DepartmentList>().items).toEqual(['Engineering', 'People', 'Sales'])
  })

  it('refuses an unknown department with a 400 and creates nothing', async () => {
    const before = (await owner.get(`${base}/programmes`)).json<{ items: Programme[] }>().items.length
    for (const department of ['Sals', 'Legal']) {
      const res = await owner.post(`${base}/programmes`, { ...body, department })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json<{ error: { code: string } }>().error.code).toBe('unknown_department')
    }
    expect((await owner.get(`${base}/programmes`)).json<{ items: Programme[] }>().items).toHaveLength(before)
    const ok = await owner.post(`${base}/programmes`, { ...body, department: ' Sales ' })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json<Programme>().department).toBe('Sales')
  })
})
