import crypto from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import type { Client } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { insertSession } from '../../src/server/platform/auth/store.js'
import type { PersonRow } from '../../src/server/people/store.js'
import { hashSecret, isoIn, newSecret, nowIso } from '../../src/server/platform/time.js'

/** The callers the authorization matrix distinguishes. A manager is a person with at least one report. */
export const ROLES = ['anonymous', 'member', 'manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface Caller {
  role: Role
  client: Client | null
  person: PersonRow | null
}

/**
 * A logged-in client for `personId`, made by writing a session row directly. Logging in through the API
 * would cost an scrypt hash per caller; the matrix needs hundreds of callers.
 */
export async function sessionClient(app: FastifyInstance, person: PersonRow, expiresAt = isoIn(3600_000)): Promise<Client> {
  const token = newSecret()
  const csrfToken = newSecret(24)
  await insertSession(app.db, {
    id: hashSecret(token),
    person_id: person.id,
    csrf_token: csrfToken,
    created_at: nowIso(),
    expires_at: expiresAt,
  })
  const cookie = `ws_session=${token}`
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrfToken, ...(opts.headers ?? {}) } })
  return {
    id: person.id,
    email: person.email,
    cookie,
    csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  }
}

/** A fresh caller of `role`, with its own person rows so calls never depend on one another. */
export async function newCaller(app: FastifyInstance, role: Role): Promise<Caller> {
  if (role === 'anonymous') return { role, client: null, person: null }
  const person = await buildPerson(app, { role: role === 'admin' ? 'admin' : 'member' })
  if (role === 'manager') await buildPerson(app, { manager_id: person.id })
  return { role, client: await sessionClient(app, person), person }
}

/** Sends `opts` as the caller: with their cookie and CSRF token, or anonymously. */
export function send(app: FastifyInstance, caller: Caller, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return caller.client ? caller.client.request(opts) : app.inject(opts)
}

export type Snapshot = Record<string, { rows: number; hash: string }>

const tableNames = new WeakMap<FastifyInstance, Promise<string[]>>()

/** Every table of the app's database (but the migrator's), looked up once per app. */
/** Tables every request may touch by design: rate-limit counters count refused requests too. */
const BOOKKEEPING = new Set(['rate_limit'])

function allTables(app: FastifyInstance): Promise<string[]> {
  let names = tableNames.get(app)
  if (!names) {
    names = app.db.introspection
      .getTables()
      .then((tables) => tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_') && !BOOKKEEPING.has(n)))
    tableNames.set(app, names)
  }
  return names
}

/**
 * Row count and a hash of every row of each table (every table of the database by default, so a new domain's
 * tables are watched without anyone remembering to add them). Rows are sorted by their JSON text, so the
 * snapshot does not depend on the order the database returns them in.
 */
export async function snapshotTables(app: FastifyInstance, tables?: readonly string[]): Promise<Snapshot> {
  const names = tables ?? (await allTables(app))
  const out: Snapshot = {}
  if (app.dialect.name === 'postgres') {
    // Hashed inside the database, all tables in one round trip: the rows never cross the wire.
    const parts = names.map(
      (t) =>
        sql`select ${t} as name, count(*)::int as rows, md5(coalesce(string_agg(x::text, chr(10) order by x::text), '')) as hash from ${sql.table(t)} x`,
    )
    const result = await sql<{ name: string; rows: number; hash: string }>`${sql.join(parts, sql` union all `)}`.execute(app.db)
    for (const r of result.rows) out[r.name] = { rows: r.rows, hash: r.hash }
    return out
  }
  for (const table of names) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(app.db)
    const lines = result.rows.map((r) => JSON.stringify(Object.values(r))).sort()
    out[table] = { rows: lines.length, hash: crypto.createHash('sha256').update(lines.join('\n')).digest('hex') }
  }
  return out
}

/** The smallest valid PNG (1×1, transparent). */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
)

export { buildPerson }
