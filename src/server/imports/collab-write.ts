// Writes imported collaboration events (Slack, email metadata, generic CSV) to the interaction log: outside
// accounts become people (by an admin's link, by email, or as placeholders), opted-out people are left out, and
// each source event is written at most once.
import { createHash } from 'node:crypto'
import { recordKeyedInteractions, type KeyedInteractionInput } from '../insights/service.js'
import { matchingProfiles } from '../people/lookup.js'
import { resolveImportedPeople } from '../people/service.js'
import type { Db } from '../platform/db/dialect.js'
import { nowIso } from '../platform/time.js'
import { findLinkedPeople, insertIdentities } from './collab-store.js'

export type CollabSource = 'slack' | 'email' | 'csv'

/** An outside account: a Slack member, an email address. */
export interface CollabAccount {
  /** Names the account for good (`slack:T1:U1`, `email:ana@example.com`). */
  claimKey: string
  name: string
  email?: string
}

/** One event between two accounts, with the key of its source event. */
export interface CollabEvent {
  actor: string
  target: string
  kind: string
  topics: string[]
  at: string
  weight: number
  ref: string
}

export interface CollabWriteResult {
  /** Distinct people (or placeholders) the accounts resolved to. */
  people: number
  matched: number
  placeholders: number
  /** Events between two different people, neither opted out: what the log holds of this import. */
  interactions: number
  new_interactions: number
  /** Events left out because someone in them opted out of analytics. */
  opted_out: number
}

const TX_BATCH = 1000

/**
 * The placeholder's own address: readable, and unique through a hash of the whole key, since folding the key to
 * address characters alone would make `ana@x.example` and `ana.x@example` one person.
 */
function placeholderAddress(source: CollabSource, claimKey: string): string {
  const readable = claimKey
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .slice(0, 40)
  return `${readable}-${createHash('sha256').update(claimKey).digest('hex').slice(0, 10)}@${source}.imported.invalid`
}

/**
 * Resolves the accounts, then writes the events whose two sides are people who have not opted out. Re-running
 * with the same events writes nothing (the log's unique key per source event).
 */
export async function writeCollabEvents(
  db: Db,
  source: CollabSource,
  accounts: readonly CollabAccount[],
  events: readonly CollabEvent[],
  progress?: (done: number, total: number) => Promise<void>,
): Promise<CollabWriteResult> {
  const person = new Map<string, string>()
  let matched = 0
  let placeholders = 0
  await db.transaction().execute(async (tx) => {
    const linked = await findLinkedPeople(
      tx,
      accounts.map((a) => a.claimKey),
    )
    const rest = accounts.filter((a) => !linked.has(a.claimKey))
    for (const [key, id] of linked) person.set(key, id)
    const resolved = await resolveImportedPeople(
      tx,
      rest.map((a) => ({
        claimKey: a.claimKey,
        email: a.email,
        name: a.name,
        // A placeholder's address must not be the account's own: a person who joins later with it is someone else
        // until an admin links them.
        placeholderEmail: placeholderAddress(source, a.claimKey),
        placeholderTitle: `Imported from ${source === 'slack' ? 'Slack' : source === 'email' ? 'email metadata' : 'a CSV log'}`,
      })),
    )
    const identities = []
    for (const a of rest) {
      const r = resolved.get(a.claimKey)
      if (!r) continue
      person.set(a.claimKey, r.personId)
      if (r.how === 'email' && !r.placeholder) matched++
      if (r.how === 'created') placeholders++
      if (r.placeholder)
        identities.push({
          claim_key: a.claimKey,
          source,
          placeholder_id: r.personId,
          name: a.name.slice(0, 120),
          person_id: null,
          linked_by: null,
          linked_at: null,
          created_at: nowIso(),
        })
    }
    await insertIdentities(tx, identities)
  })

  const profiles = await matchingProfiles(db, [...new Set(person.values())])
  const optedOut = new Set([...profiles.values()].filter((p) => p.analyticsOptOut).map((p) => p.id))
  const rows: KeyedInteractionInput[] = []
  let skipped = 0
  for (const e of events) {
    const actorId = person.get(e.actor)
    const targetId = person.get(e.target)
    if (!actorId || !targetId || actorId === targetId) continue
    if (optedOut.has(actorId) || optedOut.has(targetId)) {
      skipped++
      continue
    }
    rows.push({ actorId, targetId, kind: e.kind, communityId: null, topics: e.topics, weight: e.weight, at: e.at, source, ref: e.ref })
  }
  let created = 0
  for (let i = 0; i < rows.length; i += TX_BATCH) {
    created += await db.transaction().execute((tx) => recordKeyedInteractions(tx, rows.slice(i, i + TX_BATCH)))
    await progress?.(Math.min(i + TX_BATCH, rows.length), rows.length)
  }
  return {
    people: new Set(person.values()).size,
    matched,
    placeholders,
    interactions: rows.length,
    new_interactions: created,
    opted_out: skipped,
  }
}
