import type { Db } from './db/dialect.js'
import { newId, nowIso } from './time.js'

/** Appends to the audit log: who did what to whom. Pass a transaction to record it with the change. */
export async function recordAudit(db: Db, actorId: string | null, action: string, target: string, detail: object = {}): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: newId(), actor_id: actorId, action, target, detail: JSON.stringify(detail), at: nowIso() })
    .execute()
}
