import type { DirectoryPage, DirectoryQuery } from '../../shared/schemas.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { ANY_WRITE, CacheSlot, KeyedCache, type KeyedCacheOptions } from '../platform/db/write-invalidated.js'
import { editsAllowed, fuzzyScorer, paddedTrigrams, trigramsNeeded } from './directory-match.js'
import { toSummary } from './service.js'
import { directoryWords, findDirectoryCandidates, listDepartments, searchPeople, type DirectoryFilter } from './store.js'

type DirectoryRows = Awaited<ReturnType<typeof searchPeople>>

/**
 * People matching every word of the filter's query as typed (through the trigram index) or, when nobody does,
 * people whose search text is within a few typos of every word (directory-match.ts), closest first.
 */
export async function searchPeopleTolerant(
  db: Db,
  dialect: DialectAdapter,
  filter: DirectoryFilter,
  limit: number,
  offset: number,
): Promise<DirectoryRows> {
  const exact = await searchPeople(db, dialect, filter, limit, offset)
  const words = directoryWords(filter.q)
  // The longest word that may carry a typo picks the candidates; every word is then checked on each of them.
  const anchor = words.filter((w) => editsAllowed([...w].length) > 0).sort((a, b) => [...b].length - [...a].length)[0]
  if (exact.total > 0 || !anchor) return exact
  const candidates = await findDirectoryCandidates(db, dialect, filter, paddedTrigrams(anchor), trigramsNeeded(anchor))
  const distance = fuzzyScorer(words)
  const scored = candidates
    .map((row) => ({ row, distance: distance(row.search_text) }))
    .filter((s): s is { row: (typeof candidates)[number]; distance: number } => s.distance !== undefined)
    .sort((a, b) => a.distance - b.distance || compare(a.row.name, b.row.name) || compare(a.row.id, b.row.id))
  return { rows: scored.slice(offset, offset + limit).map((s) => s.row), total: scored.length }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Directory pages as the route's JSON, by query: the same for every member (the directory shows active people
 * to everyone), and built from the person table only, so any write to it drops them all (on PostgreSQL through
 * migration 0016's person trigger). The TTL (60 s) bounds writes neither sees. A page is a few kB.
 */
export class DirectoryCache extends KeyedCache<Buffer> {
  constructor(options: Partial<KeyedCacheOptions> = {}) {
    super({ person: ANY_WRITE }, { ttlMs: 60_000, maxEntries: 5_000, ...options })
  }
}

/** The directory cache of a database handle (app.ts attaches it). */
export const directoryCaches = new CacheSlot<DirectoryCache>()

const directoryKey = (query: DirectoryQuery) =>
  [directoryWords(query.q).join(' '), query.department ?? '', query.limit ?? 24, query.offset ?? 0].join('\u0000')

/** The people directory: active people matching every word of `q` (or nearly, see searchPeopleTolerant), optionally in one department. */
export async function searchDirectory(db: Db, dialect: DialectAdapter, query: DirectoryQuery): Promise<DirectoryPage> {
  const { rows, total } = await searchPeopleTolerant(
    db,
    dialect,
    { q: query.q, department: query.department },
    query.limit ?? 24,
    query.offset ?? 0,
  )
  return { items: rows.map(toSummary), total, departments: await listDepartments(db) }
}

/** searchDirectory's page as JSON made by `serialize` (the route's serializer), through the directory cache. */
export async function getDirectoryJson(
  db: Db,
  dialect: DialectAdapter,
  query: DirectoryQuery,
  serialize: (page: DirectoryPage) => string,
): Promise<Buffer> {
  const load = async () => Buffer.from(serialize(await searchDirectory(db, dialect, query)))
  const cache = directoryCaches.of(db)
  return cache ? ((await cache.through(directoryKey(query), load)) as Buffer) : load()
}

/** The cached directory page of `query`, without waiting; undefined on a miss (then call getDirectoryJson). */
export function cachedDirectoryJson(db: Db, query: DirectoryQuery): Buffer | undefined {
  return directoryCaches.of(db)?.get(directoryKey(query), Date.now())
}
