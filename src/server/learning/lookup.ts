import type { CatalogueItem, CatalogueKind } from '../../shared/catalogue.js'
import { getCommunityRefs } from '../communities/lookup.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { findCatalogueDocuments, findCommunityDocuments, searchCatalogueIndex, type CatalogueDocument } from './search-store.js'

// Learning's reads for other domains: the catalogue as search and the community pages show it.

const PATHS: Record<CatalogueKind, string> = {
  lesson: '/learning/lessons/',
  scorm: '/learning/',
  quiz: '/learning/quizzes/',
  session: '/learning/sessions/',
  simulation: '/learning/simulations/',
}

/** A past session is still found, but after everything a learner can still take part in. */
const isPast = (d: CatalogueDocument, now: string) => d.kind === 'session' && d.starts_at !== null && d.starts_at < now

async function toItems(db: Db, docs: CatalogueDocument[]): Promise<CatalogueItem[]> {
  const refs = await getCommunityRefs(
    db,
    docs.flatMap((d) => (d.community_key ? [d.community_key] : [])),
  )
  return docs.flatMap((d) => {
    const ref = d.community_key ? refs.get(d.community_key) : undefined
    // An item whose community is gone is not shown half.
    if (d.community_key && !ref) return []
    return [
      {
        kind: d.kind,
        id: d.ref_id,
        title: d.title,
        summary: d.summary,
        href: `${PATHS[d.kind]}${d.ref_id}`,
        community: ref ? { slug: ref.slug, name: ref.name } : null,
        startsAt: d.starts_at,
      },
    ]
  })
}

/**
 * Catalogue items (lessons, SCORM modules, quizzes, scheduled sessions) matching the words, best first with
 * upcoming sessions before past ones. Only items of the whole organisation and of the given communities (the
 * ones the viewer may read) are ranked or shown. One full-text query, then the hits' rows by key.
 */
export async function searchCatalogue(
  db: Db,
  dialect: DialectAdapter,
  o: { terms: string[]; readable: readonly string[]; now: string; limit: number },
): Promise<CatalogueItem[]> {
  if (o.terms.length === 0) return []
  const { hits } = await searchCatalogueIndex(db, dialect, {
    terms: o.terms,
    communityKeys: ['', ...o.readable],
    now: o.now,
    limit: o.limit,
  })
  const byId = new Map(
    (
      await findCatalogueDocuments(
        db,
        hits.map((h) => h.id),
      )
    ).map((d) => [d.id, d]),
  )
  const docs = hits.map((h) => byId.get(h.id)).filter((d) => d !== undefined)
  // Array.prototype.sort is stable: relevance order holds within the upcoming and within the past.
  docs.sort((a, b) => Number(isPast(a, o.now)) - Number(isPast(b, o.now)))
  return toItems(db, docs)
}

/**
 * A community's catalogue for its page: upcoming sessions soonest first, then lessons, modules and quizzes
 * newest first. Past sessions are left out. The caller checks the viewer may read the community.
 */
export async function communityCatalogue(db: Db, communityId: string, now: string, limit = 30): Promise<CatalogueItem[]> {
  const docs = (await findCommunityDocuments(db, communityId, now, limit)).filter((d) => !isPast(d, now))
  const sessions = docs.filter((d) => d.kind === 'session').sort((a, b) => (a.starts_at ?? '').localeCompare(b.starts_at ?? ''))
  return toItems(db, [...sessions, ...docs.filter((d) => d.kind !== 'session')])
}
