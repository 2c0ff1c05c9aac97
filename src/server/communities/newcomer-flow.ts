import type { Db } from '../platform/db/dialect.js'

// How newcomers move into communities, for insights' exclusion report (principle 6: communities closed to
// newcomers). Reads communities' own tables; returns ids only, so the caller applies its privacy rules.

/** Per community: who joined as a newcomer since `since`, and who moved on from newcomer since then. */
export async function findNewcomerFlow(
  db: Db,
  since: string,
): Promise<{ communityId: string; joined: string[]; promoted: string[]; waiting: string[] }[]> {
  const events = await db
    .selectFrom('membership_event')
    .select(['community_id', 'person_id', 'from_role', 'to_role'])
    .where('at', '>', since)
    .execute()
  const waiting = await db.selectFrom('membership').select(['community_id', 'person_id']).where('role', '=', 'newcomer').execute()
  const flow = new Map<string, { joined: Set<string>; promoted: Set<string>; waiting: Set<string> }>()
  const of = (id: string) => {
    let f = flow.get(id)
    if (!f) flow.set(id, (f = { joined: new Set(), promoted: new Set(), waiting: new Set() }))
    return f
  }
  for (const e of events) {
    if (e.from_role === null && e.to_role === 'newcomer') of(e.community_id).joined.add(e.person_id)
    if (e.from_role === 'newcomer' && e.to_role !== null && e.to_role !== 'newcomer') of(e.community_id).promoted.add(e.person_id)
  }
  for (const w of waiting) of(w.community_id).waiting.add(w.person_id)
  return [...flow].map(([communityId, f]) => ({
    communityId,
    joined: [...f.joined],
    promoted: [...f.promoted],
    waiting: [...f.waiting],
  }))
}
