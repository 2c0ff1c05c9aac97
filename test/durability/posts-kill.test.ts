import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../helpers/app.js'
import { clientFor, killAllServers, setupAdminOver, sleep, startServer } from './server-process.js'

/**
 * kill -9 during a burst of post creation: every post whose creation was acknowledged (a 201 reached the
 * client) must still be there after a restart, with its body intact.
 */
describe.each(DIALECTS)('%s: acknowledged posts survive kill -9', (dialect) => {
  afterAll(killAllServers)

  it('keeps every acknowledged post', async () => {
    const store = await createTestDatabase(dialect)
    const env: Record<string, string> = { DATA_DIR: store.dataDir, ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}) }
    let server = await startServer(env)
    const client = clientFor(() => server.url, await setupAdminOver(server.url))
    const created = await client.post<{ slug: string }>('/api/communities', {
      name: 'Burst',
      slug: 'burst',
      purpose: 'kill test',
      visibility: 'open',
    })
    expect(created.status).toBe(201)

    const acknowledged = new Map<number, string>()
    let stop = false
    let attempts = 0
    const worker = async (w: number) => {
      for (let i = 0; !stop && i < 5000; i++) {
        const body = `post ${w}-${i} ${'x'.repeat(i % 50)}`
        attempts++
        try {
          const res = await client.post<{ id: number }>('/api/communities/burst/posts', {
            kind: 'question',
            title: `Question ${w}-${i}`,
            body,
          })
          if (res.status === 201) acknowledged.set(res.body.id, body)
        } catch {
          return // the server is gone
        }
      }
    }
    const workers = Array.from({ length: 8 }, (_, w) => worker(w))
    while (acknowledged.size < 150) await sleep(20)
    await server.kill()
    stop = true
    await Promise.all(workers)
    expect(acknowledged.size).toBeGreaterThanOrEqual(150)

    server = await startServer(env)
    const missing: number[] = []
    for (const [id, body] of acknowledged) {
      const res = await client.get<{ post: { body: string } }>(`/api/posts/${id}`)
      if (res.status !== 200 || res.body.post.body !== body) missing.push(id)
    }
    expect(missing, `lost ${missing.length} of ${acknowledged.size} acknowledged posts (${attempts} attempted)`).toEqual([])
    const feed = await client.get<{ items: unknown[] }>('/api/communities/burst/feed?limit=5')
    expect(feed.status).toBe(200)
    await server.kill()
    await store.drop()
  }, 180_000)
})
