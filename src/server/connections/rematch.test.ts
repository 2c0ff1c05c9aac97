import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { newId, nowIso } from '../platform/time.js'
import { rematchSeed } from './matching.js'
import { rematch } from './responses.js'
import type { ConnectionsDeps } from './service.js'
import { findMatchesOfRound, findMembers, findProgramme, insertMatches, insertProgramme, insertRound, upsertParticipant } from './store.js'

// A rematch is reproducible: its seed comes from the round and the matches that ended in it, not from the time,
// so the same state of a round gives the same new matches (review finding: it used `Date.now() % 1000`).

class Rollback extends Error {}

describe('rematchSeed', () => {
  it('depends on the round and its ended matches, not on their order', () => {
    expect(rematchSeed('r1', ['a', 'b'])).toBe(rematchSeed('r1', ['b', 'a']))
    expect(rematchSeed('r1', ['a', 'b'])).not.toBe(rematchSeed('r1', ['a']))
    expect(rematchSeed('r1', ['a'])).not.toBe(rematchSeed('r2', ['a']))
    expect(Number.isInteger(rematchSeed('r1', []))).toBe(true)
  })
})

describe.each(DIALECTS)('%s: rematch', (dialect) => {
  let t: TestApp
  let deps: ConnectionsDeps
  const programmeId = newId()
  const roundId = newId()

  beforeAll(async () => {
    t = await createTestApp(dialect)
    deps = {
      db: t.app.db,
      jobs: t.app.jobs,
      bus: t.app.bus,
      clock: t.app.clock,
      mailer: t.app.mailer,
      config: t.app.config,
      log: t.app.log,
    }
    const owner = await buildPerson(t.app)
    await insertProgramme(t.app.db, {
      id: programmeId,
      kind: 'lunch',
      name: 'Lunch',
      description: '',
      owner_id: owner.id,
      department: '',
      cadence_days: 0,
      duration_weeks: 4,
      repeat_rounds: 0,
      cross_department: 0,
      status: 'open',
      next_round_at: null,
      created_at: nowIso(),
    })
    // Ten people alike (one department, no ties, no skills): every pairing is worth the same, so only the seed
    // decides which one the matcher returns. All five pairs of the round were declined.
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const p = await buildPerson(t.app, { department: 'Engineering' })
      ids.push(p.id)
      await upsertParticipant(t.app.db, {
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
    await insertRound(t.app.db, {
      id: roundId,
      programme_id: programmeId,
      number: 1,
      status: 'approved',
      objective: 0,
      created_at: nowIso(),
      approved_at: nowIso(),
      approved_by: owner.id,
    })
    const matches = Array.from({ length: 5 }, () => ({
      id: newId(),
      round_id: roundId,
      programme_id: programmeId,
      status: 'declined' as const,
      score: 0,
      reasons: '[]',
      proposed_by: null,
      created_at: nowIso(),
    }))
    await insertMatches(
      t.app.db,
      matches,
      matches.flatMap((m, k) =>
        [ids[2 * k]!, ids[2 * k + 1]!].map((personId, j) => ({
          match_id: m.id,
          person_id: personId,
          role: 'member' as const,
          response: j === 0 ? ('declined' as const) : ('accepted' as const),
          responded_at: nowIso(),
          notified_at: nowIso(),
          reflection: null,
          reminded_at: null,
        })),
      ),
    )
  }, 60_000)
  afterAll(async () => {
    await t?.close()
  })

  /** The pairs a rematch of the round would propose now; rolled back, so every call starts from the same state. */
  async function dryRematch(): Promise<string[]> {
    let pairs: string[] = []
    const programme = (await findProgramme(t.app.db, programmeId))!
    await t.app.db
      .transaction()
      .execute(async (tx) => {
        await rematch(deps, tx, programme, roundId)
        const fresh = (await findMatchesOfRound(tx, roundId)).filter((m) => m.status === 'proposed')
        const members = await findMembers(
          tx,
          fresh.map((m) => m.id),
        )
        pairs = fresh.map((m) =>
          members
            .filter((x) => x.match_id === m.id)
            .map((x) => x.person_id)
            .sort()
            .join(' '),
        )
        throw new Rollback()
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err
      })
    return pairs.sort()
  }

  it('gives the same new matches for the same state of the round, whenever it runs', async () => {
    const first = await dryRematch()
    expect(first.length).toBeGreaterThanOrEqual(4)
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 3 + i * 7))
      expect(await dryRematch()).toEqual(first)
    }
  })
})
