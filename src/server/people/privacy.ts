import type { ErasureRequest } from '../../shared/schemas.js'
import { parseTags } from '../../shared/tags.js'
import { findAuditOf, recordAudit } from '../platform/audit.js'
import { deleteSessionsOfPerson, findSessionsOf } from '../platform/auth/store.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import type { PersonalDataPart } from '../platform/personal-data.js'
import { ConflictError, conflictOnDuplicate, NotFoundError } from '../platform/errors.js'
import type { Storage } from '../platform/storage.js'
import { newId, nowIso } from '../platform/time.js'
import { toSummary } from './service.js'
import { findPersonById, findReports, findSummariesByIds, reassignReports, updatePerson } from './store.js'

/**
 * Everything Wellspring holds about the viewer, as one JSON document: the profile and account, then every
 * domain's part (`parts`, from the module list: app.personalData).
 */
export async function exportMyData(db: Db, viewer: Viewer, parts: readonly PersonalDataPart[]): Promise<Record<string, unknown>> {
  const row = await findPersonById(db, viewer.id)
  if (!row) throw new NotFoundError('person_not_found', 'no such person')
  const { password_hash: _hash, search_text: _search, ...profile } = row
  const [manager, reports, sessions, audit, erasures] = await Promise.all([
    row.manager_id ? findSummariesByIds(db, [row.manager_id]) : Promise.resolve([]),
    findReports(db, row.id),
    findSessionsOf(db, row.id),
    findAuditOf(db, row.id),
    db.selectFrom('erasure_request').select(['reason', 'status', 'requested_at', 'decided_at']).where('person_id', '=', row.id).execute(),
  ])
  const exported = await Promise.all(parts.map(async (part) => [part.name, await part.export(db, row.id)] as const))
  return {
    format: 'wellspring-export/1',
    exportedAt: nowIso(),
    profile: {
      ...profile,
      aspiration_tags: parseTags(row.aspiration_tags),
      skills_offered: parseTags(row.skills_offered),
      skills_wanted: parseTags(row.skills_wanted),
      has_password: row.password_hash !== null,
    },
    manager: manager[0] ? toSummary(manager[0]) : null,
    reports: reports.map(toSummary),
    sessions,
    auditLog: audit.map((a) => ({ ...a, detail: JSON.parse(a.detail) as unknown })),
    erasureRequests: erasures,
    ...Object.fromEntries(exported),
  }
}

/** Asks for the viewer's account to be erased; an admin confirms. */
export async function requestErasure(db: Db, viewer: Viewer, reason: string): Promise<ErasureRequest> {
  return db.transaction().execute(async (tx) => {
    const pending = await tx
      .selectFrom('erasure_request')
      .select('id')
      .where('person_id', '=', viewer.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    const pendingMessage = 'you already asked for erasure; an admin will confirm it'
    if (pending) throw new ConflictError('erasure_pending', pendingMessage)
    const row = {
      id: newId(),
      person_id: viewer.id,
      reason,
      status: 'pending' as const,
      requested_at: nowIso(),
      decided_by: null,
      decided_at: null,
    }
    // erasure_request_pending_idx holds the rule for requests sent at once.
    await conflictOnDuplicate(tx.insertInto('erasure_request').values(row).execute(), 'erasure_pending', pendingMessage)
    await recordAudit(tx, viewer.id, 'erasure.request', viewer.id)
    const person = await findPersonById(tx, viewer.id)
    return { id: row.id, person: toSummary(person!), reason, status: row.status, requestedAt: row.requested_at }
  })
}

export async function listErasureRequests(db: Db): Promise<ErasureRequest[]> {
  const rows = await db
    .selectFrom('erasure_request as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select([
      'e.id',
      'e.reason',
      'e.status',
      'e.requested_at',
      'p.id as person_id',
      'p.name',
      'p.title',
      'p.department',
      'p.location',
      'p.photo_type',
    ])
    .orderBy('e.requested_at', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at,
    person: toSummary({
      id: r.person_id,
      name: r.name,
      title: r.title,
      department: r.department,
      location: r.location,
      photo_type: r.photo_type,
    }),
  }))
}

