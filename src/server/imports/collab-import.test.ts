import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_EMAILS, zipFiles } from '../../../scripts/slack-fixture.js'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { listInteractions } from '../insights/lookup.js'
import { recordInteractions, recordKeyedInteractions } from '../insights/service.js'
import { ManualClock } from '../platform/clock.js'
import { collabPersonalData } from './personal-data.js'

const FIXTURE = fs.readFileSync(path.resolve('test/fixtures/slack/acme-export.zip'))
const TRAVERSAL = fs.readFileSync(path.resolve('test/fixtures/scorm/traversal.zip'))

async function upload(client: Client, name: string, data: Buffer | string) {
  return client.request({
    method: 'POST',
    url: '/api/admin/imports/collab/files',
    headers: { 'content-type': name.endsWith('.zip') ? 'application/zip' : 'text/csv', 'x-filename': name },
    payload: data,
  })
}

async function waitFor(admin: Client, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = (await admin.get(`/api/admin/imports/collab/${id}`)).json()
    if (res.job.status === 'done' || res.job.status === 'failed') return res
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('import did not finish')
}

describe.each(DIALECTS)('%s: collaboration metadata imports', (dialect) => {
  let t: TestApp
  let admin: Client
  let member: Client
  const people = new Map<string, string>()
  const log = (source: string) => listInteractions(t.app.db, { source })
  const slackImport = async () => {
    const up = (await upload(admin, 'acme.zip', FIXTURE)).json<{ uploadId: string; filename: string }>()
    const started = await admin.post('/api/admin/imports/collab/slack', up)
    expect(started.statusCode, started.body).toBe(202)
    return waitFor(admin, started.json().id)
  }

  beforeAll(async () => {
    // The fixture's messages are from October 2026: the clock stands a few weeks later, so discovery's default
    // window holds them whatever the day the test runs.
    t = await createTestApp(dialect, {}, { clock: new ManualClock(Date.UTC(2026, 10, 15)) })
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
    member = await login(t.app, (await buildPerson(t.app)).email)
    for (const [name, email] of Object.entries(FIXTURE_EMAILS)) {
      // fay has opted out of analytics: no row may name her.
      people.set(name, (await buildPerson(t.app, { email, name: `${name} Real`, analytics_opt_out: name === 'fay' ? 1 : 0 })).id)
    }
  })
  afterAll(async () => t.close())

  it('imports a Slack export: people by email, placeholders for the rest, no rows for the opted-out, idempotent', async () => {
    const done = await slackImport()
    expect(done.job.status).toBe('done')
    expect(done.report).toMatchObject({ channels: 6, matched: 12, placeholders: 2, people: 14 })
    expect(done.report.opted_out).toBeGreaterThan(0)
    expect(done.report.new_interactions).toBe(done.report.interactions)
    const rows = await log('slack')
    expect(rows.length).toBe(done.report.interactions)
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['reply', 'mention', 'reaction', 'direct']))
    const fay = people.get('fay') as string
    expect(rows.filter((r) => r.actor_id === fay || r.target_id === fay)).toEqual([])
    expect(rows.some((r) => r.topics.includes('backend'))).toBe(true)
    const ana = people.get('ana') as string
    expect(rows.some((r) => r.actor_id === ana && r.target_id === people.get('ben'))).toBe(true)

    const again = await slackImport()
    // The placeholders exist now: the second run finds them by their accounts.
    expect(again.report).toEqual({ ...done.report, placeholders: 0, new_interactions: 0 })
    expect((await log('slack')).length).toBe(rows.length)
    const list = (await admin.get('/api/admin/imports/collab')).json<{ items: { kind: string }[] }>()
    expect(list.items.map((i) => i.kind)).toEqual(['slack', 'slack'])
  })

  it('lets discovery see the imported ties', async () => {
    const started = await admin.post('/api/insights/discovery', {})
    expect(started.statusCode).toBe(202)
    for (let i = 0; i < 600; i++) {
      const job = (await admin.get(`/api/jobs/${started.json().jobId}`)).json<{ status: string }>()
      if (job.status === 'done') break
      expect(job.status).not.toBe('failed')
      await new Promise((r) => setTimeout(r, 100))
    }
    const report = (await admin.get('/api/insights/discovery')).json<{ communities: { size: number; topics: string[] }[] }>()
    // The Slack back-end team (fay opted out, so five people) is found as a community labelled by its channel.
    expect(report.communities.find((c) => c.topics.includes('backend'))).toMatchObject({ size: 5 })
  })

  it('links a placeholder to a person, moving their rows (or dropping them for an opted-out person)', async () => {
    const list = (await admin.get('/api/admin/imports/collab/placeholders')).json<{
      items: { id: string; name: string; account: string }[]
    }>()
    expect(list.items.map((p) => p.name).sort()).toEqual(['Mo Example', 'Nia Example'])
    const mo = list.items.find((p) => p.name === 'Mo Example')!
    const nia = list.items.find((p) => p.name === 'Nia Example')!
    const moRows = (await log('slack')).filter((r) => r.actor_id === mo.id || r.target_id === mo.id).length
    expect(moRows).toBeGreaterThan(0)
    const real = await buildPerson(t.app, { name: 'Mo Real' })
    const linked = await admin.post(`/api/admin/imports/collab/placeholders/${mo.id}/link`, { personId: real.id })
    expect(linked.statusCode, linked.body).toBe(200)
    expect(linked.json()).toEqual({ moved: moRows, optedOut: false })
    const after = await log('slack')
    expect(after.filter((r) => r.actor_id === mo.id || r.target_id === mo.id)).toEqual([])
    expect(after.filter((r) => r.actor_id === real.id || r.target_id === real.id).length).toBe(moRows)
    // A later import finds the person, not the placeholder, and adds nothing.
    expect((await slackImport()).report.new_interactions).toBe(0)
    expect((await admin.post(`/api/admin/imports/collab/placeholders/${mo.id}/link`, { personId: real.id })).json().error.code).toBe(
      'already_linked',
    )
    // The link is the person's data: in their export, and forgotten on erasure.
    expect((await collabPersonalData.export(t.app.db, real.id)).accounts).toEqual([
      expect.objectContaining({ claim_key: `slack:${mo.account}`, source: 'slack' }),
    ])
    await collabPersonalData.erase(t.app.db, real.id)
    expect((await collabPersonalData.export(t.app.db, real.id)).accounts).toEqual([])

    const hidden = await buildPerson(t.app, { name: 'Nia Real', analytics_opt_out: 1 })
    const dropped = await admin.post(`/api/admin/imports/collab/placeholders/${nia.id}/link`, { personId: hidden.id })
    expect(dropped.json()).toMatchObject({ optedOut: true })
    expect(
      (await log('slack')).filter((r) => [nia.id, hidden.id].includes(r.actor_id) || [nia.id, hidden.id].includes(r.target_id ?? '')),
    ).toEqual([])
    expect((await admin.get('/api/admin/imports/collab/placeholders')).json().items).toEqual([])
    expect((await admin.post(`/api/admin/imports/collab/placeholders/${admin.id}/link`, { personId: real.id })).statusCode).toBe(404)
  })

  it('imports a generic CSV through a mapping, checks every row first, and is idempotent', async () => {
    const e = (n: string) => FIXTURE_EMAILS[n] as string
    const bad = `who,whom,when,what\n${e('ana')},${e('gus')},2026-11-01,call\n${e('ana')},someone,not a date,call\n`
    const badUp = (await upload(admin, 'calls.csv', bad)).json<{ uploadId: string; filename: string }>()
    const preview = await admin.post('/api/admin/imports/collab/csv/preview', { ...badUp, format: 'csv' })
    expect(preview.json()).toMatchObject({ headers: ['who', 'whom', 'when', 'what'], rows: 2, suggested: {} })
    const mapping = { from: 'who', to: 'whom', at: 'when', kind: 'what' }
    const check = (await admin.post('/api/admin/imports/collab/csv/check', { ...badUp, format: 'csv', mapping })).json()
    expect(check.errors.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [3, 'to'],
      [3, 'at'],
    ])
    const before = (await log('csv')).length
    const refused = await admin.post('/api/admin/imports/collab/csv', { ...badUp, format: 'csv', mapping })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toMatchObject({ code: 'invalid_rows', message: expect.stringContaining('line 3') })
    expect((await log('csv')).length).toBe(before)

    const good = `who,whom,when,what,about\n${e('ana')},${e('gus')},2026-11-01T10:00:00Z,call,onboarding\n${e('hal')},${e('fay')},2026-11-02,call,\n${e('ivy')},new.person@elsewhere.example,2026-11-02,lunch,\n${e('ivy')},new@person.elsewhere.example,2026-11-02,lunch,\n`
    const up = (await upload(admin, 'calls.csv', good)).json<{ uploadId: string; filename: string }>()
    const full = { ...mapping, topic: 'about' }
    const run = async () =>
      waitFor(admin, (await admin.post('/api/admin/imports/collab/csv', { ...up, format: 'csv', mapping: full })).json().id)
    const first = await run()
    // Two addresses that fold to the same letters are two placeholders.
    expect(first.report).toMatchObject({ rows: 4, interactions: 3, new_interactions: 3, opted_out: 1, placeholders: 2 })
    const rows = await log('csv')
    expect(rows.find((r) => r.actor_id === people.get('ana'))).toMatchObject({
      kind: 'call',
      target_id: people.get('gus'),
      topics: '["onboarding"]',
    })
    expect((await run()).report.new_interactions).toBe(0)
    expect((await log('csv')).length).toBe(rows.length)
  })

  it('imports email metadata: each recipient a tie, no content', async () => {
    const e = (n: string) => FIXTURE_EMAILS[n] as string
    const csv = `Message-ID,From,To,Cc,Date,Subject\n<m1@x>,${e('jon')},"${e('kim')}; ${e('lea')}",,"Mon, 2 Nov 2026 09:00:00 +0000",Secret plans\n`
    const up = (await upload(admin, 'mail.csv', csv)).json<{ uploadId: string; filename: string }>()
    const preview = (await admin.post('/api/admin/imports/collab/csv/preview', { ...up, format: 'email' })).json()
    expect(preview.suggested).toEqual({ sender: 'From', recipients: 'To', cc: 'Cc', date: 'Date', message_id: 'Message-ID' })
    const done = await waitFor(
      admin,
      (await admin.post('/api/admin/imports/collab/csv', { ...up, format: 'email', mapping: preview.suggested })).json().id,
    )
    expect(done.report).toMatchObject({ interactions: 2, new_interactions: 2 })
    const rows = await log('email')
    expect(rows.map((r) => r.target_id).sort()).toEqual([people.get('kim'), people.get('lea')].sort())
    expect(JSON.stringify(rows)).not.toContain('Secret')
  })

  it('keeps one row per source event, by a unique index, whoever writes', async () => {
    const [a, b] = [people.get('ana') as string, people.get('ben') as string]
    const row = { actorId: a, targetId: b, kind: 'reply', communityId: null, source: 'slack' as const, ref: 'T9:C9:1.0:reply:x' }
    expect(await Promise.all([recordKeyedInteractions(t.app.db, [row]), recordKeyedInteractions(t.app.db, [row])])).toEqual(
      expect.arrayContaining([1, 0]),
    )
    expect(await recordKeyedInteractions(t.app.db, [row, { ...row, ref: 'T9:C9:2.0:reply:x' }])).toBe(1)
    // The log's own rows share refs by design (a thanks and an answer on one post): the index leaves them alone.
    await recordInteractions(t.app.db, [
      { ...row, source: 'wellspring', ref: 'post:1' },
      { ...row, kind: 'thanks', source: 'wellspring', ref: 'post:1' },
    ])
    expect((await listInteractions(t.app.db, { source: 'wellspring' })).filter((r) => r.ref === 'post:1').length).toBe(2)
  })

  it('refuses members, and bad files or bodies, changing nothing', async () => {
    const count = async () => (await listInteractions(t.app.db)).length
    const before = await count()
    expect((await upload(member, 'acme.zip', FIXTURE)).statusCode).toBe(403)
    const fake = { uploadId: '00000000-0000-4000-8000-000000000000', filename: 'a.zip' }
    for (const [url, body] of [
      ['/api/admin/imports/collab/slack', fake],
      ['/api/admin/imports/collab/csv/preview', { ...fake, format: 'csv' }],
      ['/api/admin/imports/collab/csv/check', { ...fake, format: 'csv', mapping: {} }],
      ['/api/admin/imports/collab/csv', { ...fake, format: 'csv', mapping: {} }],
      [`/api/admin/imports/collab/placeholders/${member.id}/link`, { personId: member.id }],
    ] as const)
      expect((await member.post(url, body)).statusCode).toBe(403)
    expect((await member.get('/api/admin/imports/collab')).statusCode).toBe(403)
    expect((await member.get('/api/admin/imports/collab/placeholders')).statusCode).toBe(403)

    expect((await upload(admin, 'acme.zip', 'not a zip')).json().error.code).toBe('not_zip')
    expect((await upload(admin, 'acme.exe', FIXTURE)).json().error.code).toBe('bad_filename')
    const start = async (name: string, data: Buffer) =>
      admin.post('/api/admin/imports/collab/slack', (await upload(admin, name, data)).json())
    const notSlack = await start('other.zip', zipFiles(new Map([['readme.txt', 'hello']])))
    expect([notSlack.statusCode, notSlack.json().error.code]).toEqual([400, 'not_slack_export'])
    const evil = await start('evil.zip', TRAVERSAL)
    expect([evil.statusCode, evil.json().error.code]).toEqual([400, 'unsafe_path'])
    expect((await admin.post('/api/admin/imports/collab/slack', fake)).json().error.code).toBe('missing_upload')
    expect((await admin.post('/api/admin/imports/collab/slack', { ...fake, extra: 1 })).statusCode).toBe(400)
    const quote = (await upload(admin, 'q.csv', 'from,to\n"unclosed,x\n')).json()
    expect((await admin.post('/api/admin/imports/collab/csv/preview', { ...quote, format: 'csv' })).json().error.code).toBe('bad_csv')
    expect((await admin.post('/api/admin/imports/collab/csv/preview', { ...quote, format: 'xml' })).statusCode).toBe(400)
    expect((await admin.get('/api/admin/imports/collab/nope')).statusCode).toBe(404)
    expect(await count()).toBe(before)
  })
})
