import { afterAll, describe, expect, it } from 'vitest'
import type { AdminPeoplePage, RosterImport } from '../../src/shared/schemas.js'
import { bigRosterCsv } from '../../src/server/people/roster-test-support.js'
import { createTestDatabase, DIALECTS } from '../helpers/app.js'
import { openProbe, type JobState } from './db-probe.js'
import { clientFor, killAllServers, setupAdminOver, sleep, startServer } from './server-process.js'

const ROWS = 20_000
const DOMAIN = 'dura.test'

/**
 * kill -9 in the middle of a 20,000-row roster apply, then restart on the same data. The job must end (done
 * after resuming, or failed and saying so), never stay stuck, and the people must all be there or none.
 * Two kill points: while rows are being checked, and once the apply transaction has begun.
 */
describe.each(DIALECTS)('%s: roster import survives kill -9', (dialect) => {
  afterAll(killAllServers)

  it.each(['checking', 'applying'] as const)(
    'killed while %s: the job ends and the roster is applied whole or not at all',
    async (stage) => {
      const store = await createTestDatabase(dialect)
      const env: Record<string, string> = {
        DATA_DIR: store.dataDir,
        JOB_LEASE_MS: '2000',
        ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
      }
      let server = await startServer(env)
      const probe = await openProbe(dialect, store)
      try {
        const client = clientFor(() => server.url, await setupAdminOver(server.url))
        const posted = await client.post<RosterImport>('/api/admin/roster/imports', {
          filename: 'big.csv',
          csv: bigRosterCsv(ROWS, DOMAIN),
          mode: 'apply',
        })
        expect(posted.status).toBe(202)

        // Watch the job row from beside the server, and kill it at the chosen point (bounded: about a minute).
        // The job writes the 'Applying …' label just before it opens the apply transaction.
        let atKill: JobState | undefined
        for (let i = 0; i < 6000; i++) {
          atKill = await probe.job(posted.body.job.id)
          if (atKill?.status === 'done' || atKill?.status === 'failed') break
          if (atKill?.status === 'running' && (stage === 'checking' ? atKill.progress > 0 : atKill.progress_label.startsWith('Applying')))
            break
          await sleep(10)
        }
        expect(atKill?.status, 'the job never started').not.toBe('queued')
        await server.kill()
        // Right after the crash, before anything recovers: all of the roster or none of it.
        expect([0, ROWS]).toContain(await probe.countPeople(`@${DOMAIN}`))

        server = await startServer(env)
        let final: RosterImport | undefined
        for (let i = 0; i < 900; i++) {
          final = (await client.get<RosterImport>(`/api/admin/roster/imports/${posted.body.id}`)).body
          if (final.job.status === 'done' || final.job.status === 'failed') break
          await sleep(200)
        }
        expect(['done', 'failed'], `job stuck after restart (killed at ${JSON.stringify(atKill)}):\n${server.output()}`).toContain(
          final?.job.status,
        )

        const imported = await probe.countPeople(`@${DOMAIN}`)
        expect([0, ROWS]).toContain(imported)
        if (final?.job.status === 'done') {
          expect(final.report).toMatchObject({ rows: ROWS, errors: [], applied: true })
          expect(imported).toBe(ROWS)
        } else {
          expect(final?.job.error).toBeTruthy()
        }
        const listed = await client.get<AdminPeoplePage>('/api/admin/people?limit=1')
        expect(listed.body.total).toBe(imported + 1)
      } finally {
        await server.kill()
        await probe.close()
        await store.drop()
      }
    },
    300_000,
  )
})
