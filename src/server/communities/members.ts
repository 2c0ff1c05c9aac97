import type { Member } from '../../shared/communities.js'
import { personSummariesById } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import { findMembers } from './store.js'

/** A community's members with their roles, longest in their role first; erased people are left out. */
export async function membersOf(db: Db, communityId: string): Promise<Member[]> {
  const rows = await findMembers(db, communityId)
  const people = await personSummariesById(
    db,
    rows.map((r) => r.person_id),
    { exceptErased: true },
  )
  return rows.flatMap((r) => {
    const person = people.get(r.person_id)
    return person ? [{ person, role: r.role, joinedAt: r.joined_at, roleSince: r.role_since }] : []
  })
}
