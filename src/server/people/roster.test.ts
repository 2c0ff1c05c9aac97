import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RosterImport } from '../../shared/schemas.js'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { findAuditEntries } from '../platform/audit.js'
import { ROSTER_JOB, runRosterImport } from './roster-service.js'
import { bigRosterCsv, csvOf, HEADER, runImport } from './roster-test-support.js'

describe.each(DIALECTS)('%s: roster import', (dialect) => {
  let t: TestApp
  let admin: Client
  const CSV_LIMIT = 1024 * 1024

  beforeAll(async () => {
    t = await createTestApp(dialect, { csvLimit: CSV_LIMIT })
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  const people = () => t.app.db.selectFrom('person').selectAll().orderBy('email').execute()
  const byEmail = async (email: string) => t.app.db.selectFrom('person').selectAll().where('email', '=', email).executeTakeFirstOrThrow()

  it('previews a file with bad rows: every kind of error on its line, and no one changed', async () => {
    const before = await people()
    const csv = [
      HEADER,
      'boss@bad.test,Boss,,,,,', // 2: fine
      'not-an-email,Bad Email,,,,,', // 3
      'noname@bad.test,,,,,,', // 4
      'BOSS@bad.test,Boss Again,,,,,', // 5: duplicate of line 2
      'orphan@bad.test,Orphan,,,ghost@bad.test,,', // 6: unknown manager
      'selfie@bad.test,Selfie,,,selfie@bad.test,,', // 7: manages themself
      'a@bad.test,A,,,b@bad.test,,', // 8: A -> B -> A
      'b@bad.test,B,,,a@bad.test,,', // 9
      'feb30@bad.test,Feb,,,,,2023-02-30', // 10: not a real date
      'us-date@bad.test,Us,,,,,03/01/2023', // 11: not YYYY-MM-DD
      `long@bad.test,${'x'.repeat(121)},,,,,`, // 12: too long
      'wide@bad.test,Wide,a,b,,,,extra', // 13: too many values
      '"multi@bad.test","Multi', // 14-15: a quoted newline inside the name; then a bad manager email
      'Line",,,not-an-email,,',
      'ok@bad.test,Okay,,,boss@bad.test,,2024-01-01', // 16: fine
    ].join('\n')
    const result = await runImport(admin, csv, 'preview')
    expect(result.job.status).toBe('done')
    expect(result.job.progress).toBe(result.job.progressTotal)
    const report = result.report!
    expect(report).toMatchObject({ rows: 14, applied: false, creates: 2, updates: 0, unchanged: 0 })
    const got = report.errors.map((e) => [e.line, e.field])
    expect(got).toEqual([
      [3, 'email'],
      [4, 'name'],
      [5, 'email'],
      [6, 'manager_email'],
      [7, 'manager_email'],
      [8, 'manager_email'],
      [9, 'manager_email'],
      [10, 'start_date'],
      [11, 'start_date'],
      [12, 'name'],
      [13, 'csv'],
      [14, 'manager_email'],
    ])
    const message = (line: number) => report.errors.find((e) => e.line === line)?.message
    expect(message(5)).toMatch(/also on line 2/)
    expect(message(6)).toMatch(/ghost@bad.test/)
    expect(message(7)).toMatch(/cannot manage themself/)
    expect(message(8)).toMatch(/loops/)
    expect(report.errors.find((e) => e.line === 5)?.email).toBe('boss@bad.test')
    expect(await people()).toEqual(before)
  })

  it('applies nothing from a file with errors', async () => {
    const before = await people()
    const csv = csvOf([
      ['fine1@err.test', 'Fine One', '', '', '', '', ''],
      ['fine2@err.test', 'Fine Two', '', '', 'fine1@err.test', '', ''],
      ['broken@err.test', 'Broken', '', '', '', '', '2023-13-01'],
    ])
    const result = await runImport(admin, csv, 'apply')
    expect(result.job.status).toBe('done')
    expect(result.report).toMatchObject({ applied: false, errors: [{ line: 4, field: 'start_date', email: 'broken@err.test' }] })
    expect(await people()).toEqual(before)
  })

  it('reports a broken CSV, an empty file and a wrong header as errors, not server errors', async () => {
    const cases: [string, RegExp][] = [
      [`${HEADER}\nq@x.test,"Unclosed,,,,,\n`, /never closed/],
      ['  \n\n', /empty/],
      [`${HEADER}\n`, /no rows/],
      ['email,full_name,title\nq@x.test,Q,T\n', /unknown column "full_name"/],
    ]
    for (const [csv, pattern] of cases) {
      const result = await runImport(admin, csv, 'apply')
      expect(result.job.status).toBe('done')
      expect(result.report?.applied).toBe(false)
      expect(result.report?.errors.map((e) => e.message).join('\n')).toMatch(pattern)
    }
  })

  it("shows a finished job's report even when the import row, read by another statement, lacks it", async () => {
    const done = await runImport(admin, csvOf([['late@report.test', 'Late', '', '', '', '', '']]), 'preview')
    expect(done.report).toMatchObject({ rows: 1, creates: 1 })
    // What a row read just before the job wrote its report looks like; the job's result is the report.
    await t.app.db.updateTable('roster_import').set({ report: null }).where('id', '=', done.id).execute()
    const again = (await admin.get(`/api/admin/roster/imports/${done.id}`)).json<RosterImport>()
    expect(again.report).toEqual(done.report)
  })

  it('lists at most 500 errors, then says how many more there are', async () => {
    const rows = Array.from({ length: 620 }, (_, i) => [`not-an-email-${i}`, `Nobody ${i}`, '', '', '', '', ''])
    const result = await runImport(admin, csvOf(rows), 'preview')
    const errors = result.report!.errors
    expect(errors).toHaveLength(501)
    expect(errors[499]).toMatchObject({ line: 501, field: 'email' })
    expect(errors[500]).toMatchObject({ line: 502, message: expect.stringMatching(/120 more errors/) })
  })

  it('applies a good file, links managers, and re-importing it changes nothing', async () => {
    const existingBoss = await buildPerson(t.app, { email: 'vp@good.test', name: 'Vera VP' })
    const rows = [
      ['ic1@good.test', 'Ivy One', 'Engineer', 'Engineering', 'lead@good.test', 'Berlin', '2022-05-02'], // before her manager
      ['lead@good.test', 'Leo Lead', 'Team Lead', 'Engineering', 'vp@good.test', 'London', '2020-01-06'],
      ['ic2@good.test', 'Ian Two', 'Engineer', 'Engineering', 'lead@good.test', 'London', ''],
      ['solo@good.test', 'Sol Solo', '', 'Finance', '', 'Lisbon', '2019-11-30'],
    ]
    const csv = csvOf(rows)
    const first = await runImport(admin, csv)
    expect(first.report).toMatchObject({ rows: 4, creates: 4, updates: 0, unchanged: 0, errors: [], applied: true })
    const [ic1, lead, ic2, solo] = await Promise.all(['ic1', 'lead', 'ic2', 'solo'].map((n) => byEmail(`${n}@good.test`)))
    expect(lead!.manager_id).toBe(existingBoss.id)
    expect(ic1!.manager_id).toBe(lead!.id)
    expect(ic2!.manager_id).toBe(lead!.id)
    expect(solo!.manager_id).toBeNull()
    expect(ic1).toMatchObject({
      name: 'Ivy One',
      title: 'Engineer',
      department: 'Engineering',
      location: 'Berlin',
      start_date: '2022-05-02',
      status: 'active',
      role: 'member',
      password_hash: null,
    })
    expect(ic2!.start_date).toBeNull()
    expect(ic1!.search_text).toContain('ivy one')
    const chain = (await admin.get(`/api/people/${ic1!.id}/chain`)).json<{ items: { name: string }[] }>()
    expect(chain.items.map((p) => p.name)).toEqual(['Vera VP', 'Leo Lead', 'Ivy One'])
    const audit = await findAuditEntries(t.app.db, 'roster.import', first.id)
    expect(audit).toHaveLength(1)

    const before = await people()
    const again = await runImport(admin, csv)
    expect(again.report).toMatchObject({ rows: 4, creates: 0, updates: 0, unchanged: 4, errors: [], applied: true })
    expect(await people()).toEqual(before)
  })

  it('updates people in place when the file changes', async () => {
    const csv = csvOf([
      ['chg-boss@chg.test', 'Boss', 'Head', 'Sales', '', 'Paris', '2018-01-01'],
      ['chg-a@chg.test', 'Ann', 'Rep', 'Sales', 'chg-boss@chg.test', 'Paris', '2021-01-01'],
      ['chg-b@chg.test', 'Ben', 'Rep', 'Sales', 'chg-boss@chg.test', 'Paris', '2021-01-01'],
    ])
    await runImport(admin, csv)
    const [boss, a, b] = await Promise.all(['chg-boss', 'chg-a', 'chg-b'].map((n) => byEmail(`${n}@chg.test`)))
    await t.app.db.updateTable('person').set({ bio: 'kept' }).where('id', '=', a!.id).execute()
    const changed = csvOf([
      ['chg-boss@chg.test', 'Boss', 'Head', 'Sales', '', 'Paris', '2018-01-01'],
      ['chg-a@chg.test', 'Ann Smith', 'Senior Rep', 'Sales', 'chg-b@chg.test', 'Madrid', '2021-01-01'],
      ['chg-b@chg.test', 'Ben', 'Rep', 'Sales', 'chg-boss@chg.test', 'Paris', '2021-01-01'],
      ['chg-new@chg.test', 'Nia New', 'Rep', 'Sales', 'chg-a@chg.test', 'Madrid', ''],
    ])
    const result = await runImport(admin, changed)
    expect(result.report).toMatchObject({ rows: 4, creates: 1, updates: 1, unchanged: 2, applied: true })
    const a2 = await byEmail('chg-a@chg.test')
    expect(a2).toMatchObject({ id: a!.id, name: 'Ann Smith', title: 'Senior Rep', location: 'Madrid', manager_id: b!.id, bio: 'kept' })
    expect(a2.search_text).toContain('ann smith')
    expect((await byEmail('chg-new@chg.test')).manager_id).toBe(a!.id)
    expect((await byEmail('chg-boss@chg.test')).updated_at).toBe(boss!.updated_at)
  })

  it('finds manager loops through the file and through people already in Wellspring', async () => {
    const top = await buildPerson(t.app, { email: 'top@cyc.test' })
    await buildPerson(t.app, { email: 'mid@cyc.test', manager_id: top.id })
    const before = await people()
    // top (file) -> mid (database) -> top: a loop only visible with the database.
    const viaDb = await runImport(admin, csvOf([['top@cyc.test', 'Top', '', '', 'mid@cyc.test', '', '']]))
    expect(viaDb.report?.errors).toEqual([
      {
        line: 2,
        email: 'top@cyc.test',
        field: 'manager_email',
        message: expect.stringMatching(/top@cyc.test → mid@cyc.test → top@cyc.test/),
      },
    ])
    const longer = await runImport(
      admin,
      csvOf([
        ['c1@cyc.test', 'C1', '', '', 'c2@cyc.test', '', ''],
        ['c2@cyc.test', 'C2', '', '', 'c3@cyc.test', '', ''],
        ['c3@cyc.test', 'C3', '', '', 'c1@cyc.test', '', ''],
        ['c4@cyc.test', 'C4', '', '', 'c1@cyc.test', '', ''], // reports into the loop but is not in it
      ]),
    )
    expect(longer.report?.errors.map((e) => e.line)).toEqual([2, 3, 4])
    expect(await people()).toEqual(before)
  })

  it('serves a template that imports cleanly', async () => {
    const res = await admin.get('/api/admin/roster/template')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toBe('attachment; filename="roster-template.csv"')
    const lines = res.body.trim().split('\n')
    expect(lines[0]).toBe(HEADER)
    expect(lines).toHaveLength(4)
    const result = await runImport(admin, res.body)
    expect(result.report).toMatchObject({ rows: 3, creates: 3, errors: [], applied: true })
    const grace = await byEmail('grace.hopper@example.com')
    expect(grace.manager_id).toBe((await byEmail('ada.lovelace@example.com')).id)
  })

  it('applies a file of several batches, with managers after their reports, all in one go', async () => {
    const total = (await people()).length
    const result = await runImport(admin, bigRosterCsv(1234))
    expect(result.report).toMatchObject({ rows: 1234, creates: 1234, errors: [], applied: true })
    expect((await people()).length).toBe(total + 1234)
    const p1000 = await byEmail('p1000@big.test')
    expect(p1000.manager_id).toBe((await byEmail('p124@big.test')).id)
  })

  it('is idempotent when its job runs again after it applied', async () => {
    const result = await runImport(admin, csvOf([['rerun@idem.test', 'Re Run', '', '', '', '', '']]))
    const before = await people()
    const job = (await t.app.jobs.find(result.job.id))!
    const ctx = { job, clock: t.app.jobs.clock, reportProgress: async () => undefined, releaseDedupKey: async () => undefined }
    const report = await runRosterImport(t.app.db, { importId: result.id }, ctx)
    expect(report).toEqual(result.report)
    expect(await people()).toEqual(before)
    expect(job.kind).toBe(ROSTER_JOB)
  })

  it('lists recent imports, newest first, and 404s an unknown one', async () => {
    const latest = await runImport(admin, csvOf([['list@l.test', 'Lis', '', '', '', '', '']]), 'preview')
    const list = (await admin.get('/api/admin/roster/imports')).json<{ items: RosterImport[] }>()
    expect(list.items[0]).toMatchObject({ id: latest.id, mode: 'preview', filename: 'roster.csv', report: { creates: 1 } })
    const missing = await admin.get('/api/admin/roster/imports/nope')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('roster_import_not_found')
  })

  it('takes bodies larger than the JSON limit up to the CSV limit, and refuses bigger ones with 413', async () => {
    const row = (i: number) => `big${i}@size.test,Someone With A Long Name ${i},Title,Department,,Location,2020-01-01`
    const rowsFor = (bytes: number) => Array.from({ length: Math.ceil(bytes / row(0).length) }, (_, i) => row(i))
    const medium = [HEADER, ...rowsFor(t.config.bodyLimit + 10_000)].join('\n')
    const ok = await admin.post('/api/admin/roster/imports', { filename: 'm.csv', csv: medium, mode: 'preview' })
    expect(ok.statusCode).toBe(202)
    const huge = [HEADER, ...rowsFor(CSV_LIMIT + 10_000)].join('\n')
    const res = await admin.post('/api/admin/roster/imports', { filename: 'h.csv', csv: huge, mode: 'apply' })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ error: { code: 'body_too_large', message: expect.any(String) } })
  })

  it('is for admins only', async () => {
    const member = await buildPerson(t.app, { email: 'member@roles.test' })
    const client = await login(t.app, member.email)
    const body = { filename: 'x.csv', csv: `${HEADER}\nx@x.test,X,,,,,\n`, mode: 'apply' }
    const calls = [
      { method: 'GET' as const, url: '/api/admin/roster/template' },
      { method: 'GET' as const, url: '/api/admin/roster/imports' },
      { method: 'GET' as const, url: '/api/admin/roster/imports/some-id' },
      { method: 'POST' as const, url: '/api/admin/roster/imports', payload: body },
    ]
    const imports = await t.app.db.selectFrom('roster_import').select('id').execute()
    for (const call of calls) {
      expect((await client.request(call)).statusCode).toBe(403)
      expect((await t.app.inject(call)).statusCode).toBe(401)
    }
    expect(await t.app.db.selectFrom('roster_import').select('id').execute()).toEqual(imports)
  })
})
