import type { AssignmentsMade, AssignmentStatus, MyAssignment, NewAssignment } from '../../shared/learning.js'
import { canRead } from '../communities/lookup.js'
import { getPersonSummaries, managersOf } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, type Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import type { EventBus } from '../platform/events.js'
import { newId } from '../platform/time.js'
import type { LearningAssignmentTable, LearningModuleTable } from './rows.js'
import { visibleModule } from './service.js'

// Push learning, kept apart from pull: a manager asks their own reports (an admin, anyone) to take a catalogue
// item by a date. Whether it is done is read from the item's own tracking data (a lesson finished, every SCO of
// a package completed), so there is one truth. The asker sees their reports by name, anyone else only as counts.

export interface AssignmentDeps {
  db: Db
  bus: EventBus
  clock: Clock
  minAggregate: number
}

/** Where each (module, person) stands, from the item's own tracking data. */
async function statuses(
  db: Db,
  rows: readonly Pick<LearningAssignmentTable, 'module_id' | 'person_id'>[],
): Promise<Map<string, AssignmentStatus>> {
  const out = new Map<string, AssignmentStatus>()
  const moduleIds = [...new Set(rows.map((r) => r.module_id))]
  const personIds = [...new Set(rows.map((r) => r.person_id))]
  if (rows.length === 0) return out
  const key = (m: string, p: string) => `${m}|${p}`
  const lessons = await db
    .selectFrom('lesson_progress')
    .select(['module_id', 'person_id', 'completed_at'])
    .where('module_id', 'in', moduleIds)
    .where('person_id', 'in', personIds)
    .execute()
  for (const l of lessons) out.set(key(l.module_id, l.person_id), l.completed_at ? 'done' : 'in_progress')
  const sims = await db
    .selectFrom('simulation_attempt')
    .select(['module_id', 'person_id', 'finished_at'])
    .where('module_id', 'in', moduleIds)
    .where('person_id', 'in', personIds)
    .execute()
  for (const a of sims) out.set(key(a.module_id, a.person_id), a.finished_at ? 'done' : 'in_progress')
  const scos = await db
    .selectFrom('learning_item')
    .select(['module_id', 'position'])
    .where('module_id', 'in', moduleIds)
    .where('sco', '=', 1)
    .execute()
  const attempts = await db
    .selectFrom('scorm_attempt')
    .select(['module_id', 'person_id', 'position', 'completed_at'])
    .where('module_id', 'in', moduleIds)
    .where('person_id', 'in', personIds)
    .execute()
  for (const a of attempts) {
    const k = key(a.module_id, a.person_id)
    if (out.get(k) === undefined) out.set(k, 'in_progress')
  }
  for (const k of new Set(attempts.map((a) => key(a.module_id, a.person_id)))) {
    const [m, p] = k.split('|') as [string, string]
    const needed = scos.filter((s) => s.module_id === m).map((s) => s.position)
    const completed = new Set(attempts.filter((a) => a.module_id === m && a.person_id === p && a.completed_at).map((a) => a.position))
    if (needed.length > 0 && needed.every((n) => completed.has(n))) out.set(k, 'done')
  }
  return new Map(rows.map((r) => [key(r.module_id, r.person_id), out.get(key(r.module_id, r.person_id)) ?? 'not_started']))
}

const statusOf = (s: Map<string, AssignmentStatus>, r: Pick<LearningAssignmentTable, 'module_id' | 'person_id'>) =>
  s.get(`${r.module_id}|${r.person_id}`) ?? 'not_started'

/**
 * Assigns an item to people: a manager to their own direct reports, an admin to anyone active. Each must be
 * able to see the item (a closed community's item only to its members). Assigning again changes the due date
 * and note. The people newly assigned are told.
 */
export async function assign(deps: AssignmentDeps, viewer: Viewer, body: NewAssignment): Promise<{ assigned: number; updated: number }> {
  const module = await visibleModule(deps.db, viewer, body.moduleId)
  const managers = await managersOf(deps.db, body.personIds)
  const unknown = body.personIds.find((id) => !managers.has(id))
  if (unknown) throw new BadRequestError('unknown_person', `no active person ${unknown}`)
  if (!viewer.isAdmin) {
    const other = body.personIds.find((id) => managers.get(id) !== viewer.id)
    if (other) throw new ForbiddenError('not_your_report', 'managers assign learning to their own direct reports')
  }
  if (module.community_id)
    for (const id of body.personIds)
      if (!(await canRead(deps.db, id, module.community_id)))
        throw new BadRequestError('cannot_see_item', `${id} cannot open this item: it belongs to a community they are not in`)
  if (body.dueAt && Date.parse(body.dueAt) <= deps.clock.now()) throw new BadRequestError('due_in_past', 'a due date must be in the future')
  const now = clockIso(deps.clock)
  const dueAt = body.dueAt ? new Date(body.dueAt).toISOString() : null
  let assigned = 0
  let updated = 0
  await deps.bus.transaction(deps.db, async (tx, events) => {
    const existing = new Set(
      (
        await tx
          .selectFrom('learning_assignment')
          .select('person_id')
          .where('module_id', '=', module.id)
          .where('person_id', 'in', body.personIds)
          .execute()
      ).map((r) => r.person_id),
    )
    const fresh = body.personIds.filter((id) => !existing.has(id))
    for (const id of body.personIds) {
      if (existing.has(id)) {
        await tx
          .updateTable('learning_assignment')
          .set({ due_at: dueAt, note: body.note?.trim() ?? '', assigned_by: viewer.id, updated_at: now })
          .where('module_id', '=', module.id)
          .where('person_id', '=', id)
          .execute()
        updated++
      } else {
        await tx
          .insertInto('learning_assignment')
          .values({
            id: newId(),
            module_id: module.id,
            person_id: id,
            assigned_by: viewer.id,
            due_at: dueAt,
            note: body.note?.trim() ?? '',
            created_at: now,
            updated_at: now,
          })
          .execute()
        assigned++
      }
    }
    if (fresh.length > 0)
      await events.publish('learning.assigned', {
        moduleId: module.id,
        kind: module.kind,
        title: module.title,
        personIds: fresh,
        byId: viewer.id,
        dueAt,
      })
  })
  return { assigned, updated }
}

