import { sql, type Generated, type Insertable, type Selectable } from 'kysely'
import type { Db, DialectAdapter, FullTextIndex, SearchPage } from '../platform/db/dialect.js'

// The catalogue's full-text index (migration 0039): one document per lesson, SCORM module, quiz and scheduled
// session, rewritten here whenever the item changes, so the global search finds the catalogue with one indexed
// query. The dialect adapter's primitives do the dialect-specific work.

export type CatalogueKind = 'lesson' | 'scorm' | 'quiz' | 'session' | 'simulation'

/** A catalogue item, as the index names it. */
export interface CatalogueRef {
  kind: CatalogueKind
  id: string
}

export interface LearningSearchTable {
  id: Generated<number>
  kind: CatalogueKind
  ref_id: string
  title: string
  body: string
  summary: string
  /** The item's community id, '' for an item of the whole organisation. */
  community_key: string
  /** SQLite's scope tokens: c<hex community_key>0. */
  scope: string
  starts_at: string | null
  created_at: string
}

/** A document as read. */
export type CatalogueDocument = Selectable<LearningSearchTable>

declare module '../platform/db/tables.js' {
  interface Tables {
    learning_search: LearningSearchTable
  }
}

/** Documents of the catalogue. Title 1, body 0.4 on PostgreSQL ({D,C,B,A}). */
export const CATALOGUE_INDEX: FullTextIndex = {
  table: 'learning_search',
  columns: [
    { name: 'title', weight: 10, label: 'A' },
    { name: 'body', weight: 0, label: 'B' },
  ],
  snippetColumn: 'body',
  scopes: {
    community: { token: 'c', hex: true, column: 'community_key', sql: (ids) => sql`p.community_key = any(${ids}::text[])` },
  },
  sqlite: { fts: 'learning_search_fts', scopeColumn: 'scope', source: 'learning_search' },
  postgres: { vector: 'search', weights: '{0.1,0.2,0.4,1.0}', documents: sql`true` },
}

type Source = { id: string; title: string; description: string; community_id: string | null; created_at: string }

function toDoc(kind: CatalogueKind, r: Source, body: string[], startsAt: string | null = null): Insertable<LearningSearchTable> {
  return {
    kind,
    ref_id: r.id,
    title: r.title,
    body: [r.description, ...body].filter(Boolean).join('\n\n'),
    // What a result shows under its title: the description, or the start of the text for an item without one.
    summary: (r.description || body.join(' ')).replace(/\s+/g, ' ').trim().slice(0, 240),
    community_key: r.community_id ?? '',
    scope: `c${Buffer.from(r.community_id ?? '', 'utf8').toString('hex')}0`,
    starts_at: startsAt,
    created_at: r.created_at,
  }
}

function grouped<T>(rows: T[], key: (r: T) => string, text: (r: T) => string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), text(r)])
  return out
}

/** The documents of the given items as they are now; an item gone (or a cancelled session) has none. */
async function documentsOf(db: Db, refs: readonly CatalogueRef[]): Promise<Insertable<LearningSearchTable>[]> {
  const ids = (kinds: CatalogueKind[]) => refs.filter((r) => kinds.includes(r.kind)).map((r) => r.id)
  const moduleIds = ids(['lesson', 'scorm', 'simulation'])
  const quizIds = ids(['quiz'])
  const sessionIds = ids(['session'])
  const none = Promise.resolve([])
  const [modules, pages, items, quizzes, prompts, sessions, situations] = await Promise.all([
    moduleIds.length ? db.selectFrom('learning_module').selectAll().where('id', 'in', moduleIds).execute() : none,
    moduleIds.length
      ? db
          .selectFrom('lesson_page')
          .select(['module_id', 'title', 'body'])
          .where('module_id', 'in', moduleIds)
          .orderBy('position')
          .execute()
      : none,
    moduleIds.length
      ? db.selectFrom('learning_item').select(['module_id', 'title']).where('module_id', 'in', moduleIds).orderBy('position').execute()
      : none,
    quizIds.length ? db.selectFrom('quiz').selectAll().where('id', 'in', quizIds).execute() : none,
    quizIds.length
      ? db.selectFrom('quiz_question').select(['quiz_id', 'prompt']).where('quiz_id', 'in', quizIds).orderBy('position').execute()
      : none,
    sessionIds.length
      ? db.selectFrom('learning_session').selectAll().where('id', 'in', sessionIds).where('status', '=', 'scheduled').execute()
      : none,
    moduleIds.length
      ? db.selectFrom('simulation_situation').select(['module_id', 'title', 'body']).where('module_id', 'in', moduleIds).execute()
      : none,
  ])
  const situationText = grouped(
    situations,
    (s) => s.module_id,
    (s) => `${s.title}\n${s.body}`,
  )
  const pageText = grouped(
    pages,
    (p) => p.module_id,
    (p) => `${p.title}\n${p.body}`,
  )
  const itemTitles = grouped(
    items,
    (i) => i.module_id,
    (i) => i.title,
  )
  const promptText = grouped(
    prompts,
    (q) => q.quiz_id,
    (q) => q.prompt,
  )
  return [
    ...modules.map((m) =>
      toDoc(m.kind, m, (m.kind === 'lesson' ? pageText : m.kind === 'simulation' ? situationText : itemTitles).get(m.id) ?? []),
    ),
    ...quizzes.map((q) => toDoc('quiz', q, promptText.get(q.id) ?? [])),
    ...sessions.map((s) => toDoc('session', s, [s.location], s.starts_at)),
  ]
}

