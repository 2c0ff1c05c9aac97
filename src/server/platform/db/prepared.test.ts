import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../../../test/helpers/app.js'
import { recordAudit } from '../audit.js'
import { openDatabase, type Database } from './database.js'
import type { Db } from './dialect.js'
import { prepareQuery } from './prepared.js'

// Platform's own audit log stands in for any table: an entry's target plays a name, its action a department
// and its actor a status.
const byDepartmentAndStatus = prepareQuery((db: Db, department: string, status: string) =>
  db
    .selectFrom('audit_log')
    .select(['target as name', sql<string>`${'x'}`.as('constant')])
    .where('action', '=', department)
    .where('actor_id', '=', status)
    .orderBy('target'),
)

const insertRow = (db: Db, p: { name: string; department: string; status?: string }) =>
  recordAudit(db, p.status ?? 'active', p.department, p.name)

describe.each(DIALECTS)('%s: prepareQuery', (dialect) => {
  let database: Database
  let drop: () => Promise<void>

  beforeAll(async () => {
    const store = await createTestDatabase(dialect)
    drop = () => store.drop()
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
    for (const [name, department, status] of [
      ['Ada', 'Data', 'active'],
      ['Bea', 'Data', 'invited'],
      ['Cid', 'Sales', 'active'],
    ] as const) {
      await insertRow(database.db, { name, department, status })
    }
  })
  afterAll(async () => {
    await database.close()
    await drop()
  })

  it('swaps in new arguments on each call and keeps the constants of the query', async () => {
    expect(await byDepartmentAndStatus(database.db, 'Data', 'active')).toEqual([{ name: 'Ada', constant: 'x' }])
    expect(await byDepartmentAndStatus(database.db, 'Data', 'invited')).toEqual([{ name: 'Bea', constant: 'x' }])
    expect(await byDepartmentAndStatus(database.db, 'Sales', 'active')).toEqual([{ name: 'Cid', constant: 'x' }])
    expect(await byDepartmentAndStatus(database.db, 'Nowhere', 'active')).toEqual([])
  })

  it('runs inside a transaction and sees its uncommitted writes', async () => {
    await database.db
      .transaction()
      .execute(async (tx) => {
        await insertRow(tx, { name: 'Dee', department: 'Legal' })
        expect(await byDepartmentAndStatus(tx, 'Legal', 'active')).toEqual([{ name: 'Dee', constant: 'x' }])
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await byDepartmentAndStatus(database.db, 'Legal', 'active')).toEqual([])
  })

  it("does not read another request's transaction in progress", async () => {
    let pending: Promise<unknown> | undefined
    await database.db
      .transaction()
      .execute(async (tx) => {
        await insertRow(tx, { name: 'Eve', department: 'Audit' })
        pending = byDepartmentAndStatus(database.db, 'Audit', 'active')
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await pending).toEqual([])
  })

  it('refuses a query that does not use an argument as a value', async () => {
    const unused = prepareQuery((db: Db, _department: string) => db.selectFrom('audit_log').select('target'))
    await expect(unused(database.db, 'Data')).rejects.toThrow(/argument 0 is not used/)
  })
})
