import type { Db, Tx } from '../db/dialect.js'
import { JOB_PRIORITY, type ScheduleSpec } from './types.js'
import { advanceSchedule, findDueSchedules, findSchedules, insertMissingSchedules, updateSchedule } from './store.js'

/** The smallest interval a schedule may have: every node looks for due schedules only as often as it polls. */
const MIN_EVERY_MS = 1_000

/** Throws on a spec that could never work: a programming error, found when the app is built. */
export function validateSchedule(spec: ScheduleSpec): void {
  if (!spec.name || !spec.kind) throw new Error('a schedule needs a name and a job kind')
  if (!Number.isSafeInteger(spec.everyMs) || spec.everyMs < MIN_EVERY_MS) {
    throw new Error(`schedule ${spec.name}: everyMs must be a whole number of milliseconds, at least ${MIN_EVERY_MS}`)
  }
}

/**
 * The due time after `dueMs` once it has fired at `nowMs`: the first one still in the future, on the
 * schedule's own beat (due + k × every). Due times missed while no worker ran (or the clock jumped) are not
 * made up: the schedule fires once for all of them, and then keeps its beat. Recurring work here is "bring
 * things up to date" (digests, sweeps, timeouts), for which one late run does what the missed ones would.
 */
export function nextDueAfter(dueMs: number, everyMs: number, nowMs: number): number {
  if (dueMs > nowMs) return dueMs
  return dueMs + (Math.floor((nowMs - dueMs) / everyMs) + 1) * everyMs
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Writes the declared schedules to the table: a new one is first due `everyMs` from now (or at once, with
 * `firstRunNow`); an existing row keeps
 * its due time, unless its interval changed in code, in which case it is due no later than one new interval
 * from now. Kind, payload and priority follow the code. Safe on several nodes at once.
 */
export async function storeSchedules(db: Db, specs: ScheduleSpec[], nowMs: number): Promise<void> {
  const now = iso(nowMs)
  await insertMissingSchedules(
    db,
    specs.map((s) => ({
      name: s.name,
      kind: s.kind,
      payload: JSON.stringify(s.payload ?? {}),
      priority: s.priority ?? JOB_PRIORITY.normal,
      every_ms: s.everyMs,
      next_run_at: iso(s.firstRunNow ? nowMs : nowMs + s.everyMs),
      last_run_at: null,
      updated_at: now,
    })),
  )
  const rows = new Map(
    (
      await findSchedules(
        db,
        specs.map((s) => s.name),
      )
    ).map((r) => [r.name, r]),
  )
  for (const spec of specs) {
    const row = rows.get(spec.name)
    if (!row) continue
    const payload = JSON.stringify(spec.payload ?? {})
    const priority = spec.priority ?? JOB_PRIORITY.normal
    if (row.kind === spec.kind && row.payload === payload && row.priority === priority && Number(row.every_ms) === spec.everyMs) continue
    const soonest = iso(nowMs + spec.everyMs)
    await updateSchedule(db, spec.name, {
      kind: spec.kind,
      payload,
      priority,
      every_ms: spec.everyMs,
      next_run_at: row.next_run_at < soonest ? row.next_run_at : soonest,
      updated_at: now,
    })
  }
}

/**
 * Fires the schedules of `specs` that are due at `nowMs`. Each fires in one transaction that moves its due
 * time on with a compare-and-set on the old value and enqueues its job with the key `schedule:<name>:<due>`:
 * of any number of nodes that found it due, one enqueues, and a crash in between leaves both undone.
 * Returns how many jobs this call enqueued.
 */
export async function fireDueSchedules(
  db: Db,
  specs: ReadonlyMap<string, ScheduleSpec>,
  nowMs: number,
  enqueue: (tx: Tx, spec: ScheduleSpec, dedupKey: string) => Promise<string>,
): Promise<number> {
  const now = iso(nowMs)
  const due = await findDueSchedules(db, [...specs.keys()], now)
  let fired = 0
  for (const row of due) {
    const spec = specs.get(row.name)
    if (!spec) continue
    const next = iso(nextDueAfter(Date.parse(row.next_run_at), Number(row.every_ms), nowMs))
    const won = await db.transaction().execute(async (tx) => {
      if (!(await advanceSchedule(tx, row.name, row.next_run_at, next, now))) return false
      await enqueue(tx, spec, `schedule:${row.name}:${row.next_run_at}`)
      return true
    })
    if (won) fired++
  }
  return fired
}
