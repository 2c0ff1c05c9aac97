import { forWrite, type Db } from '../platform/db/dialect.js'
import type { LearningMapEdgeTable, LearningMapGoalTable, LearningMapNodeTable, LearningMapResourceTable } from './map-rows.js'

// Queries on learning maps' tables, and the learner's evidence read from learning's catalogue tables.

/** A community's map: its nodes (by title), edges and attached catalogue items. */
export async function findMap(
  db: Db,
  communityId: string,
): Promise<{ nodes: LearningMapNodeTable[]; edges: LearningMapEdgeTable[]; resources: LearningMapResourceTable[] }> {
  const nodes = await db.selectFrom('learning_map_node').selectAll().where('community_id', '=', communityId).orderBy('title').execute()
  const edges = await findEdges(db, communityId)
  const resources = await db
    .selectFrom('learning_map_resource')
    .selectAll()
    .where('community_id', '=', communityId)
    .orderBy('created_at')
    .execute()
  return { nodes, edges, resources }
}

/**
 * Locks a community's map until the transaction ends, for a change checked against the whole map (a new link
 * must close no loop): its node rows, in id order. On PostgreSQL two such changes to one map take turns, and
 * the second reads what the first wrote; SQLite runs one write transaction at a time anyway.
 */
export async function lockMap(db: Db, communityId: string): Promise<void> {
  await forWrite(db, db.selectFrom('learning_map_node').select('id').where('community_id', '=', communityId).orderBy('id')).execute()
}

/** A community's map's edges. */
export function findEdges(db: Db, communityId: string): Promise<LearningMapEdgeTable[]> {
  return db.selectFrom('learning_map_edge').selectAll().where('community_id', '=', communityId).execute()
}

/** One node of a community's map, or undefined. */
export function findNode(db: Db, communityId: string, id: string): Promise<LearningMapNodeTable | undefined> {
  return db.selectFrom('learning_map_node').selectAll().where('id', '=', id).where('community_id', '=', communityId).executeTakeFirst()
}

/** A node of that title on the map, or undefined. */
export function findNodeByTitle(db: Db, communityId: string, title: string): Promise<LearningMapNodeTable | undefined> {
  return db
    .selectFrom('learning_map_node')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('title', '=', title)
    .executeTakeFirst()
}

