// Practice spread for managers and admins: the practices the viewer may read, each with its adoption across
// the discovered communities (spread.ts). A person's own adoption counts for them; a community's adoption
// (made by a steward for the whole community) counts for each of its members. Opted-out people count for
// nothing. Counts of people below the minimum are withheld; every view is audit-logged.
import type { PracticeList, PracticeSpread, PracticeSummary } from '../../shared/insights-manage.js'
import { parseTags } from '../../shared/tags.js'
import { getCommunityRefs, memberIds, readableCommunityIds } from '../communities/lookup.js'
import { activePractices, practiceAdoptions, type PracticeRow } from '../knowledge/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import { atLeast, loadRunContext, loadRunGraph, type RunContext } from './manage-context.js'
import { computeSpread, type Adoption } from './spread.js'

/** The practices the viewer may read, most adopted first. */
export async function listPracticeSpread(db: Db, viewer: Viewer, minAggregate: number): Promise<PracticeList> {
  const context = await loadRunContext(db)
  await recordAudit(db, viewer.id, 'insights.view', `practices:${context?.run.id ?? 'none'}`, { view: 'practices' })
  const practices = await readablePractices(db, viewer)
  const adoptions = await adoptionsByPractice(db, practices, context)
  const refs = await getCommunityRefs(
    db,
    practices.map((p) => p.community_id),
  )
  const list = practices.map((p) => summarise(p, refs, adoptions.get(p.id) ?? [], context, minAggregate))
  list.sort((a, b) => (b.adopters ?? 0) - (a.adopters ?? 0) || b.communities - a.communities || a.title.localeCompare(b.title))
  return { run: context ? { id: context.run.id, finishedAt: context.run.finished_at! } : null, minAggregate, practices: list }
}

/** One practice's spread; 404 when the viewer may not read it or there is no discovery run. */
export async function getPracticeSpread(db: Db, viewer: Viewer, minAggregate: number, now: Date, id: number): Promise<PracticeSpread> {
  const practice = (await readablePractices(db, viewer)).find((p) => p.id === id)
  if (!practice) throw new NotFoundError('practice_not_found', `no practice ${id}`)
  const context = await loadRunContext(db)
  if (!context) throw new NotFoundError('no_discovery_run', 'run community discovery first')
  await recordAudit(db, viewer.id, 'insights.view', `practice:${id}`, { view: 'spread', run: context.run.id })
  const adoptions = (await adoptionsByPractice(db, [practice], context)).get(id) ?? []
  const refs = await getCommunityRefs(db, [practice.community_id])
  const graph = await loadRunGraph(db, context)
  const tags = parseTags(practice.tags)
  return {
    run: { id: context.run.id, finishedAt: context.run.finished_at! },
    minAggregate,
    practice: summarise(practice, refs, adoptions, context, minAggregate),
    ...computeSpread(graph, context.communities, adoptions, tags, minAggregate, now),
  }
}

async function readablePractices(db: Db, viewer: Viewer): Promise<PracticeRow[]> {
  const readable = new Set(await readableCommunityIds(db, viewer.id))
  return (await activePractices(db)).filter((p) => readable.has(p.community_id))
}

/** Each practice's adoptions by person (first adoption of each), from today's roster. */
async function adoptionsByPractice(db: Db, practices: PracticeRow[], context: RunContext | undefined): Promise<Map<number, Adoption[]>> {
  const out = new Map<number, Adoption[]>()
  if (!context) return out
  const rows = await practiceAdoptions(
    db,
    practices.map((p) => p.id),
  )
  const membersOf = new Map<string, string[]>()
  for (const r of rows)
    if (r.community_id && !membersOf.has(r.community_id)) membersOf.set(r.community_id, await memberIds(db, r.community_id))
  for (const r of rows) {
    const people = r.person_id ? [r.person_id] : r.community_id ? membersOf.get(r.community_id)! : []
    const first = out.get(r.post_id) ?? []
    for (const personId of people) if (context.rosterById.has(personId)) first.push({ personId, at: r.at })
    out.set(r.post_id, first)
  }
  // Rows come oldest first: keep each person's first adoption.
  for (const [id, list] of out) {
    const seen = new Set<string>()
    out.set(
      id,
      list.filter((a) => !seen.has(a.personId) && seen.add(a.personId)),
    )
  }
  return out
}

function summarise(
  p: PracticeRow,
  refs: ReadonlyMap<string, { slug: string; name: string }>,
  adoptions: Adoption[],
  context: RunContext | undefined,
  minAggregate: number,
): PracticeSummary {
  const ref = refs.get(p.community_id)
  const adopters = new Set(adoptions.map((a) => a.personId))
  const communities = (context?.communities ?? []).filter(
    (c) => c.members.length >= minAggregate && c.members.some((m) => adopters.has(m.person_id)),
  ).length
  return {
    id: p.id,
    title: p.title,
    community: { id: p.community_id, slug: ref?.slug ?? '', name: ref?.name ?? '' },
    tags: parseTags(p.tags),
    adopters: atLeast(adopters.size, minAggregate),
    communities,
  }
}
