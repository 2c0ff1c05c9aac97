import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app.js'
import { draftRound } from '../../src/server/connections/rounds.js'
import { insertProgramme, upsertParticipant } from '../../src/server/connections/store.js'
import { loadConfig } from '../../src/server/platform/config.js'
import { newId, nowIso } from '../../src/server/platform/time.js'
import { createTestDatabase, DIALECTS, setupAdmin, type Dialect } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { startSmtpServer } from '../helpers/smtp.js'
import { clientFor, killAllServers, sleep, startServer } from './server-process.js'

const PEOPLE = 120

/** Counts of the round's members, read beside the server (a read-only SQLite handle, or a pg client). */
async function openCounter(dialect: Dialect, store: { dataDir: string; databaseUrl: string | undefined }) {
  const q = 'select count(*) as n from connection_member where notified_at is not null'
  if (dialect === 'sqlite') {
    const db = new SqliteDatabase(path.join(store.dataDir, 'wellspring.db'), { readonly: true, fileMustExist: true })
    return { notified: async () => Number((db.prepare(q).get() as { n: number }).n), close: async () => void db.close() }
  }
  const client = new pg.Client({ connectionString: store.databaseUrl })
  await client.connect()
  return { notified: async () => Number((await client.query<{ n: string }>(q)).rows[0]?.n ?? 0), close: () => client.end() }
}

/**
 * kill -9 while an approved lunch round is being announced, then restart on the same data. Every member is
 * told once: each is stamped exactly once, and each receives one proposal (a mail in flight at the kill may be
 * handed to SMTP again, but as the same message, with the same Message-ID, which mail clients show once).
 */
describe.each(DIALECTS)('%s: a round survives kill -9 while its matches are announced', (dialect) => {
  afterAll(killAllServers)

  it('neither loses nor doubles a notice', async () => {
    const store = await createTestDatabase(dialect)
    const smtp = await startSmtpServer()
    // Prepare in process: the admin, the people, a lunch programme with everyone in it, and its draft round.
    const config = loadConfig({}, { dataDir: store.dataDir, databaseUrl: store.databaseUrl, logLevel: 'silent', webDir: '/nonexistent' })
    const local = await buildApp(config)
    const admin = await setupAdmin(local)
    const programmeId = newId()
    await insertProgramme(local.db, {
      id: programmeId,
      kind: 'lunch',
      name: 'Lunch',
      description: '',
      owner_id: admin.id,
      department: '',
      cadence_days: 0,
      duration_weeks: 4,
      repeat_rounds: 1,
      cross_department: 1,
      status: 'open',
      next_round_at: null,
      created_at: nowIso(),
    })
    const emails: string[] = []
    for (let i = 0; i < PEOPLE; i++) {
      const p = await buildPerson(local, { email: `lunch-${i}@kill.test`, department: `D${i % 5}` })
      emails.push(p.email)
      await upsertParticipant(local.db, {
        programme_id: programmeId,
        person_id: p.id,
        role: 'member',
        capacity: 1,
        who_am_i: '',
        want_to_become: '',
        goals: '',
        skills_offered: '[]',
        skills_wanted: '[]',
        status: 'active',
        joined_at: nowIso(),
      })
    }
    const deps = {
      db: local.db,
      jobs: local.jobs,
      bus: local.bus,
      clock: local.clock,
      mailer: local.mailer,
      config: local.config,
      log: local.log,
    }
    const roundId = (await draftRound(deps, programmeId, Date.now()))!
    await local.close()

    const env: Record<string, string> = {
      DATA_DIR: store.dataDir,
      JOB_LEASE_MS: '2000',
      SMTP_HOST: smtp.host,
      SMTP_PORT: String(smtp.port),
      ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    }
    let server = await startServer(env)
    const counter = await openCounter(dialect, store)
    try {
      const client = clientFor(() => server.url, { cookie: admin.cookie, csrf: admin.csrfToken })
      expect((await client.post(`/api/connections/rounds/${roundId}/approval`, {})).status).toBe(200)
      // Kill once some, but not all, proposals have gone out (bounded: about a minute).
      for (let i = 0; i < 6000 && smtp.messages.length < PEOPLE / 4; i++) await sleep(10)
      await server.kill()
      const atKill = { notified: await counter.notified(), mailed: smtp.messages.length }
      expect(atKill.mailed, `killed too late to test anything: ${server.output()}`).toBeLessThan(PEOPLE)
      expect(atKill.mailed, `no mail before the kill: ${server.output()}`).toBeGreaterThan(0)

      server = await startServer(env)
      for (let i = 0; i < 600; i++) {
        const told = new Set(smtp.messages.map((m) => m.to[0]))
        if (emails.every((e) => told.has(e))) break
        await sleep(100)
      }
      await sleep(3000) // long enough for a lease to lapse and any duplicate to show up
      expect(await counter.notified()).toBe(PEOPLE)
      for (const email of emails) {
        const mine = smtp.messages.filter((m) => m.to.includes(email) && /lunch match/.test(m.subject))
        expect(mine.length, `${email} got no proposal (killed at ${JSON.stringify(atKill)})`).toBeGreaterThan(0)
        expect(new Set(mine.map((m) => m.headers['message-id'])).size, `${email} got two different proposals`).toBe(1)
      }
      // Only a mail in flight at the kill may be handed over again.
      expect(smtp.messages.length).toBeLessThanOrEqual(PEOPLE + 1)
    } finally {
      await server.kill()
      await counter.close()
      await smtp.close()
      await store.drop()
    }
  }, 300_000)
})