/** Inserts nodes; a title already on the map is skipped. Returns how many were added. */
export async function insertNodes(db: Db, rows: LearningMapNodeTable[]): Promise<number> {
  if (rows.length === 0) return 0
  const result = await db
    .insertInto('learning_map_node')
    .values(rows)
    .onConflict((oc) => oc.columns(['community_id', 'title']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/** Changes a node's fields. */
export async function updateNode(db: Db, id: string, fields: Partial<LearningMapNodeTable>): Promise<void> {
  await db.updateTable('learning_map_node').set(fields).where('id', '=', id).execute()
}

/** Deletes a node with its edges, attachments and the goals set on it. */
export async function deleteNode(db: Db, id: string): Promise<void> {
  await db
    .deleteFrom('learning_map_edge')
    .where((eb) => eb.or([eb('node_id', '=', id), eb('prerequisite_id', '=', id)]))
    .execute()
  await db.deleteFrom('learning_map_resource').where('node_id', '=', id).execute()
  await db.deleteFrom('learning_map_goal').where('node_id', '=', id).execute()
  await db.deleteFrom('learning_map_node').where('id', '=', id).execute()
}

/** Adds "node builds on prerequisite" (again: nothing). */
export async function insertEdge(db: Db, row: LearningMapEdgeTable): Promise<void> {
  await db
    .insertInto('learning_map_edge')
    .values(row)
    .onConflict((oc) => oc.columns(['prerequisite_id', 'node_id']).doNothing())
    .execute()
}

/** Removes "node builds on prerequisite"; true when there was one. */
export async function deleteEdge(db: Db, nodeId: string, prerequisiteId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('learning_map_edge')
    .where('node_id', '=', nodeId)
    .where('prerequisite_id', '=', prerequisiteId)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** Attaches a catalogue item to a node (again: nothing). */
export async function insertResource(db: Db, row: LearningMapResourceTable): Promise<void> {
  await db
    .insertInto('learning_map_resource')
    .values(row)
    .onConflict((oc) => oc.columns(['node_id', 'kind', 'ref_id']).doNothing())
    .execute()
}

/** Detaches a catalogue item; true when it was attached. */
export async function deleteResource(db: Db, nodeId: string, kind: LearningMapResourceTable['kind'], refId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('learning_map_resource')
    .where('node_id', '=', nodeId)
    .where('kind', '=', kind)
    .where('ref_id', '=', refId)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** A person's goal on a community's map, or undefined. */
export function findGoal(db: Db, personId: string, communityId: string): Promise<LearningMapGoalTable | undefined> {
  return db
    .selectFrom('learning_map_goal')
    .selectAll()
    .where('person_id', '=', personId)
    .where('community_id', '=', communityId)
    .executeTakeFirst()
}

/** Sets (or, with null, clears) a person's goal on a map. */
export async function saveGoal(db: Db, personId: string, communityId: string, nodeId: string | null, at: string): Promise<void> {
  if (nodeId === null) {
    await db.deleteFrom('learning_map_goal').where('person_id', '=', personId).where('community_id', '=', communityId).execute()
    return
  }
  await db
    .insertInto('learning_map_goal')
    .values({ person_id: personId, community_id: communityId, node_id: nodeId, updated_at: at })
    .onConflict((oc) => oc.columns(['person_id', 'community_id']).doUpdateSet({ node_id: nodeId, updated_at: at }))
    .execute()
}

/** A person's goals on every map, for their export. */
export function goalsOf(db: Db, personId: string): Promise<LearningMapGoalTable[]> {
  return db.selectFrom('learning_map_goal').selectAll().where('person_id', '=', personId).orderBy('updated_at').execute()
}

/**
 * Of the given catalogue items, those the person has finished: a module with a completed SCORM item or a
 * completed lesson, a quiz with a right answer or a review, a session they attended. Keys are `kind:id`.
 */
export async function findDoneItems(db: Db, personId: string, items: { kind: string; ref_id: string }[]): Promise<Set<string>> {
  const done = new Set<string>()
  const ids = (kind: string) => [...new Set(items.filter((i) => i.kind === kind).map((i) => i.ref_id))]
  const modules = ids('module')
  const quizzes = ids('quiz')
  const sessions = ids('session')
  if (modules.length > 0) {
    const scorm = await db
      .selectFrom('scorm_attempt')
      .select('module_id')
      .where('person_id', '=', personId)
      .where('module_id', 'in', modules)
      .where('completed_at', 'is not', null)
      .execute()
    const lessons = await db
      .selectFrom('lesson_progress')
      .select('module_id')
      .where('person_id', '=', personId)
      .where('module_id', 'in', modules)
      .where('completed_at', 'is not', null)
      .execute()
    for (const r of [...scorm, ...lessons]) done.add(`module:${r.module_id}`)
  }
  if (quizzes.length > 0) {
    const answered = await db
      .selectFrom('quiz_answer')
      .select('quiz_id')
      .distinct()
      .where('person_id', '=', personId)
      .where('quiz_id', 'in', quizzes)
      .where((eb) => eb.or([eb('correct', '=', 1), eb('mode', '=', 'review')]))
      .execute()
    for (const r of answered) done.add(`quiz:${r.quiz_id}`)
  }
  if (sessions.length > 0) {
    const attended = await db
      .selectFrom('session_enrolment')
      .select('session_id')
      .where('person_id', '=', personId)
      .where('session_id', 'in', sessions)
      .where('attended', '=', 1)
      .execute()
    for (const r of attended) done.add(`session:${r.session_id}`)
  }
  return done
}

/** A catalogue item as a map shows it. */
export interface CatalogueRef {
  title: string
  communityId: string | null
  cancelled: boolean
  /** The web app's page for it. */
  href: string
}

/** Titles and communities of catalogue items, by `kind:id` (items gone are absent). */
export async function findCatalogueRefs(db: Db, items: { kind: string; ref_id: string }[]): Promise<Map<string, CatalogueRef>> {
  const out = new Map<string, CatalogueRef>()
  const ids = (kind: string) => [...new Set(items.filter((i) => i.kind === kind).map((i) => i.ref_id))]
  const [modules, quizzes, sessions] = [ids('module'), ids('quiz'), ids('session')]
  if (modules.length > 0)
    for (const r of await db
      .selectFrom('learning_module')
      .select(['id', 'kind', 'title', 'community_id'])
      .where('id', 'in', modules)
      .execute())
      out.set(`module:${r.id}`, {
        title: r.title,
        communityId: r.community_id,
        cancelled: false,
        href: r.kind === 'lesson' ? `/learning/lessons/${r.id}` : `/learning/${r.id}`,
      })
  if (quizzes.length > 0)
    for (const r of await db.selectFrom('quiz').select(['id', 'title', 'community_id']).where('id', 'in', quizzes).execute())
      out.set(`quiz:${r.id}`, { title: r.title, communityId: r.community_id, cancelled: false, href: `/learning/quizzes/${r.id}` })
  if (sessions.length > 0)
    for (const r of await db
      .selectFrom('learning_session')
      .select(['id', 'title', 'community_id', 'status'])
      .where('id', 'in', sessions)
      .execute())
      out.set(`session:${r.id}`, {
        title: r.title,
        communityId: r.community_id,
        cancelled: r.status === 'cancelled',
        href: `/learning/sessions/${r.id}`,
      })
  return out
}

/** Catalogue items a map of this community may attach: the whole organisation's and the community's own. */
export async function findAttachable(
  db: Db,
  communityId: string,
): Promise<{ kind: 'module' | 'quiz' | 'session'; id: string; title: string }[]> {
  const modules = await db
    .selectFrom('learning_module')
    .select(['id', 'title'])
    .where((eb) => eb.or([eb('community_id', 'is', null), eb('community_id', '=', communityId)]))
    .orderBy('title')
    .limit(200)
    .execute()
  const quizzes = await db
    .selectFrom('quiz')
    .select(['id', 'title'])
    .where((eb) => eb.or([eb('community_id', 'is', null), eb('community_id', '=', communityId)]))
    .orderBy('title')
    .limit(200)
    .execute()
  const sessions = await db
    .selectFrom('learning_session')
    .select(['id', 'title'])
    .where((eb) => eb.or([eb('community_id', 'is', null), eb('community_id', '=', communityId)]))
    .where('status', '=', 'scheduled')
    .orderBy('starts_at', 'desc')
    .limit(200)
    .execute()
  return [
    ...modules.map((r) => ({ kind: 'module' as const, id: r.id, title: r.title })),
    ...quizzes.map((r) => ({ kind: 'quiz' as const, id: r.id, title: r.title })),
    ...sessions.map((r) => ({ kind: 'session' as const, id: r.id, title: r.title })),
  ]
}

/** Erasure: a person's goals go; nodes they added stay, without their name. */
export async function eraseMapData(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('learning_map_goal').where('person_id', '=', personId).execute()
  await db.updateTable('learning_map_node').set({ created_by: null }).where('created_by', '=', personId).execute()
}