/**
 * Rewrites the index's documents of these items (call it in the transaction that changed them). The SQLite
 * index follows the table through its triggers; PostgreSQL's vector is a generated column.
 */
export async function reindexCatalogueItems(db: Db, refs: readonly CatalogueRef[]): Promise<void> {
  if (refs.length === 0) return
  const docs = await documentsOf(db, refs)
  for (const kind of new Set(refs.map((r) => r.kind)))
    await db
      .deleteFrom('learning_search')
      .where('kind', '=', kind)
      .where(
        'ref_id',
        'in',
        refs.filter((r) => r.kind === kind).map((r) => r.id),
      )
      .execute()
  for (let i = 0; i < docs.length; i += 200)
    await db
      .insertInto('learning_search')
      .values(docs.slice(i, i + 200))
      .execute()
}

/** Rewrites the whole index from the catalogue (after a bulk load such as the demo's). */
export async function reindexCatalogue(db: Db): Promise<void> {
  const [modules, quizzes, sessions] = await Promise.all([
    db.selectFrom('learning_module').select(['id', 'kind']).execute(),
    db.selectFrom('quiz').select('id').execute(),
    db.selectFrom('learning_session').select('id').execute(),
  ])
  const refs: CatalogueRef[] = [
    ...modules.map((m) => ({ kind: m.kind, id: m.id })),
    ...quizzes.map((q) => ({ kind: 'quiz' as const, id: q.id })),
    ...sessions.map((s) => ({ kind: 'session' as const, id: s.id })),
  ]
  await db.deleteFrom('learning_search').execute()
  for (let i = 0; i < refs.length; i += 500) await reindexCatalogueItems(db, refs.slice(i, i + 500))
}

/** Catalogue documents matching the words, best first; only those of the given community keys ('' = none). */
export function searchCatalogueIndex(
  db: Db,
  dialect: DialectAdapter,
  o: { terms: string[]; communityKeys: string[]; now: string; limit: number },
): Promise<SearchPage> {
  return dialect.searchIndex(db, CATALOGUE_INDEX, {
    terms: o.terms,
    scope: { community: o.communityKeys },
    carry: ['created_at'],
    group: sql`p.id`,
    createdColumn: 'created_at',
    now: o.now,
    limit: o.limit,
    offset: 0,
    // A result shows the item's own summary, read with the row: no snippet query.
    snippets: false,
  })
}

/** Documents by id (the hits of a search). */
export function findCatalogueDocuments(db: Db, ids: readonly number[]): Promise<CatalogueDocument[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('learning_search').selectAll().where('id', 'in', ids).execute()
}

/** A community's documents, newest first, without sessions that have started (its "Learning" section). */
export function findCommunityDocuments(db: Db, communityId: string, now: string, limit: number): Promise<CatalogueDocument[]> {
  return db
    .selectFrom('learning_search')
    .selectAll()
    .where('community_key', '=', communityId)
    .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '>=', now)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
