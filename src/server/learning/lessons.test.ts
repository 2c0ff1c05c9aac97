import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Lesson, LessonProgress } from '../../shared/learning.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const pages = [
  { title: 'Why reviews', body: '# Blameless\n\nWe look for causes, not culprits. <script>alert(1)</script>' },
  { title: 'The timeline', body: 'Write it first.\n\n![The timeline board](media/board.png)\n\n![Walkthrough](media/walk.mp4)' },
  { title: 'Actions', body: 'Each action has an owner. [Outside](javascript:alert(1)) and ![x](media/../secret.png)' },
]

describe.each(DIALECTS)('%s: Markdown lessons', (dialect) => {
  let t: TestApp
  let admin: Client
  let mia: Client // a manager: learning staff
  let ana: Client
  let raj: Client
  let lesson: Lesson

  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    mia = await loggedInPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    ana = await loggedInPerson(t.app, { name: 'Ana Learner', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Learner', email: 'raj@example.com' })
  })
  afterAll(async () => {
    await t?.close()
  })

  const modules = async () => (await t.app.db.selectFrom('learning_module').select('id').execute()).length

  it('is written by learning staff, with bad input refused and nothing stored', async () => {
    const body = { title: 'Running an incident review', description: 'Three pages, ten minutes.', pages }
    expect((await ana.post('/api/learning/lessons', body)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/learning/lessons', payload: body })).statusCode).toBe(401)
    expect((await mia.post('/api/learning/lessons', { ...body, pages: [] })).statusCode).toBe(400)
    expect((await mia.post('/api/learning/lessons', { ...body, pages: Array(51).fill(pages[0]) })).statusCode).toBe(400)
    expect((await mia.post('/api/learning/lessons', { ...body, community: 'no-such' })).json()).toMatchObject({
      error: { code: 'unknown_community' },
    })
    expect(await modules()).toBe(0)
    const res = await mia.post('/api/learning/lessons', body)
    expect(res.statusCode, res.body).toBe(201)
    lesson = res.json<Lesson>()
    expect(lesson).toMatchObject({
      title: 'Running an incident review',
      canEdit: true,
      progress: { done: [], position: 0, completedAt: null },
    })
    expect(lesson.pages.map((p) => p.title)).toEqual(['Why reviews', 'The timeline', 'Actions'])
    const list = (await ana.get('/api/learning/modules')).json<{ items: { id: string; kind: string; files: number }[] }>().items
    expect(list).toContainEqual(expect.objectContaining({ id: lesson.id, kind: 'lesson', files: 3 }))
  })

  it('renders safe HTML, with its own media embedded and anything else left inert', async () => {
    const [first, second, third] = (await ana.get(`/api/learning/lessons/${lesson.id}`)).json<Lesson>().pages
    expect(first!.html).not.toContain('<script')
    expect(first!.html).toContain('&lt;script&gt;')
    expect(first!.body).toBe('') // learners get the HTML, not the author's source
    expect(second!.html).toContain(`<img src="/api/learning/lessons/${lesson.id}/media/board.png" alt="The timeline board">`)
    expect(second!.html).toContain(
      `<video controls preload="metadata" src="/api/learning/lessons/${lesson.id}/media/walk.mp4" aria-label="Walkthrough">`,
    )
    expect(third!.html).not.toContain('href="javascript:')
    expect(third!.html).not.toContain('secret.png"')
  })

  it('keeps each learner’s place and completes when every page is read', async () => {
    const save = (c: Client, body: object) => c.put(`/api/learning/lessons/${lesson.id}/progress`, body)
    expect((await save(ana, { position: 3 })).json()).toMatchObject({ error: { code: 'no_such_page' } })
    expect((await save(ana, { position: 1, read: 7 })).statusCode).toBe(400)
    expect((await save(ana, { position: 1, read: 0 })).json<LessonProgress>()).toEqual({ done: [0], position: 1, completedAt: null })
    expect((await save(ana, { position: 2, read: 1 })).json<LessonProgress>()).toMatchObject({ done: [0, 1], position: 2 })
    // Reopened later, the lesson opens where Ana left it; Raj's is his own.
    expect((await ana.get(`/api/learning/lessons/${lesson.id}`)).json<Lesson>().progress).toMatchObject({ done: [0, 1], position: 2 })
    expect((await raj.get(`/api/learning/lessons/${lesson.id}`)).json<Lesson>().progress).toEqual({
      done: [],
      position: 0,
      completedAt: null,
    })
    const finished = (await save(ana, { position: 2, read: 2 })).json<LessonProgress>()
    expect(finished.done).toEqual([0, 1, 2])
    expect(finished.completedAt).not.toBeNull()
    expect((await save(ana, { position: 0 })).json<LessonProgress>().completedAt).toBe(finished.completedAt)
  })

  it('is rewritten by its author or an admin only; learners keep the pages that still exist', async () => {
    const shorter = { title: 'Running an incident review', pages: pages.slice(0, 2) }
    expect((await ana.put(`/api/learning/lessons/${lesson.id}`, shorter)).statusCode).toBe(403)
    await ana.put(`/api/learning/lessons/${lesson.id}/progress`, { position: 2 })
    const before = (await t.app.db.selectFrom('lesson_page').selectAll().execute()).length
    expect((await mia.put(`/api/learning/lessons/${lesson.id}`, { ...shorter, pages: [] })).statusCode).toBe(400)
    expect((await t.app.db.selectFrom('lesson_page').selectAll().execute()).length).toBe(before)
    expect((await admin.put(`/api/learning/lessons/${lesson.id}`, shorter)).statusCode).toBe(200)
    const now = (await ana.get(`/api/learning/lessons/${lesson.id}`)).json<Lesson>()
    expect(now.pages).toHaveLength(2)
    expect(now.canEdit).toBe(false)
    expect(now.progress.done).toEqual([0, 1])
    expect(now.progress.position).toBe(1)
    expect(now.progress.completedAt).not.toBeNull()
  })

  it('takes media from its author and serves them to those who may read the lesson', async () => {
    const upload = (c: Client, type: string, name: string, body: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/learning/lessons/${lesson.id}/media`,
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': type, 'x-filename': encodeURIComponent(name) },
        payload: body,
      })
    expect((await upload(ana, 'image/png', 'board.png', PNG)).statusCode).toBe(403)
    expect((await upload(mia, 'image/png', 'board.exe', PNG)).json()).toMatchObject({ error: { code: 'bad_media_name' } })
    expect((await upload(mia, 'video/mp4', 'board.png', PNG)).json()).toMatchObject({ error: { code: 'media_type_mismatch' } })
    const added = await upload(mia, 'image/png', 'Board.PNG', PNG)
    expect(added.statusCode, added.body).toBe(201)
    expect(added.json()).toEqual({ name: 'board.png', markdown: '![board.png](media/board.png)' })
    const got = await ana.get(`/api/learning/lessons/${lesson.id}/media/board.png`)
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/png')
    expect(got.rawPayload.equals(PNG)).toBe(true)
    expect((await ana.get(`/api/learning/lessons/${lesson.id}/media/other.png`)).statusCode).toBe(404)
    expect((await ana.get(`/api/learning/lessons/${lesson.id}/media/..%2Fsecret.png`)).statusCode).toBe(404)
  })

  it('hides a closed community’s lesson and its media from people outside it', async () => {
    await admin.post('/api/communities', { name: 'Golf coaching', purpose: 'Coaching', visibility: 'closed' })
    const res = await admin.post('/api/learning/lessons', { title: 'The short game', community: 'golf-coaching', pages: [pages[0]] })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json<Lesson>().id
    expect((await ana.get(`/api/learning/lessons/${id}`)).statusCode).toBe(404)
    expect((await ana.put(`/api/learning/lessons/${id}/progress`, { position: 0 })).statusCode).toBe(404)
    expect((await ana.get(`/api/learning/lessons/${id}/media/board.png`)).statusCode).toBe(404)
    expect((await ana.get('/api/learning/modules')).json<{ items: { id: string }[] }>().items.map((m) => m.id)).not.toContain(id)
  })

  it('puts a learner’s progress in their export, and erases it with them', async () => {
    const exported = (await ana.get('/api/me/export')).json<{ learning: { lessons: unknown[] } }>()
    expect(exported.learning.lessons).toEqual([expect.objectContaining({ moduleId: lesson.id, pagesRead: [0, 1] })])
    expect((await ana.post('/api/me/erasure', { reason: 'leaving' })).statusCode).toBe(201)
    const erasure = (await admin.get('/api/admin/erasures')).json<{ items: { id: string }[] }>().items[0]!
    expect((await admin.post(`/api/admin/erasures/${erasure.id}/confirm`)).statusCode).toBe(200)
    expect(await t.app.db.selectFrom('lesson_progress').selectAll().where('person_id', '=', ana.id).execute()).toEqual([])
  })
})
