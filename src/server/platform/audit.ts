import type { Db } from './db/dialect.js'
import { newId, nowIso } from './time.js'

/** Appends to the audit log: who did what to whom. Pass a transaction to record it with the change. */
export async function recordAudit(db: Db, actorId: string | null, action: string, target: string, detail: object = {}): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: newId(), actor_id: actorId, action, target, detail: JSON.stringify(detail), at: nowIso() })
    .execute()
}

/** The audit entries where a person acted or was the target, oldest first (for their data export). */
export function findAuditOf(db: Db, personId: string): Promise<{ action: string; target: string; detail: string; at: string }[]> {
  return db
    .selectFrom('audit_log')
    .select(['action', 'target', 'detail', 'at'])
    .where((eb) => eb.or([eb('actor_id', '=', personId), eb('target', '=', personId)]))
    .orderBy('at')
    .execute()
}

/** Audit entries of one action, optionally on one target, oldest first. */
export function findAuditEntries(db: Db, action: string, target?: string) {
  let q = db.selectFrom('audit_log').selectAll().where('action', '=', action)
  if (target !== undefined) q = q.where('target', '=', target)
  return q.orderBy('at').execute()
}
