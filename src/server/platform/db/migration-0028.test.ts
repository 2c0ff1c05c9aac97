import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../../test/helpers/app.js'
import { buildPerson } from '../../../../test/helpers/factories.js'
import { newId } from '../time.js'
import { down, up } from './migrations/0028-connections-lifecycle.js'

// Migration 0028 gives programmes made before it their end (creation plus duration) and keeps connections'
// mail for people who already had mail choices (the new 'connection' kind joins any non-empty choice). It is
// run again here (down, then up) on rows written as a release before it left them.
describe.each(DIALECTS)('%s: migration 0028', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(async () => t.close())

  it('sets ends_at from the duration and adds the connection kind to non-empty mail choices', async () => {
    await down(t.app.db)
    const owner = await buildPerson(t.app)
    const id = newId()
    // The schema as it was before 0028, which the app's table types no longer describe.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = t.app.db as unknown as Kysely<any>
    await db
      .insertInto('programme')
      .values({
        id,
        kind: 'mentoring',
        name: 'Before',
        description: '',
        owner_id: owner.id,
        department: '',
        cadence_days: 0,
        duration_weeks: 3,
        repeat_rounds: 0,
        cross_department: 0,
        status: 'open',
        next_round_at: null,
        created_at: '2030-01-01T00:00:00.000Z',
      })
      .execute()
    const [a, b, c] = [await buildPerson(t.app), await buildPerson(t.app), await buildPerson(t.app)]
    const pref = (personId: string, kinds: string[]) => ({
      person_id: personId,
      email_kinds: JSON.stringify(kinds),
      digest: 'none',
      last_digest_at: null,
    })
    await db
      .insertInto('notification_pref')
      .values([pref(a.id, ['mention']), pref(b.id, []), pref(c.id, ['answer', 'connection'])])
      .execute()
    await up(t.app.db)
    const row = await db.selectFrom('programme').select(['ends_at', 'group_size']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ ends_at: '2030-01-22T00:00:00.000Z', group_size: 2 })
    const prefs = await db
      .selectFrom('notification_pref')
      .select(['person_id', 'email_kinds'])
      .where('person_id', 'in', [a.id, b.id, c.id])
      .execute()
    const kinds = new Map(
      prefs.map((p: { person_id: string; email_kinds: string }) => [p.person_id, JSON.parse(p.email_kinds) as string[]]),
    )
    expect(kinds.get(a.id)).toEqual(['mention', 'connection'])
    expect(kinds.get(b.id)).toEqual([])
    expect(kinds.get(c.id)).toEqual(['answer', 'connection'])
  })
})
