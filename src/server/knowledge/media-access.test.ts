import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { isoIn } from '../platform/time.js'
import { MEDIA_CLEANUP_JOB } from './module.js'
import { pngLike, storedFiles, TINY_WEBM, upload } from './media-test-support.js'

const VTT = 'WEBVTT\n\n00:00.000 --> 00:01.500\nHello from the <b>line</b>\n'

describe.each(DIALECTS)('%s: who may see and change media', (dialect) => {
  let t: TestApp
  let admin: Client
  let sam: Client
  let ana: Client
  let leo: Client
  let out: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    const person = async (name: string) =>
      login(t.app, (await buildPerson(t.app, { name, email: `${name.toLowerCase()}@example.com` })).email)
    sam = await person('Sam')
    ana = await person('Ana')
    leo = await person('Leo')
    out = await person('Out')
    await sam.post('/api/communities', { name: 'Stories', purpose: 'Tell them', visibility: 'open' })
    await sam.post('/api/communities', { name: 'Inner circle', purpose: 'Closed', visibility: 'closed' })
    await leo.post('/api/communities/inner-circle/join', {})
    const [request] = (await sam.get('/api/communities/inner-circle/requests')).json().items
    await sam.post(`/api/communities/inner-circle/requests/${request.id}/approve`)
  })
  afterAll(async () => t.close())

  const uploadId = async (client: Client, type = 'video/webm', bytes: Buffer = TINY_WEBM) => {
    const res = await upload(client, type, bytes, 'story.webm')
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id as string
  }
  const story = async (client: Client, slug: string, mediaIds: string[], extra: object = {}) => {
    const res = await client.post(`/api/communities/${slug}/posts`, {
      kind: 'story',
      title: 'How we shipped',
      body: 'Watch this',
      mediaIds,
      ...extra,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id as number
  }
  const statuses = async (id: string, client: Client) => [
    (await client.get(`/api/media/${id}`)).statusCode,
    (await client.request({ method: 'GET', url: `/api/media/${id}`, headers: { range: 'bytes=0-9' } })).statusCode,
    (await client.get(`/api/media/${id}/captions.vtt`)).statusCode,
    (await client.patch(`/api/media/${id}`, { transcript: 'mine now' })).statusCode,
  ]

  it('shows unattached media only to its owner', async () => {
    const id = await uploadId(ana)
    expect((await ana.get(`/api/media/${id}`)).statusCode).toBe(200)
    for (const client of [out, sam, admin]) expect(await statuses(id, client)).toEqual([404, 404, 404, 404])
    expect((await ana.patch(`/api/media/${id}`, { captions: VTT })).statusCode).toBe(200)
    expect((await out.get(`/api/media/${id}/captions.vtt`)).statusCode).toBe(404)
  })

  it('shows media on a closed community’s story to its members only, and hides it once the story is deleted', async () => {
    const id = await uploadId(sam)
    await sam.patch(`/api/media/${id}`, { captions: VTT })
    const postId = await story(sam, 'inner-circle', [id])
    const thread = (await leo.get(`/api/posts/${postId}`)).json()
    expect(thread.post.media).toEqual([
      expect.objectContaining({ id, kind: 'video', url: `/api/media/${id}`, captionsUrl: `/api/media/${id}/captions.vtt` }),
    ])
    expect((await leo.get(`/api/media/${id}`)).rawPayload.equals(TINY_WEBM)).toBe(true)
    expect((await leo.request({ method: 'GET', url: `/api/media/${id}`, headers: { range: 'bytes=0-9' } })).statusCode).toBe(206)
    expect((await leo.get(`/api/media/${id}/captions.vtt`)).statusCode).toBe(200)
    // Leo reads the story but did not write it: he may not change its media.
    expect((await leo.patch(`/api/media/${id}`, { transcript: 'x' })).statusCode).toBe(403)
    for (const client of [out, admin]) expect(await statuses(id, client)).toEqual([404, 404, 404, 404])
    expect((await out.request({ method: 'HEAD', url: `/api/media/${id}` })).statusCode).toBe(404)
    expect((await sam.delete(`/api/posts/${postId}`)).statusCode).toBe(200)
    expect((await leo.get(`/api/media/${id}`)).statusCode).toBe(404)
    expect((await sam.get(`/api/media/${id}`)).statusCode).toBe(200)
  })

  it('shows media on an open community’s story to everyone; its uploader, the author, a steward or an admin may change it', async () => {
    const id = await uploadId(ana, 'image/png', pngLike())
    await story(ana, 'stories', [id])
    expect((await out.get(`/api/media/${id}`)).statusCode).toBe(200)
    const denied = await out.patch(`/api/media/${id}`, { transcript: 'vandalism' })
    expect(denied.statusCode).toBe(403)
    expect(denied.json().error.code).toBe('not_your_media')
    for (const [client, text] of [
      [ana, 'by Ana'],
      [sam, 'by the steward'],
      [admin, 'by an admin'],
    ] as const) {
      const res = await client.patch(`/api/media/${id}`, { transcript: text })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().transcript).toBe(text)
    }
  })

  it('attaches media only once, and only the uploader’s own', async () => {
    const id = await uploadId(ana)
    const stolen = await out.post('/api/communities/stories/posts', { kind: 'story', title: 'Not mine', body: '', mediaIds: [id] })
    expect(stolen.statusCode).toBe(400)
    expect(stolen.json().error.code).toBe('bad_media')
    await story(ana, 'stories', [id])
    expect((await ana.post('/api/communities/stories/posts', { kind: 'story', title: 'Again', body: '', mediaIds: [id] })).statusCode).toBe(
      400,
    )
  })

  it('round-trips WebVTT captions and a transcript, and refuses captions that are not WebVTT', async () => {
    const id = await uploadId(ana)
    const set = await ana.patch(`/api/media/${id}`, { captions: VTT, transcript: 'Hello from the line.' })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toMatchObject({ captionsUrl: `/api/media/${id}/captions.vtt`, transcript: 'Hello from the line.' })
    const vtt = await ana.get(`/api/media/${id}/captions.vtt`)
    expect(vtt.statusCode).toBe(200)
    expect(vtt.headers['content-type']).toBe('text/vtt; charset=utf-8')
    expect(vtt.headers['x-content-type-options']).toBe('nosniff')
    expect(vtt.body).toBe(VTT)
    for (const captions of ['Hello', 'WEBVTTX\n', '<script>alert(1)</script>', ' WEBVTT']) {
      const res = await ana.patch(`/api/media/${id}`, { captions })
      expect(res.statusCode, captions).toBe(400)
      expect(res.json().error.code).toBe('invalid_captions')
    }
    expect((await ana.patch(`/api/media/${id}`, { captions: `WEBVTT\n${'x'.repeat(500_001)}` })).statusCode).toBe(400)
    expect((await ana.patch(`/api/media/${id}`, {})).statusCode).toBe(400)
    expect((await ana.get(`/api/media/${id}/captions.vtt`)).body).toBe(VTT)
    expect((await ana.patch(`/api/media/${id}`, { captions: '\uFEFFWEBVTT' })).statusCode).toBe(200)
    const cleared = await ana.patch(`/api/media/${id}`, { captions: '' })
    expect(cleared.json().captionsUrl).toBeNull()
    const gone = await ana.get(`/api/media/${id}/captions.vtt`)
    expect(gone.statusCode).toBe(404)
    expect(gone.json().error.code).toBe('captions_not_found')
  })

  it('removes media left unattached for over a day, through the clean-up job', async () => {
    const oldLoose = await uploadId(ana, 'image/png', pngLike())
    const oldUsed = await uploadId(ana, 'image/png', pngLike())
    const recent = await uploadId(ana, 'image/png', pngLike())
    await story(ana, 'stories', [oldUsed])
    await t.app.db
      .updateTable('media')
      .set({ created_at: isoIn(-2 * 24 * 3600_000) })
      .where('id', 'in', [oldLoose, oldUsed])
      .execute()
    t.app.jobs.start()
    const jobId = await t.app.jobs.enqueue(MEDIA_CLEANUP_JOB, {})
    const job = await vi.waitFor(
      async () => {
        const row = await t.app.jobs.find(jobId)
        if (row?.status !== 'done') throw new Error(`job is ${row?.status}`)
        return row
      },
      { timeout: 20_000, interval: 50 },
    )
    await t.app.jobs.stop()
    expect(JSON.parse(job.result ?? 'null')).toEqual({ deleted: 1 })
    const ids = (await t.app.db.selectFrom('media').select('id').execute()).map((r) => r.id)
    expect(ids).not.toContain(oldLoose)
    expect(ids).toEqual(expect.arrayContaining([oldUsed, recent]))
    const files = storedFiles(t.config.dataDir)
    expect(files).not.toContain(oldLoose)
    expect(files).toEqual(expect.arrayContaining([oldUsed, recent]))
    expect((await ana.get(`/api/media/${oldLoose}`)).statusCode).toBe(404)
  })

  it('keeps a story series within its community: a closed community’s chapters never show elsewhere', async () => {
    const one = await story(ana, 'stories', [], { title: 'Chapter one', seriesId: 'onboarding', seriesOrder: 1 })
    await story(sam, 'inner-circle', [], { title: 'Secret chapter', seriesId: 'onboarding', seriesOrder: 2 })
    await story(ana, 'stories', [], { title: 'Chapter three', seriesId: 'onboarding', seriesOrder: 3 })
    const series = (await out.get(`/api/posts/${one}`)).json().series
    expect(series.map((s: { title: string; order: number }) => `${s.order}:${s.title}`)).toEqual(['1:Chapter one', '3:Chapter three'])
  })
})
