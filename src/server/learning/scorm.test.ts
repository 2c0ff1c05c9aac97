import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { readScormPackage } from './scorm/package.js'
import { PackageError, unsafePathReason } from './scorm/zip.js'

const FIXTURES = path.resolve('test/fixtures/scorm')
const fixture = (name: string) => path.join(FIXTURES, name)
const BAD = [
  ['badscorm.zip', 'manifest_not_at_root', /inside the folder "badscorm\/"/],
  ['invalid.zip', 'no_manifest', /no imsmanifest\.xml/],
  ['validaicc.zip', 'aicc_not_supported', /AICC/],
  ['traversal.zip', 'unsafe_path', /\.\.\/escaped\.html/],
] as const

describe('SCORM packages', () => {
  it('reads a SCORM 1.2 and a SCORM 2004 package: version, title, SCOs, launch page', async () => {
    const p12 = await readScormPackage(fixture('singlesco_scorm12.zip'))
    p12.zip.close()
    expect(p12.manifest).toMatchObject({ version: '1.2', title: 'Golf Explained - CP Single SCO', launch: 'shared/launchpage.html' })
    expect(p12.manifest.items).toEqual([expect.objectContaining({ identifier: 'item_1', title: 'Golf Explained', sco: true })])
    const p2004 = await readScormPackage(fixture('RuntimeBasicCalls_SCORM20043rdEdition.zip'))
    p2004.zip.close()
    expect(p2004.manifest).toMatchObject({
      version: '2004',
      schemaVersion: '2004 3rd Edition',
      title: 'Golf Explained - Run-time Basic Calls',
    })
    expect(p2004.zip.files.length).toBe(69)
  })

  it.each(BAD)('refuses %s with a clear message', async (name, code, message) => {
    const err = await readScormPackage(fixture(name)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PackageError)
    expect((err as PackageError).code).toBe(code)
    expect((err as PackageError).message).toMatch(message)
  })

  it('refuses a file that is not a zip', async () => {
    const file = path.join(os.tmpdir(), `ws-not-zip-${process.pid}.zip`)
    fs.writeFileSync(file, '<html>not a zip</html>')
    await expect(readScormPackage(file)).rejects.toMatchObject({ code: 'not_a_zip' })
    fs.rmSync(file)
  })

  it('says which paths could escape the package', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', 'a//b', './x']) expect(unsafePathReason(bad)).toBeDefined()
    for (const good of ['imsmanifest.xml', 'shared/launch page.html', 'dir/', 'a..b/c']) expect(unsafePathReason(good)).toBeUndefined()
  })
})

