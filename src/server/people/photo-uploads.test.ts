import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { sessionClient } from '../../../test/api/support.js'
import { sniffImageType } from './privacy.js'

const UPLOADS = 60

/** The `i`th of UPLOADS different images: PNGs and JPEGs of different sizes and bytes. */
function image(i: number): Buffer {
  const signature = i % 2 === 0 ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0xff, 0xd8, 0xff, 0xe0]
  const b = Buffer.alloc(20_000 + i * 997, i)
  Buffer.from(signature).copy(b)
  return b
}

// An outside probe sent 80 photos at once for one person: 67 were answered 500 and the photo served after
// matched none of them, since every upload wrote the same temp file (named by process id) before renaming it.
describe.each(DIALECTS)('%s: concurrent photo uploads by one person', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(async () => t.close())

  it('all succeed, and the photo served is one of them, whole, with its own type', async () => {
    const person = await buildPerson(t.app)
    const client = await sessionClient(t.app, person)
    const images = Array.from({ length: UPLOADS }, (_, i) => image(i))
    const results = await Promise.all(
      images.map((payload, i) =>
        client.request({
          method: 'PUT',
          url: '/api/me/photo',
          payload,
          headers: { 'content-type': i % 2 === 0 ? 'image/png' : 'image/jpeg' },
        }),
      ),
    )
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([])

    const served = await client.get(`/api/people/${person.id}/photo`)
    expect(served.statusCode).toBe(200)
    const match = images.findIndex((img) => img.equals(served.rawPayload))
    expect(match, 'the served bytes match no upload').toBeGreaterThanOrEqual(0)
    expect(served.headers['content-type']).toBe(sniffImageType(served.rawPayload))

    // No temp file is left beside the photo.
    const dir = path.join(t.config.dataDir, 'files', 'photos')
    expect(fs.readdirSync(dir)).toEqual([person.id])
  })
})
