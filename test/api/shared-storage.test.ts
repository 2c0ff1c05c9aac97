import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionClient } from './support.js'
import { twoPgNodes } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { startS3, type TestS3 } from '../helpers/s3-server.js'
import { pngLike, TINY_WEBM, upload } from '../../src/server/knowledge/media-test-support.js'
import type { Config } from '../../src/server/platform/config.js'

// Uploaded files with two app nodes on one PostgreSQL database. With a data directory per node, a file is on
// the node that took the upload only; on a shared S3-compatible store, every node serves it.

describe('two nodes, a data directory each', () => {
  const nodes = twoPgNodes()

  it('serve a photo only on the node that took it (why the README asks for shared storage)', async () => {
    const person = await buildPerson(nodes.t.app)
    const onA = await sessionClient(nodes.t.app, person)
    const onB = await sessionClient(nodes.second, person)
    const put = await onA.request({ method: 'PUT', url: '/api/me/photo', payload: pngLike(), headers: { 'content-type': 'image/png' } })
    expect(put.statusCode, put.body).toBe(200)
    expect((await onA.get(`/api/people/${person.id}/photo`)).statusCode).toBe(200)
    expect((await onB.get(`/api/people/${person.id}/photo`)).statusCode).toBe(404)
  })
})

describe('two nodes sharing an S3-compatible store', () => {
  let s3: TestS3
  // Filled in before the nodes start: twoPgNodes reads it in its own beforeAll, which runs after this one.
  const overrides: Partial<Config> = {}
  beforeAll(async () => {
    s3 = await startS3()
    overrides.s3 = s3.config
  })
  const nodes = twoPgNodes(overrides)
  afterAll(async () => s3.close())

  it('serve on node B a photo uploaded through node A, and its replacement', async () => {
    const person = await buildPerson(nodes.t.app)
    const onA = await sessionClient(nodes.t.app, person)
    const onB = await sessionClient(nodes.second, person)
    for (const photo of [pngLike(3000), pngLike(5000)]) {
      const put = await onA.request({ method: 'PUT', url: '/api/me/photo', payload: photo, headers: { 'content-type': 'image/png' } })
      expect(put.statusCode, put.body).toBe(200)
      const served = await onB.get(`/api/people/${person.id}/photo`)
      expect(served.statusCode).toBe(200)
      expect(served.rawPayload.equals(photo)).toBe(true)
    }
    expect((await onB.delete('/api/me/photo')).statusCode).toBe(200)
    expect((await onA.get(`/api/people/${person.id}/photo`)).statusCode).toBe(404)
    expect(s3.requests.some((r) => r.method === 'PUT' && r.url.endsWith(`/photos/${person.id}`))).toBe(true)
  })

  it('stream on node B, whole and in ranges, media uploaded through node A', async () => {
    // Sessions live in the database, so the owner's cookie is good on either node.
    const owner = await sessionClient(nodes.t.app, await buildPerson(nodes.t.app))
    const item = (await upload(owner, 'video/webm', TINY_WEBM, 'clip.webm')).json<{ id: string }>()
    const whole = await nodes.second.inject({ method: 'GET', url: `/api/media/${item.id}`, headers: { cookie: owner.cookie } })
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.equals(TINY_WEBM)).toBe(true)
    const part = await nodes.second.inject({
      method: 'GET',
      url: `/api/media/${item.id}`,
      headers: { cookie: owner.cookie, range: 'bytes=10-109' },
    })
    expect(part.statusCode).toBe(206)
    expect(part.rawPayload.equals(TINY_WEBM.subarray(10, 110))).toBe(true)
  })
})