describe.each(DIALECTS)('SCORM import and tracking on %s', (dialect) => {
  let t: TestApp
  let admin: Client
  let ana: Client
  const upload = (client: Client, name: string, query = '') =>
    client.request({
      method: 'POST',
      url: `/api/learning/scorm${query}`,
      headers: { 'content-type': 'application/zip' },
      payload: fs.readFileSync(fixture(name)),
    })
  const filesDir = () => path.join(t.config.dataDir, 'files', 'scorm')
  const state = async () => ({
    modules: (
      await t.app.db
        .selectFrom('learning_module')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
    items: (
      await t.app.db
        .selectFrom('learning_item')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
    files: fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).length : 0,
  })

  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana Learner', email: 'ana@example.com' })
  })
  afterAll(async () => {
    await t.close()
  })

  it('imports both packages (admins only) and lists them in the catalogue', async () => {
    expect((await upload(ana, 'singlesco_scorm12.zip')).statusCode).toBe(403)
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/learning/scorm',
      headers: { 'content-type': 'application/zip' },
      payload: Buffer.from('x'),
    })
    expect(anon.statusCode).toBe(401)

    const r12 = await upload(admin, 'singlesco_scorm12.zip')
    expect(r12.statusCode).toBe(201)
    expect(r12.json()).toMatchObject({ kind: 'scorm', scormVersion: '1.2', launch: 'shared/launchpage.html', files: 46 })
    const r2004 = await upload(admin, 'RuntimeBasicCalls_SCORM20043rdEdition.zip')
    expect(r2004.statusCode).toBe(201)
    expect(r2004.json()).toMatchObject({ scormVersion: '2004', items: [{ position: 0, sco: true }] })

    const list = await ana.get('/api/learning/modules')
    expect(list.statusCode).toBe(200)
    expect(
      list
        .json<{ items: { title: string }[] }>()
        .items.map((m) => m.title)
        .sort(),
    ).toEqual(['Golf Explained - CP Single SCO', 'Golf Explained - Run-time Basic Calls'])
  })

  it('serves package files to members, with a content policy of their own, and nothing outside the package', async () => {
    const { id } = (await ana.get('/api/learning/modules'))
      .json<{ items: { id: string; scormVersion: string }[] }>()
      .items.find((m) => m.scormVersion === '2004')!
    const page = await ana.get(`/api/learning/modules/${id}/files/shared/launchpage.html`)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/)
    expect(page.body).toMatch(/<html/i)
    expect((await ana.get(`/api/learning/modules/${id}/files/shared/background.jpg`)).headers['content-type']).toBe('image/jpeg')
    expect((await ana.get(`/api/learning/modules/${id}/files/nope.html`)).statusCode).toBe(404)
    expect((await ana.get(`/api/learning/modules/${id}/files/..%2f..%2fdatabase.sqlite`)).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/api/learning/modules/${id}/files/shared/launchpage.html` })).statusCode).toBe(401)
  })

  it.each(BAD)('refuses %s with its reason and changes nothing', async (name, code, message) => {
    const before = await state()
    const res = await upload(admin, name)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: { code } })
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(message)
    expect(await state()).toEqual(before)
  })

  it('stores tracking data and gives it back to resume, per learner', async () => {
    const { id } = (await ana.get('/api/learning/modules'))
      .json<{ items: { id: string; scormVersion: string }[] }>()
      .items.find((m) => m.scormVersion === '2004')!
    const url = `/api/learning/modules/${id}/items/0/attempt`
    expect((await ana.get(url)).json()).toMatchObject({ status: 'not attempted', suspendData: '' })
    const cmi = {
      'cmi.completion_status': 'incomplete',
      'cmi.location': '3',
      'cmi.suspend_data': 'page=3;answers=a,c',
      'cmi.score.scaled': '0.8',
    }
    const saved = await ana.put(url, { cmi })
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({
      status: 'incomplete',
      score: 80,
      location: '3',
      suspendData: 'page=3;answers=a,c',
      completedAt: null,
    })
    expect((await ana.get(url)).json()).toMatchObject({ cmi, location: '3' })
    // Someone else starts from nothing.
    expect((await admin.get(url)).json()).toMatchObject({ status: 'not attempted' })
    const done = await ana.put(url, { cmi: { ...cmi, 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' } })
    expect(done.json()).toMatchObject({ status: 'passed' })
    expect(done.json<{ completedAt: string | null }>().completedAt).not.toBeNull()
    // Bad input: too much suspend data for the version, element names that are not SCORM's, an item that is not there.
    expect((await ana.put(url, { cmi: { 'cmi.suspend_data': 'x'.repeat(64_001) } })).statusCode).toBe(400)
    expect((await ana.put(url, { cmi: { 'window.location': 'x' } })).statusCode).toBe(400)
    expect((await ana.put(`/api/learning/modules/${id}/items/7/attempt`, { cmi })).statusCode).toBe(404)
    expect((await ana.get(url)).json()).toMatchObject({ status: 'passed' })
    const exported = await ana.get('/api/me/export')
    expect(exported.statusCode).toBe(200)
    expect(exported.json()).toMatchObject({ learning: { scormAttempts: [{ moduleId: id, status: 'passed', location: '3' }] } })
  })

  it("hides a closed community's modules from people outside it", async () => {
    await admin.post('/api/communities', { name: 'Golf coaching', purpose: 'Coaching', visibility: 'closed' })
    const res = await upload(admin, 'singlesco_scorm12.zip', '?community=golf-coaching')
    expect(res.statusCode).toBe(201)
    const id = res.json<{ id: string }>().id
    expect((await ana.get(`/api/learning/modules/${id}`)).statusCode).toBe(404)
    expect((await ana.get(`/api/learning/modules/${id}/files/shared/launchpage.html`)).statusCode).toBe(404)
    expect((await ana.get('/api/learning/modules')).json<{ items: { id: string }[] }>().items.map((m) => m.id)).not.toContain(id)
    expect((await admin.get(`/api/learning/modules/${id}`)).statusCode).toBe(200)
    expect((await upload(admin, 'singlesco_scorm12.zip', '?community=no-such')).statusCode).toBe(400)
  })
})

describe('npm run import:scorm', () => {
  const run = (file: string, dataDir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-scorm.ts', file], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    })

  it('ends with a JSON line for a good package, and exits 1 with the reason for a bad one', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-scorm-cli-'))
    try {
      const good = run(fixture('RuntimeBasicCalls_SCORM20043rdEdition.zip'), dataDir)
      expect(good.status).toBe(0)
      const last = good.stdout.trim().split('\n').at(-1)!
      expect(JSON.parse(last)).toEqual({
        title: 'Golf Explained - Run-time Basic Calls',
        version: '2004',
        scos: 1,
        launch: 'shared/launchpage.html',
      })
      const bad = run(fixture('traversal.zip'), dataDir)
      expect(bad.status).toBe(1)
      expect(bad.stderr).toMatch(/traversal\.zip was not imported: .*\.\.\/escaped\.html/)
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
