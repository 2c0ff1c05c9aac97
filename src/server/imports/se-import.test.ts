import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, countPeople } from '../../../test/helpers/factories.js'
import { listInteractions } from '../insights/lookup.js'
import { countPostLinks, countPosts, importedPostIds } from '../knowledge/lookup.js'
import { parseRow } from './se-xml.js'

const FIXTURE = path.resolve('test/fixtures/stackexchange/beer-slice')
const FILES = ['Posts.xml', 'Users.xml', 'Comments.xml', 'Votes.xml', 'PostLinks.xml']

/** What the fixture holds, counted independently of the importer. */
function expected() {
  const rows = (f: string) =>
    fs
      .readFileSync(path.join(FIXTURE, f), 'utf8')
      .split('\n')
      .map(parseRow)
      .filter((r) => r !== undefined)
  const posts = rows('Posts.xml')
  const questions = posts.filter((r) => r.PostTypeId === '1')
  const answers = posts.filter((r) => r.PostTypeId === '2')
  const answerIds = new Set(answers.map((a) => a.Id))
  return {
    questions: questions.length,
    answers: answers.length,
    accepted: questions.filter((q) => q.AcceptedAnswerId && answerIds.has(q.AcceptedAnswerId)).length,
    comments: rows('Comments.xml').length,
    duplicates: rows('PostLinks.xml').filter((l) => l.LinkTypeId === '3').length,
    firstQuestion: questions[0] as Record<string, string>,
  }
}

async function waitForImport(admin: Client, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = (await admin.get(`/api/admin/imports/qa/${id}`)).json()
    if (res.job.status === 'done' || res.job.status === 'failed') return res
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('import did not finish')
}

async function upload(admin: Client, files: string[], dir = FIXTURE) {
  let uploadId: string | undefined
  for (const f of files) {
    const res = await admin.request({
      method: 'POST',
      url: `/api/admin/imports/qa/files${uploadId ? `?uploadId=${uploadId}` : ''}`,
      headers: { 'content-type': f.endsWith('.7z') ? 'application/x-7z-compressed' : 'application/xml', 'x-filename': f },
      payload: fs.readFileSync(path.join(dir, f)),
    })
    expect(res.statusCode, res.body).toBe(201)
    uploadId = res.json().uploadId
  }
  return uploadId as string
}