const itemRef = (m: Pick<LearningModuleTable, 'id' | 'kind' | 'title'>) => ({ id: m.id, kind: m.kind, title: m.title })

async function modulesById(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, Pick<LearningModuleTable, 'id' | 'kind' | 'title'>>()
  const rows = await db.selectFrom('learning_module').select(['id', 'kind', 'title']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r]))
}

/** What the viewer was asked to take, soonest due first. */
export async function myAssignments(deps: AssignmentDeps, viewer: Viewer): Promise<MyAssignment[]> {
  const rows = await deps.db.selectFrom('learning_assignment').selectAll().where('person_id', '=', viewer.id).execute()
  const [modules, people, status] = await Promise.all([
    modulesById(deps.db, [...new Set(rows.map((r) => r.module_id))]),
    getPersonSummaries(
      deps.db,
      rows.map((r) => r.assigned_by),
    ),
    statuses(deps.db, rows),
  ])
  const now = deps.clock.now()
  return rows
    .filter((r) => modules.has(r.module_id))
    .map((r) => {
      const by = r.assigned_by ? people.get(r.assigned_by) : undefined
      const s = statusOf(status, r)
      return {
        id: r.id,
        module: itemRef(modules.get(r.module_id)!),
        dueAt: r.due_at,
        note: r.note,
        assignedBy: by ? { id: by.id, name: by.name } : null,
        assignedAt: r.created_at,
        status: s,
        overdue: s !== 'done' && r.due_at !== null && Date.parse(r.due_at) < now,
      }
    })
    .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.module.title.localeCompare(b.module.title))
}

/** What the viewer assigned, per item (see AssignmentsMade for who is shown by name). */
export async function assignmentsMade(deps: AssignmentDeps, viewer: Viewer): Promise<AssignmentsMade['items']> {
  const rows = await deps.db
    .selectFrom('learning_assignment')
    .selectAll()
    .where('assigned_by', '=', viewer.id)
    .orderBy('created_at', 'desc')
    .execute()
  const [modules, managers, status] = await Promise.all([
    modulesById(deps.db, [...new Set(rows.map((r) => r.module_id))]),
    managersOf(deps.db, [...new Set(rows.map((r) => r.person_id))]),
    statuses(deps.db, rows),
  ])
  const mine = rows.filter((r) => managers.get(r.person_id) === viewer.id)
  const names = await getPersonSummaries(
    deps.db,
    mine.map((r) => r.person_id),
  )
  const now = deps.clock.now()
  return [...modules.values()].map((m) => {
    const of = rows.filter((r) => r.module_id === m.id)
    const done = of.filter((r) => statusOf(status, r) === 'done').length
    return {
      module: itemRef(m),
      assigned: of.length,
      done: of.length >= deps.minAggregate || of.every((r) => managers.get(r.person_id) === viewer.id) ? done : null,
      people: mine
        .filter((r) => r.module_id === m.id && names.has(r.person_id))
        .map((r) => {
          const s = statusOf(status, r)
          return {
            assignmentId: r.id,
            person: { id: r.person_id, name: names.get(r.person_id)!.name },
            status: s,
            dueAt: r.due_at,
            overdue: s !== 'done' && r.due_at !== null && Date.parse(r.due_at) < now,
          }
        }),
    }
  })
}

/** Withdraws an assignment (the person who made it, or an admin). */
export async function withdrawAssignment(deps: AssignmentDeps, viewer: Viewer, id: string): Promise<void> {
  const row = await deps.db.selectFrom('learning_assignment').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || (row.assigned_by !== viewer.id && row.person_id !== viewer.id && !viewer.isAdmin))
    throw new NotFoundError('assignment_not_found', `no assignment ${id}`)
  if (row.assigned_by !== viewer.id && !viewer.isAdmin)
    throw new ForbiddenError('not_assigner', 'only the person who assigned it, or an admin, may withdraw it')
  await deps.db.deleteFrom('learning_assignment').where('id', '=', id).execute()
}
