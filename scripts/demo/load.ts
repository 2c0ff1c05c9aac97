import { blankPerson } from '../../src/server/people/accounts.js'
import { findPeopleByEmails, insertPeople } from '../../src/server/people/roster-store.js'
import type { PersonRow } from '../../src/server/people/store.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import { nowIso } from '../../src/server/platform/time.js'
import { tagsJson } from '../../src/shared/tags.js'
import type { DemoOrg } from './generate.js'
import type { DemoPerson } from './profiles.js'

export interface LoadResult {
  created: number
  /** Demo people already in the database (matched by email), left as they are. */
  existing: number
}

function toRow(p: DemoPerson, passwordHash: string, now: string): PersonRow {
  return blankPerson({
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    location: p.location,
    start_date: p.startDate,
    role: p.role,
    status: 'active',
    password_hash: passwordHash,
    who_am_i: p.whoAmI,
    want_to_become: p.wantToBecome,
    communities_wanted: p.communitiesWanted,
    aspiration_tags: tagsJson(p.aspirationTags),
    skills_offered: tagsJson(p.skillsOffered),
    skills_wanted: tagsJson(p.skillsWanted),
    created_at: now,
    updated_at: now,
  })
}

/**
 * Loads the demo organisation in one transaction. Idempotent by email: people already there (from an earlier
 * run, or real ones) are left untouched, and only the missing ones are inserted, managers before reports.
 */
export async function loadDemo(db: Db, org: DemoOrg, passwordHash: string): Promise<LoadResult> {
  return db.transaction().execute(async (tx) => {
    const existing = await findPeopleByEmails(
      tx,
      org.people.map((p) => p.email),
    )
    const ids = new Map(existing.map((p) => [p.email, p.id]))
    const now = nowIso()
    const rows: PersonRow[] = []
    // org.people lists every manager before their reports, so batches only point at rows already written.
    for (const p of org.people) {
      if (ids.has(p.email)) continue
      const row = toRow(p, passwordHash, now)
      row.manager_id = p.managerEmail === null ? null : (ids.get(p.managerEmail) ?? null)
      ids.set(p.email, row.id)
      rows.push(row)
    }
    await insertPeople(tx, rows)
    return { created: rows.length, existing: existing.length }
  })
}
