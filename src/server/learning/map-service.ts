import type { LearningMap, MapNode } from '../../shared/learning-map.js'
import { parseTags } from '../../shared/tags.js'
import { unaskable } from '../asks/lookup.js'
import { canRead, communityRefBySlug, roleIn, type CommunityRef } from '../communities/lookup.js'
import { answerCountsByTag, goodAnswersOnTags, postsOnTags } from '../knowledge/lookup.js'
import { analyticsRoster, getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import { pathTo } from './map-graph.js'
import type { LearningMapNodeTable } from './map-rows.js'
import { findCatalogueRefs, findDoneItems, findGoal, findMap } from './map-store.js'

// A community's learning map as a viewer sees it: nodes with their resources and the people who know them,
// and the viewer's own position, goal and path.

const POSTS_PER_NODE = 5
const PEOPLE_PER_NODE = 5

/** The map's community, when the viewer may read it; 404 otherwise (a closed community's map tells nothing). */
export async function mapCommunity(db: Db, viewer: Viewer, slug: string): Promise<{ ref: CommunityRef; canEdit: boolean }> {
  const ref = await communityRefBySlug(db, slug)
  if (!ref || !(await canRead(db, viewer.id, ref.id))) throw new NotFoundError('community_not_found', `no community ${slug}`)
  const canEdit = viewer.isAdmin || (await roleIn(db, viewer.id, ref.id)) === 'steward'
  return { ref, canEdit }
}

/** The people who may be named as knowing each tag: in the analytics roster, not opted out of being asked, tag not hidden. */
async function expertsByNode(db: Db, communityId: string, nodes: LearningMapNodeTable[]): Promise<Map<string, MapNode['people']>> {
  const tagsOf = new Map(nodes.map((n) => [n.id, parseTags(n.tags)]))
  const answers = await goodAnswersOnTags(db, communityId, [...new Set([...tagsOf.values()].flat())])
  const authors = [...new Set(answers.map((a) => a.authorId))]
  // Read only when someone is to be named: the roster is everyone in the organisation.
  const roster = new Set(authors.length === 0 ? [] : (await analyticsRoster(db)).map((p) => p.id))
  const { optedOut, hidden } = await unaskable(db, authors)
  const shown = answers.filter((a) => roster.has(a.authorId) && !optedOut.has(a.authorId) && !hidden.get(a.authorId)?.has(a.tag))
  const people = await getPersonSummaries(
    db,
    shown.map((a) => a.authorId),
  )
  const out = new Map<string, MapNode['people']>()
  for (const node of nodes) {
    const tags = new Set(tagsOf.get(node.id))
    const sums = new Map<string, { accepted: number; upvoted: number }>()
    for (const a of shown) {
      if (!tags.has(a.tag)) continue
      const s = sums.get(a.authorId) ?? { accepted: 0, upvoted: 0 }
      s.accepted += a.accepted
      s.upvoted += a.upvoted
      sums.set(a.authorId, s)
    }
    out.set(
      node.id,
      [...sums.entries()]
        .filter(([id]) => people.has(id))
        .sort(([ia, a], [ib, b]) => b.accepted * 2 + b.upvoted - (a.accepted * 2 + a.upvoted) || ia.localeCompare(ib))
        .slice(0, PEOPLE_PER_NODE)
        .map(([id, s]) => ({ person: people.get(id)!, ...s })),
    )
  }
  return out
}

/** A community's learning map, with the viewer's position, goal and path. */
export async function getLearningMap(db: Db, viewer: Viewer, slug: string): Promise<LearningMap> {
  const { ref, canEdit } = await mapCommunity(db, viewer, slug)
  const { nodes, edges, resources } = await findMap(db, ref.id)
  const allTags = [...new Set(nodes.flatMap((n) => parseTags(n.tags)))]

  const refs = await findCatalogueRefs(db, resources)
  const readable = new Map<string, boolean>()
  for (const r of refs.values())
    if (r.communityId && !readable.has(r.communityId)) readable.set(r.communityId, await canRead(db, viewer.id, r.communityId))
  const done = await findDoneItems(db, viewer.id, resources)
  const postsOf = new Map<string, Awaited<ReturnType<typeof postsOnTags>>>()
  // Per node, so a rare tag's posts are not crowded out by a common one's.
  for (const node of nodes) postsOf.set(node.id, await postsOnTags(db, ref.id, parseTags(node.tags), POSTS_PER_NODE * 3))
  const experts = await expertsByNode(db, ref.id, nodes)
  const myAnswers = await answerCountsByTag(db, viewer.id, ref.id, allTags)

  const position: string[] = []
  const shaped: MapNode[] = nodes.map((node) => {
    const tags = parseTags(node.tags)
    const catalogue = resources
      .filter((r) => r.node_id === node.id)
      .flatMap((r) => {
        const item = refs.get(`${r.kind}:${r.ref_id}`)
        if (!item || item.cancelled || (item.communityId && !readable.get(item.communityId))) return []
        return [{ kind: r.kind, id: r.ref_id, title: item.title, href: item.href, done: done.has(`${r.kind}:${r.ref_id}`) }]
      })
    const seen = new Set<number>()
    const nodePosts = (postsOf.get(node.id) ?? []).filter((p) => !seen.has(p.id) && seen.add(p.id)).slice(0, POSTS_PER_NODE)
    const evidence = [
      ...catalogue.filter((c) => c.done).map((c) => `${c.kind === 'session' ? 'attended' : 'completed'} ${c.title}`),
      ...tags.flatMap((t) => {
        const n = myAnswers.get(t) ?? 0
        return n > 0 ? [`${n} answer${n === 1 ? '' : 's'} on #${t}`] : []
      }),
    ]
    if (evidence.length > 0) position.push(node.id)
    return {
      id: node.id,
      title: node.title,
      description: node.description,
      tags,
      prerequisites: edges.filter((e) => e.node_id === node.id).map((e) => e.prerequisite_id),
      catalogue,
      posts: nodePosts.map((p) => ({ id: p.id, kind: p.kind, title: p.title })),
      people: experts.get(node.id) ?? [],
      evidence,
    }
  })

  const goal = (await findGoal(db, viewer.id, ref.id))?.node_id ?? null
  const path = goal
    ? pathTo(
        edges.map((e) => ({ nodeId: e.node_id, prerequisiteId: e.prerequisite_id })),
        goal,
        new Set(position),
        nodes.map((n) => n.id),
      )
    : []
  return { community: { id: ref.id, slug: ref.slug, name: ref.name }, canEdit, nodes: shaped, position, goal, path }
}
