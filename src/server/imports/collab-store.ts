import type { Db } from '../platform/db/dialect.js'
import type { CollabIdentityTable, CollabImportTable } from './rows.js'

// Queries on the collaboration imports' own tables: the import jobs and the outside accounts they met.

/** The people that linked outside accounts turned out to be, by claim key (only those an admin has linked). */
export async function findLinkedPeople(db: Db, claimKeys: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (let i = 0; i < claimKeys.length; i += 500) {
    const rows = await db
      .selectFrom('collab_identity')
      .select(['claim_key', 'person_id'])
      .where('claim_key', 'in', claimKeys.slice(i, i + 500))
      .where('person_id', 'is not', null)
      .execute()
    for (const r of rows) out.set(r.claim_key, r.person_id as string)
  }
  return out
}

/** Records outside accounts that resolved to placeholders; accounts already recorded are left as they are. */
export async function insertIdentities(db: Db, rows: CollabIdentityTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('collab_identity')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('claim_key').doNothing())
      .execute()
  }
}

/** Accounts not yet linked to a person, newest first. */
export function findUnlinkedIdentities(db: Db, limit: number) {
  return db
    .selectFrom('collab_identity')
    .select(['claim_key', 'source', 'placeholder_id', 'name', 'created_at'])
    .where('person_id', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('claim_key')
    .limit(limit)
    .execute()
}

/** The accounts behind one placeholder. */
export function findIdentitiesOfPlaceholder(db: Db, placeholderId: string) {
  return db.selectFrom('collab_identity').selectAll().where('placeholder_id', '=', placeholderId).execute()
}

/** Says who a placeholder's accounts are. */
export async function linkIdentities(db: Db, placeholderId: string, personId: string, by: string, at: string): Promise<void> {
  await db
    .updateTable('collab_identity')
    .set({ person_id: personId, linked_by: by, linked_at: at })
    .where('placeholder_id', '=', placeholderId)
    .execute()
}

/** Links that name a person (for their data export). */
export function findIdentitiesOfPerson(db: Db, personId: string) {
  return db
    .selectFrom('collab_identity')
    .select(['claim_key', 'source', 'name', 'linked_at'])
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('placeholder_id', '=', personId)]))
    .execute()
}

/** Forgets the links to a person (their erasure): later imports make a placeholder again. */
export async function deleteIdentitiesOfPerson(db: Db, personId: string): Promise<void> {
  await db
    .deleteFrom('collab_identity')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('placeholder_id', '=', personId)]))
    .execute()
}

export async function insertCollabImport(db: Db, row: CollabImportTable): Promise<void> {
  await db.insertInto('collab_import').values(row).execute()
}

export function findCollabImport(db: Db, id: string): Promise<CollabImportTable | undefined> {
  return db.selectFrom('collab_import').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findRecentCollabImports(db: Db, limit: number): Promise<CollabImportTable[]> {
  return db.selectFrom('collab_import').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()
}

export async function setCollabImportReport(db: Db, id: string, report: string): Promise<void> {
  await db.updateTable('collab_import').set({ report }).where('id', '=', id).execute()
}
