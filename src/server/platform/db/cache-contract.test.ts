import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js'
import { ANY_WRITE, TABLE_CHANGED_CHANNEL, TableWatch, type WriteInvalidatedCache, type WriteKind } from './write-invalidated.js'

type Contract = Record<string, string[]>

const KIND_OF_EVENT: Record<string, WriteKind> = { INSERT: 'InsertQueryNode', UPDATE: 'UpdateQueryNode', DELETE: 'DeleteQueryNode' }

/** table -> the kinds of write that drop something, over every registered cache and watch. */
function declared(caches: readonly WriteInvalidatedCache[]): Contract {
  const out: Record<string, Set<string>> = {}
  for (const cache of caches)
    for (const [table, kinds] of Object.entries(cache.watchedTables())) for (const k of kinds) (out[table] ??= new Set()).add(k)
  return Object.fromEntries(Object.entries(out).map(([t, kinds]) => [t, [...kinds].sort()]))
}

/** The differences between what the caches watch and what the triggers announce, one line each. */
function mismatches(watched: Contract, announced: Contract): string[] {
  const lines: string[] = []
  for (const table of new Set([...Object.keys(watched), ...Object.keys(announced)])) {
    const w = watched[table] ?? []
    const a = announced[table] ?? []
    for (const k of w) if (!a.includes(k)) lines.push(`${table}: a cache drops on ${k}, but no trigger announces it to other nodes`)
    for (const k of a) if (!w.includes(k)) lines.push(`${table}: a trigger announces ${k}, but no cache or watch declares it`)
  }
  return lines.sort()
}

// docs/cache-contract.md: what each node keeps in memory must hear every other node's writes to the tables it
// is derived from. The caches declare their tables; migration 0016's triggers announce writes on PostgreSQL.
// The two lists must match: a table watched but not announced leaves other nodes stale, and a trigger nobody
// listens to is a leftover.
describe('postgres: the tables each cache watches are the tables the NOTIFY triggers announce', () => {
  let t: TestApp
  let announced: Contract
  beforeAll(async () => {
    t = await createTestApp('postgres')
    const rows = await sql<{ table: string; event: string; action: string }>`
      select event_object_table as "table", event_manipulation as event, action_statement as action
      from information_schema.triggers
      where trigger_schema = current_schema()`.execute(t.app.db)
    const out: Record<string, Set<string>> = {}
    for (const r of rows.rows) {
      // Other channels (if any) serve other ends; this one is the caches'.
      if (!r.action.includes('ws_notify_table_changed()')) continue
      const kind = KIND_OF_EVENT[r.event]
      if (kind) (out[r.table] ??= new Set()).add(kind)
    }
    announced = Object.fromEntries(Object.entries(out).map(([table, kinds]) => [table, [...kinds].sort()]))
  })
  afterAll(async () => t.close())

  it('every watched write is announced, and every announcement is watched', () => {
    expect(Object.keys(announced).length).toBeGreaterThan(0)
    expect(mismatches(declared(t.app.caches.all()), announced)).toEqual([])
  })

  it('names the table on the channel the app listens to', async () => {
    const fns = await sql<{ name: string; source: string }>`
      select p.proname as name, p.prosrc as source from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = current_schema() and p.proname = 'ws_notify_table_changed'`.execute(t.app.db)
    expect(fns.rows).toHaveLength(1)
    expect(fns.rows[0]?.source).toContain(`pg_notify('${TABLE_CHANGED_CHANNEL}', TG_TABLE_NAME)`)
  })

  it('fails when a cache watches a table no trigger announces, or a kind of write it does not', () => {
    const planted = new TableWatch({ job: ANY_WRITE, session: ANY_WRITE })
    expect(mismatches(declared([...t.app.caches.all(), planted]), announced)).toEqual([
      'job: a cache drops on DeleteQueryNode, but no trigger announces it to other nodes',
      'job: a cache drops on InsertQueryNode, but no trigger announces it to other nodes',
      'job: a cache drops on UpdateQueryNode, but no trigger announces it to other nodes',
      'session: a cache drops on InsertQueryNode, but no trigger announces it to other nodes',
    ])
    const { post: _dropped, ...withoutPost } = declared(t.app.caches.all())
    expect(mismatches(withoutPost, announced)).toEqual([
      'post: a trigger announces DeleteQueryNode, but no cache or watch declares it',
      'post: a trigger announces InsertQueryNode, but no cache or watch declares it',
      'post: a trigger announces UpdateQueryNode, but no cache or watch declares it',
    ])
  })
})
