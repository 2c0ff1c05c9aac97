import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../helpers/app.js'
import { migrateToLatest } from '../../src/server/platform/db/migrate.js'
import { down } from '../../src/server/platform/db/migrations/0038-learning-maps.js'

// Branches land in any order: a database that ran 0039 before 0038 existed (a build of main between the two
// merges) must still start, running 0038 late, rather than refuse with "corrupted migrations".
describe.each(DIALECTS)('%s: a migration that landed after a later one', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(async () => t.close())

  it('runs late, and the app starts', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.app.db as unknown as Kysely<any>
    await down(db)
    await db.deleteFrom('kysely_migration').where('name', '=', '0038-learning-maps').execute()
    await migrateToLatest(db)
    const names = (await db.selectFrom('kysely_migration').select('name').execute()).map((r: { name: string }) => r.name)
    expect(names).toContain('0038-learning-maps')
    expect(await db.selectFrom('learning_map_node').select('id').execute()).toEqual([])
  })
})
