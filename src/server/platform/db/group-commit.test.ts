import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../../../test/helpers/app.js'
import { recordAudit } from '../audit.js'
import { openDatabase, type Database } from './database.js'
import type { Db } from './dialect.js'
import { inWriteTransaction } from './group-commit.js'

describe.each(DIALECTS)('%s: inWriteTransaction', (dialect) => {
  let database: Database
  let store: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    store = await createTestDatabase(dialect)
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
  })
  afterAll(async () => {
    await database.close()
    await store.drop()
  })

  // Rows of platform's own audit log stand in for any write; each row's target is its name.
  const insertRow = (db: Db, name: string) => recordAudit(db, null, 'group-commit-test', name)
  const names = async (prefix: string) =>
    (await database.db.selectFrom('audit_log').select('target').where('target', 'like', `${prefix}%`).orderBy('target').execute()).map(
      (r) => r.target,
    )

  it('writes what each caller did, rolls back only the caller that failed, and gives each its own result', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        inWriteTransaction(database.db, async (tx) => {
          await insertRow(tx, `Group ${i}`)
          // The failing caller wrote a row first: it must not stay.
          if (i === 3) throw new Error('caller 3 fails')
          return i * 10
        }),
      ),
    )
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      0,
      10,
      20,
      'caller 3 fails',
      40,
      50,
      60,
      70,
    ])
    expect(await names('Group ')).toEqual(['Group 0', 'Group 1', 'Group 2', 'Group 4', 'Group 5', 'Group 6', 'Group 7'])
  })

  it('answers nobody before their writes are committed', async () => {
    const seenByOthers: number[] = []
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        inWriteTransaction(database.db, async (tx) => {
          await insertRow(tx, `Committed ${i}`)
          return i
        }).then(async () => {
          // A fresh connection (a new handle) sees only committed rows.
          const other = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
          try {
            const n = (await other.db.selectFrom('audit_log').select('target').where('target', '=', `Committed ${i}`).execute()).length
            seenByOthers.push(n)
          } finally {
            await other.close()
          }
        }),
      ),
    )
    expect(seenByOthers).toEqual([1, 1, 1, 1, 1])
  })
})
