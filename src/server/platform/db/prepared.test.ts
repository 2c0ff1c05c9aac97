import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../../../test/helpers/app.js'
import { blankPerson } from '../../people/accounts.js'
import { insertPerson, type PersonRow } from '../../people/store.js'
import { openDatabase, type Database } from './database.js'
import type { Db } from './dialect.js'
import { prepareQuery } from './prepared.js'

const byDepartmentAndStatus = prepareQuery((db: Db, department: string, status: PersonRow['status']) =>
  db
    .selectFrom('person')
    .select(['name', sql<string>`${'x'}`.as('constant')])
    .where('department', '=', department)
    .where('status', '=', status)
    .orderBy('name'),
)

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
      await insertPerson(database.db, blankPerson({ email: `${name}@example.com`, name, department, status }))
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
        await insertPerson(tx, blankPerson({ email: 'dee@example.com', name: 'Dee', department: 'Legal' }))
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
        await insertPerson(tx, blankPerson({ email: 'eve@example.com', name: 'Eve', department: 'Audit' }))
        pending = byDepartmentAndStatus(database.db, 'Audit', 'active')
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await pending).toEqual([])
  })

  it('refuses a query that does not use an argument as a value', async () => {
    const unused = prepareQuery((db: Db, _department: string) => db.selectFrom('person').select('name'))
    await expect(unused(database.db, 'Data')).rejects.toThrow(/argument 0 is not used/)
  })
})