/**
 * Confirms or rejects an erasure. Confirming anonymises the person in place: their profile is emptied,
 * their login removed, their reports move up to their manager, each domain removes what is only about them
 * (every module's personal-data part: memberships, notifications, availability, notes on thanks...), and content they wrote
 * stays but shows "Former member" as its author.
 */
export async function decideErasure(
  db: Db,
  storage: Storage,
  parts: readonly PersonalDataPart[],
  viewer: Viewer,
  id: string,
  confirm: boolean,
): Promise<void> {
  const personId = await db.transaction().execute(async (tx) => {
    const request = await tx.selectFrom('erasure_request').selectAll().where('id', '=', id).executeTakeFirst()
    if (!request) throw new NotFoundError('erasure_not_found', `no erasure request ${id}`)
    if (request.status !== 'pending') throw new ConflictError('erasure_decided', 'this request was already decided')
    const now = nowIso()
    await tx
      .updateTable('erasure_request')
      .set({ status: confirm ? 'done' : 'rejected', decided_by: viewer.id, decided_at: now })
      .where('id', '=', id)
      .execute()
    await recordAudit(tx, viewer.id, confirm ? 'erasure.confirm' : 'erasure.reject', request.person_id)
    if (!confirm) return null
    const person = await findPersonById(tx, request.person_id)
    if (!person) return null
    await reassignReports(tx, person.id, person.manager_id, now)
    await updatePerson(tx, person.id, {
      email: `erased-${person.id}@erased.invalid`,
      name: 'Former member',
      title: '',
      department: '',
      manager_id: null,
      location: '',
      start_date: null,
      bio: '',
      photo_type: null,
      who_am_i: '',
      want_to_become: '',
      communities_wanted: '',
      aspiration_tags: '[]',
      skills_offered: '[]',
      skills_wanted: '[]',
      analytics_opt_out: 1,
      role: 'member',
      manager_granted: 0,
      status: 'erased',
      password_hash: null,
      search_text: '',
      last_login_at: null,
      invited_at: null,
      updated_at: now,
    })
    await deleteSessionsOfPerson(tx, person.id)
    for (const part of parts) await part.erase(tx, person.id)
    await tx.deleteFrom('token').where('person_id', '=', person.id).execute()
    // Which bulk invitations went to them, and when, is about them too.
    await tx.deleteFrom('invitation_send').where('person_id', '=', person.id).execute()
    await tx.updateTable('erasure_request').set({ reason: '' }).where('person_id', '=', person.id).execute()
    return person.id
  })
  if (personId) await storage.delete(`photos/${personId}`)
}

const IMAGE_SIGNATURES: [string, (b: Buffer) => boolean][] = [
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
]

/** The image type of `data` judged by its first bytes, or undefined when it is not a PNG, JPEG or WebP. */
export function sniffImageType(data: Buffer): string | undefined {
  return IMAGE_SIGNATURES.find(([, test]) => test(data))?.[0]
}

export async function setPhoto(db: Db, storage: Storage, personId: string, data: Buffer, type: string): Promise<void> {
  await storage.put(`photos/${personId}`, data)
  await updatePerson(db, personId, { photo_type: type, updated_at: nowIso() })
}

export async function removePhoto(db: Db, storage: Storage, personId: string): Promise<void> {
  await updatePerson(db, personId, { photo_type: null, updated_at: nowIso() })
  await storage.delete(`photos/${personId}`)
}

export async function getPhoto(db: Db, storage: Storage, personId: string): Promise<{ data: Buffer; type: string }> {
  const row = await findPersonById(db, personId)
  const data = row?.photo_type && row.status !== 'erased' ? await storage.get(`photos/${personId}`) : undefined
  if (!row?.photo_type || !data) throw new NotFoundError('photo_not_found', 'no photo')
  // The type is read from the bytes served: when uploads race, the row's type may be another upload's.
  return { data, type: sniffImageType(data) ?? row.photo_type }
}
