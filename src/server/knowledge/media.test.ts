import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { mp4Like, pngLike, storedFiles, TINY_WEBM, upload } from './media-test-support.js'

const LIMIT = 256 * 1024

describe.each(DIALECTS)('%s: media upload and playback', (dialect) => {
  let t: TestApp
  let sam: Client
  let videoId: string
  const size = TINY_WEBM.length
  beforeAll(async () => {
    t = await createTestApp(dialect, { mediaMaxBytes: LIMIT })
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
  })
  afterAll(async () => t.close())

  const mediaRows = () => t.app.db.selectFrom('media').selectAll().execute()
  const get = (id: string, headers: Record<string, string> = {}) => sam.request({ method: 'GET', url: `/api/media/${id}`, headers })

  it('uploads an image: unattached, owned by the uploader, with a cleaned-up file name', async () => {
    const res = await upload(sam, 'image/png', pngLike(300), encodeURIComponent('../../etc/My "holiday".png'))
    expect(res.statusCode, res.body).toBe(201)
    const item = res.json()
    expect(item).toEqual({
      id: expect.any(String),
      kind: 'image',
      mime: 'image/png',
      size: 300,
      filename: 'My holiday.png',
      url: `/api/media/${item.id}`,
      captionsUrl: null,
      transcript: '',
    })
    const rows = await mediaRows()
    expect(rows).toEqual([
      expect.objectContaining({ id: item.id, owner_id: sam.id, kind: 'image', mime: 'image/png', filename: 'My holiday.png' }),
    ])
    expect(rows[0]?.post_id).toBeNull()
    expect(storedFiles(t.config.dataDir)).toEqual([item.id])
  })

  it('uploads a real WebM video and serves its bytes back with media headers', async () => {
    const res = await upload(sam, 'video/webm;codecs=vp8', TINY_WEBM, 'clip.webm')
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ kind: 'video', mime: 'video/webm', size, filename: 'clip.webm' })
    videoId = res.json().id
    const got = await get(videoId)
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(TINY_WEBM)).toBe(true)
    expect(got.headers).toMatchObject({
      'content-type': 'video/webm',
      'content-length': String(size),
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="clip.webm"; filename*=UTF-8''clip.webm`,
    })
    expect(got.headers.etag).toMatch(/^"/)
  })

  it('accepts MP4 by its ftyp box, as video or audio, and names unnamed uploads', async () => {
    const video = await upload(sam, 'video/mp4', mp4Like())
    expect(video.statusCode, video.body).toBe(201)
    expect(video.json()).toMatchObject({ kind: 'video', mime: 'video/mp4', filename: expect.stringMatching(/^video-/) })
    const audio = await upload(sam, 'audio/mp4', mp4Like())
    expect(audio.json()).toMatchObject({ kind: 'audio', mime: 'audio/mp4' })
  })

  it('answers single range requests with 206, and a range past the end with 416', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-50', size - 50, size - 1],
      ['bytes=10-10', 10, 10],
      ['bytes=0-99999999', 0, size - 1],
    ]
    for (const [range, start, end] of cases) {
      const res = await get(videoId, { range })
      expect(res.statusCode, range).toBe(206)
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`)
      expect(res.headers['content-length'], range).toBe(String(end - start + 1))
      expect(res.headers['content-type']).toBe('video/webm')
      expect(res.rawPayload.equals(TINY_WEBM.subarray(start, end + 1)), range).toBe(true)
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const res = await get(videoId, { range })
      expect(res.statusCode, range).toBe(416)
      expect(res.headers['content-range'], range).toBe(`bytes */${size}`)
      expect(res.json().error.code).toBe('range_not_satisfiable')
    }
  })

  it('serves the whole file (200) for malformed or multiple ranges, a changed If-Range, and 304 for a current copy', async () => {
    for (const range of ['bytes=abc', 'bytes=5-2', 'items=0-5', 'bytes=', 'bytes=-', 'bytes=0-9,20-29']) {
      const res = await get(videoId, { range })
      expect(res.statusCode, range).toBe(200)
      expect(res.headers['content-range'], range).toBeUndefined()
      expect(res.rawPayload.length, range).toBe(size)
    }
    const etag = String((await get(videoId)).headers.etag)
    expect((await get(videoId, { range: 'bytes=0-9', 'if-range': etag })).statusCode).toBe(206)
    expect((await get(videoId, { range: 'bytes=0-9', 'if-range': '"stale"' })).statusCode).toBe(200)
    const cached = await get(videoId, { 'if-none-match': etag })
    expect(cached.statusCode).toBe(304)
    expect(cached.rawPayload.length).toBe(0)
  })

  it('answers HEAD with the length and no body', async () => {
    const res = await sam.request({ method: 'HEAD', url: `/api/media/${videoId}` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-length']).toBe(String(size))
    expect(res.rawPayload.length).toBe(0)
  })

  it('refuses files whose bytes are not the declared type, and types it does not take, leaving nothing behind', async () => {
    const before = { rows: (await mediaRows()).length, files: storedFiles(t.config.dataDir) }
    const mismatches: [string, Buffer][] = [
      ['image/jpeg', pngLike()],
      ['video/mp4', TINY_WEBM],
      ['video/webm', Buffer.from('<script>alert(1)</script> not a video at all')],
      ['audio/mpeg', pngLike()],
      ['image/gif', Buffer.from('GIF8')],
    ]
    for (const [type, bytes] of mismatches) {
      const res = await upload(sam, type, bytes)
      expect(res.statusCode, type).toBe(415)
      expect(res.json().error.code, type).toBe('unsupported_media_type')
    }
    expect((await upload(sam, 'application/pdf', Buffer.from('%PDF-1.4'))).statusCode).toBe(415)
    expect((await upload(sam, 'image/svg+xml', Buffer.from('<svg/>'))).statusCode).toBe(415)
    const json = await sam.post('/api/media', { not: 'a file' })
    expect(json.statusCode).toBe(415)
    const empty = await upload(sam, 'image/png', Buffer.alloc(0))
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('empty_media')
    expect({ rows: (await mediaRows()).length, files: storedFiles(t.config.dataDir) }).toEqual(before)
  })

  it('refuses an upload over MEDIA_MAX_BYTES with 413, whether or not it declares its length, and keeps no file', async () => {
    const before = { rows: (await mediaRows()).length, files: storedFiles(t.config.dataDir) }
    const declared = await upload(sam, 'image/png', pngLike(LIMIT + 1))
    expect(declared.statusCode).toBe(413)
    expect(declared.json().error.code).toBe('media_too_large')
    // A stream body has no Content-Length, so the limit is found while writing.
    const chunks = [pngLike(100 * 1024), Buffer.alloc(100 * 1024, 1), Buffer.alloc(100 * 1024, 2)]
    const streamed = await upload(sam, 'image/png', Readable.from(chunks))
    expect(streamed.statusCode).toBe(413)
    expect(streamed.json().error.code).toBe('media_too_large')
    expect({ rows: (await mediaRows()).length, files: storedFiles(t.config.dataDir) }).toEqual(before)
    const exact = await upload(sam, 'image/png', Readable.from([pngLike(LIMIT)]))
    expect(exact.statusCode).toBe(201)
    expect(exact.json().size).toBe(LIMIT)
  })

  it('answers 413 over a real connection while the client is still sending, then closes it', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const before = storedFiles(t.config.dataDir)
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/media',
        headers: { 'content-type': 'image/png', cookie: sam.cookie, 'x-csrf-token': sam.csrfToken },
      })
      let answered = false
      req.on('response', (res) => {
        answered = true
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      // Keeps sending (chunked, no Content-Length) until the server answers; a reset instead of an answer fails the test.
      req.on('error', (err) => (answered ? undefined : reject(err)))
      let sent = 0
      const send = () => {
        if (answered || sent > 50 * LIMIT) return req.end()
        sent += 64 * 1024
        req.write(sent === 64 * 1024 ? pngLike(64 * 1024) : Buffer.alloc(64 * 1024), () => setImmediate(send))
      }
      send()
    })
    expect(result.status).toBe(413)
    expect(JSON.parse(result.body).error.code).toBe('media_too_large')
    expect(storedFiles(t.config.dataDir)).toEqual(before)
  })

  it('needs a login, and a CSRF token to upload', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/media/${videoId}` })).statusCode).toBe(401)
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: { cookie: sam.cookie, 'content-type': 'image/png' },
      payload: pngLike(),
    })
    expect(noCsrf.statusCode).toBe(403)
    expect((await get('no-such-media')).statusCode).toBe(404)
  })
})
