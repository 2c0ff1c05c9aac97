import type { Db } from '../platform/db/dialect.js'

// The asks domain's reads that other domains may use.

/**
 * Of `personIds`, who does not want to be named as knowing `tags`: people who opted out of being asked, and,
 * per tag, people who hid that topic. Maps of who knows what (learning maps) leave them out.
 */
export async function unaskable(
  db: Db,
  personIds: readonly string[],
): Promise<{ optedOut: Set<string>; hidden: Map<string, Set<string>> }> {
  const optedOut = new Set<string>()
  const hidden = new Map<string, Set<string>>()
  for (let i = 0; i < personIds.length; i += 500) {
    const ids = personIds.slice(i, i + 500)
    const off = await db.selectFrom('availability').select('person_id').where('person_id', 'in', ids).where('opted_out', '=', 1).execute()
    for (const r of off) optedOut.add(r.person_id)
    const topics = await db.selectFrom('hidden_topic').select(['person_id', 'tag']).where('person_id', 'in', ids).execute()
    for (const r of topics) hidden.set(r.person_id, (hidden.get(r.person_id) ?? new Set()).add(r.tag))
  }
  return { optedOut, hidden }
}
