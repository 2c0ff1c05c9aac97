import type { Db } from '../platform/db/dialect.js'
import type { LearningSessionTable, SessionEnrolmentTable } from './rows.js'
import { reindexCatalogueItems } from './search-store.js'

/** A session by id; `forUpdate` takes its row lock first on PostgreSQL, so seat counts are decided one at a time. */
export async function findSession(db: Db, id: string, forUpdate = false): Promise<LearningSessionTable | undefined> {
  if (forUpdate) {
    // An update that changes nothing takes the row lock on PostgreSQL; SQLite writers are serialised anyway.
    await db
      .updateTable('learning_session')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .execute()
  }
  return db.selectFrom('learning_session').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertSession(db: Db, row: LearningSessionTable): Promise<void> {
  await db.insertInto('learning_session').values(row).execute()
  await reindexCatalogueItems(db, [{ kind: 'session', id: row.id }])
}

/** Sessions ending after `sinceIso`, soonest first. */
export function listSessions(db: Db, sinceIso: string, limit: number): Promise<LearningSessionTable[]> {
  return db
    .selectFrom('learning_session')
    .selectAll()
    .where('ends_at', '>=', sinceIso)
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Every live (not cancelled) enrolment of the given sessions, in order of arrival. */
export function enrolmentsOf(db: Db, sessionIds: string[]): Promise<SessionEnrolmentTable[]> {
  if (sessionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('session_enrolment')
    .selectAll()
    .where('session_id', 'in', sessionIds)
    .where('status', '!=', 'cancelled')
    .orderBy('seq')
    .execute()
}

/** The next place in a session's order of arrival (call under the session's lock). */
export async function nextSeq(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('session_enrolment')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst()
  return Number(row?.max ?? 0) + 1
}

export function findEnrolment(db: Db, sessionId: string, personId: string): Promise<SessionEnrolmentTable | undefined> {
  return db
    .selectFrom('session_enrolment')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

/** Enrols or waitlists a person, or brings back one who had withdrawn (at the back of the queue). */
export async function upsertEnrolment(db: Db, row: SessionEnrolmentTable): Promise<void> {
  await db
    .insertInto('session_enrolment')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['session_id', 'person_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        seq: eb.ref('excluded.seq'),
        created_at: eb.ref('excluded.created_at'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}

export async function setEnrolmentStatus(
  db: Db,
  sessionId: string,
  personId: string,
  status: SessionEnrolmentTable['status'],
  at: string,
): Promise<void> {
  await db
    .updateTable('session_enrolment')
    .set({ status, updated_at: at })
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .execute()
}

export async function setAttendance(db: Db, sessionId: string, attended: ReadonlySet<string>, at: string): Promise<void> {
  const enrolled = await db
    .selectFrom('session_enrolment')
    .select('person_id')
    .where('session_id', '=', sessionId)
    .where('status', '=', 'enrolled')
    .execute()
  for (const { person_id } of enrolled) {
    await db
      .updateTable('session_enrolment')
      .set({ attended: attended.has(person_id) ? 1 : 0, updated_at: at })
      .where('session_id', '=', sessionId)
      .where('person_id', '=', person_id)
      .execute()
  }
}

export async function setFeedback(
  db: Db,
  sessionId: string,
  personId: string,
  rating: number,
  feedback: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('session_enrolment')
    .set({ rating, feedback, updated_at: at })
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .execute()
}

export async function cancelSessionRow(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('learning_session').set({ status: 'cancelled', updated_at: at }).where('id', '=', id).execute()
  await reindexCatalogueItems(db, [{ kind: 'session', id }])
}

/** Raises the session's invite SEQUENCE: every calendar holding the event takes the next message as newer. */
export async function raiseSequence(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('learning_session')
    .set((eb) => ({ sequence: eb('sequence', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute()
}

/** Changes what a session says (its invite's SEQUENCE is raised separately). */
export async function updateSessionRow(
  db: Db,
  id: string,
  fields: Partial<Pick<LearningSessionTable, 'title' | 'description' | 'starts_at' | 'ends_at' | 'location' | 'capacity'>>,
  at: string,
): Promise<void> {
  await db
    .updateTable('learning_session')
    .set({ ...fields, updated_at: at })
    .where('id', '=', id)
    .execute()
  await reindexCatalogueItems(db, [{ kind: 'session', id }])
}

/** A person's enrolments, for their export. */
export function enrolmentsOfPerson(db: Db, personId: string): Promise<SessionEnrolmentTable[]> {
  return db.selectFrom('session_enrolment').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()
}