describe.each(DIALECTS)('%s: Stack Exchange import', (dialect) => {
  let t: TestApp
  let admin: Client
  let member: Client
  const want = expected()
  beforeAll(async () => {
    t = await createTestApp(dialect)
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
    member = await login(t.app, (await buildPerson(t.app)).email)
    await admin.post('/api/communities', { name: 'Beer and wine', slug: 'beer', purpose: 'Imported Q&A', visibility: 'open' })
  })
  afterAll(async () => t.close())

  it('imports questions, answers, acceptances, comments and duplicate links, with attribution', async () => {
    const uploadId = await upload(admin, FILES)
    const started = await admin.post('/api/admin/imports/qa', {
      uploadId,
      files: FILES,
      communitySlug: 'beer',
      site: 'beer.stackexchange.com',
    })
    expect(started.statusCode).toBe(202)
    const done = await waitForImport(admin, started.json().id)
    expect(done.job.status).toBe('done')
    expect(done.report).toMatchObject({
      questions: want.questions,
      answers: want.answers,
      accepted: want.accepted,
      comments: want.comments,
      duplicates: want.duplicates,
    })
    const db = t.app.db
    expect(await countPosts(db, { kind: 'question' })).toBe(want.questions)
    expect(await countPosts(db, { kind: 'answer' })).toBe(want.answers)
    expect(await countPosts(db, { kind: 'comment' })).toBe(want.comments)
    expect(await countPosts(db, { withAcceptedAnswer: true })).toBe(want.accepted)
    expect(await countPostLinks(db, 'duplicate')).toBe(want.duplicates)
    const log = await listInteractions(db, { source: 'stackexchange' })
    expect(new Set(log.map((l) => l.kind))).toEqual(new Set(['answer', 'accept', 'comment', 'vote']))
    expect(log.filter((l) => l.kind === 'accept').length).toBeGreaterThan(0)

    const ref = `beer.stackexchange.com:${want.firstQuestion.Id}`
    const q = { id: (await importedPostIds(db, 'stackexchange', ref)).get(ref) }
    expect(q.id).toBeDefined()
    const thread = (await member.get(`/api/posts/${q.id}`)).json()
    expect(thread.post).toMatchObject({
      title: want.firstQuestion.Title,
      source: 'stackexchange',
      sourceUrl: `https://beer.stackexchange.com/q/${want.firstQuestion.Id}`,
    })
    expect(thread.post.html).not.toContain('&lt;p&gt;')
    expect(thread.post.author).toMatchObject({ name: expect.any(String) })
    expect(thread.post.createdAt).toBe(new Date(`${want.firstQuestion.CreationDate}Z`).toISOString())
    // Scores are the dump's votes: up-votes (2) minus down-votes (3) on each post.
    const votes = fs.readFileSync(path.join(FIXTURE, 'Votes.xml'), 'utf8')
    const net = (id: string) =>
      (votes.match(new RegExp(`PostId="${id}" VoteTypeId="2"`, 'g')) ?? []).length -
      (votes.match(new RegExp(`PostId="${id}" VoteTypeId="3"`, 'g')) ?? []).length
    expect(thread.post.score).toBe(net(String(want.firstQuestion.Id)))
    expect(net(String(want.firstQuestion.Id))).toBeGreaterThan(0)
  })

  it('keeps placeholders as attribution, not members, and closed questions out of the waiting list (issue 10, 4)', async () => {
    const beer = (await admin.get('/api/communities/beer')).json<{ memberCount: number }>()
    const members = (await admin.get('/api/communities/beer/members')).json<{ items: { person: { name: string } }[] }>().items
    expect(beer.memberCount).toBe(members.length)
    expect(members.map((m) => m.person.name)).not.toContain('User 38')
    const home = (await admin.get('/api/communities/beer/home')).json<{ waiting: { title: string; askedByNewcomer: boolean }[] }>()
    expect(home.waiting.map((w) => w.title)).not.toContain('What styles of beer can you age?')
    expect(home.waiting.filter((w) => w.askedByNewcomer)).toEqual([])
    // Admin → People: without the flag no placeholder, with it only them; members may not ask at all.
    const people = (await admin.get('/api/admin/people?limit=100')).json<{ items: { status: string }[]; total: number }>()
    expect(people.items.map((p) => p.status)).not.toContain('placeholder')
    const apart = (await admin.get('/api/admin/people?limit=100&placeholders=true')).json<{ items: { status: string }[]; total: number }>()
    expect(apart.total).toBeGreaterThan(10)
    expect(new Set(apart.items.map((p) => p.status))).toEqual(new Set(['placeholder']))
    expect((await member.get('/api/admin/people?placeholders=true')).statusCode).toBe(403)
    expect((await admin.get('/api/admin/people?placeholders=maybe')).statusCode).toBe(400)
  })

  it('changes nothing when run again', async () => {
    const snapshot = async () => ({
      posts: await countPosts(t.app.db),
      people: await countPeople(t.app),
      log: (await listInteractions(t.app.db)).length,
      links: await countPostLinks(t.app.db),
    })
    const before = await snapshot()
    const uploadId = await upload(admin, FILES)
    const again = await waitForImport(
      admin,
      (await admin.post('/api/admin/imports/qa', { uploadId, files: FILES, communitySlug: 'beer', site: 'beer.stackexchange.com' })).json()
        .id,
    )
    expect(again.report.created).toEqual({ posts: 0, interactions: 0 })
    expect(await snapshot()).toEqual(before)
  })

  it('reads a .7z archive', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-7z-'))
    const { default: SevenZip } = (await import('7z-wasm')) as unknown as {
      default: (o: object) => Promise<{
        FS: { mkdir(p: string): void; mount(t: unknown, o: object, m: string): void }
        NODEFS: unknown
        callMain(a: string[]): number
      }>
    }
    const sz = await SevenZip({ print: () => undefined, printErr: () => undefined })
    sz.FS.mkdir('/src')
    sz.FS.mount(sz.NODEFS, { root: FIXTURE }, '/src')
    sz.FS.mkdir('/out')
    sz.FS.mount(sz.NODEFS, { root: dir }, '/out')
    expect(sz.callMain(['a', '/out/wine.stackexchange.com.7z', ...FILES.map((f) => `/src/${f}`), '-bd'])).toBe(0)
    await admin.post('/api/communities', { name: 'Wine', slug: 'wine', purpose: 'x', visibility: 'open' })
    const uploadId = await upload(admin, ['wine.stackexchange.com.7z'], dir)
    const done = await waitForImport(
      admin,
      (await admin.post('/api/admin/imports/qa', { uploadId, files: ['wine.stackexchange.com.7z'], communitySlug: 'wine' })).json().id,
    )
    expect(done.job.status).toBe('done')
    expect(done.site).toBe('wine.stackexchange.com')
    expect(done.report.questions).toBe(want.questions)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses non-admins and bad uploads without changing anything', async () => {
    const res = await member.request({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/xml', 'x-filename': 'Posts.xml' },
      payload: '<posts></posts>',
    })
    expect(res.statusCode).toBe(403)
    const evil = await admin.request({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/xml', 'x-filename': '../../etc/passwd.xml' },
      payload: '<x/>',
    })
    expect(evil.statusCode).toBe(201)
    expect(evil.json().filename).toBe('passwd.xml')
    const notXml = await admin.request({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/xml', 'x-filename': 'Posts.xml' },
      payload: 'hello',
    })
    expect(notXml.statusCode).toBe(400)
    const fake7z = await admin.request({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/x-7z-compressed', 'x-filename': 'a.7z' },
      payload: 'not an archive',
    })
    expect(fake7z.statusCode).toBe(400)
    const before = await countPosts(t.app.db)
    const broken = await admin.request({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/xml', 'x-filename': 'Posts.xml' },
      payload: '<?xml version="1.0"?>\n<posts>\n<row Id="1" PostTypeId="1" Title="broken\n</posts>\n',
    })
    const job = await waitForImport(
      admin,
      (await admin.post('/api/admin/imports/qa', { uploadId: broken.json().uploadId, files: ['Posts.xml'], communitySlug: 'beer' })).json()
        .id,
    )
    expect(job.job.status).toBe('failed')
    expect(job.job.error).toMatch(/row|unexpected/)
    expect(await countPosts(t.app.db)).toBe(before)
    expect(
      (await admin.post('/api/admin/imports/qa', { uploadId: broken.json().uploadId, files: ['Posts.xml'], communitySlug: 'nope' }))
        .statusCode,
    ).toBe(404)
  })

  it('starts its target community on request, once the upload checks out (issue 10: 6)', async () => {
    const uploadId = await upload(admin, ['Posts.xml'])
    const communities = async () => (await admin.get('/api/communities')).json().items.map((c: { name: string }) => c.name)
    const before = await communities()
    // Neither or both of a community and a new one, a new one with no name, a missing upload: 400, nothing started.
    for (const body of [
      { uploadId, files: ['Posts.xml'] },
      { uploadId, files: ['Posts.xml'], communitySlug: 'beer', newCommunity: { name: 'Home brewing' } },
      { uploadId, files: ['Posts.xml'], newCommunity: { name: '' } },
      { uploadId, files: ['Users.xml'], newCommunity: { name: 'Home brewing' } },
    ]) {
      const res = await admin.post('/api/admin/imports/qa', body)
      expect(res.statusCode, res.body).toBe(400)
    }
    expect(await communities()).toEqual(before)
    expect(
      (await member.post('/api/admin/imports/qa', { uploadId, files: ['Posts.xml'], newCommunity: { name: 'Home brewing' } })).statusCode,
    ).toBe(403)
    const started = await admin.post('/api/admin/imports/qa', {
      uploadId,
      files: ['Posts.xml'],
      site: 'homebrew.stackexchange.com',
      newCommunity: { name: 'Home brewing' },
    })
    expect(started.statusCode, started.body).toBe(202)
    const done = await waitForImport(admin, started.json().id)
    expect(done.job.status).toBe('done')
    expect(done.community.name).toBe('Home brewing')
    const community = (await admin.get(`/api/communities/${done.community.slug}`)).json()
    expect(community).toMatchObject({ name: 'Home brewing', visibility: 'open' })
    expect(community.postCount).toBeGreaterThan(0)
  })
})
