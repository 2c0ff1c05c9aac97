import { communityIdsByVisibility, memberIdsWithRole } from '../../src/server/communities/lookup.js'
import { practiceTags } from '../../src/server/knowledge/lookup.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import { newId } from '../../src/server/platform/time.js'
import { tagsJson } from '../../src/shared/tags.js'

// The demo's learning maps: for the open communities with the most practices, a map drawn as a steward would
// from their practices' tags (the most used tag the foundation, each next one building on an earlier one), a
// capstone that builds on the last ones, the community's lessons and sessions attached, and goals chosen by a
// few of its members. Written in the load's transaction, after the catalogue.

export interface LearningMapsLoadResult {
  maps: number
  nodes: number
  goals: number
}

const MAPS = 3
const TAGS_PER_MAP = 6
const GOALS_PER_MAP = 4

/** Builds the demo's maps from what the load has written so far. */
export async function insertLearningMaps(tx: Db, at: string): Promise<LearningMapsLoadResult> {
  const open = await communityIdsByVisibility(tx, ['open'])
  const candidates = []
  for (const id of open) {
    const tags = await practiceTags(tx, id, TAGS_PER_MAP)
    if (tags.length >= 3) candidates.push({ id, tags, weight: tags.reduce((s, t) => s + t.posts, 0) })
  }
  candidates.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
  const result: LearningMapsLoadResult = { maps: 0, nodes: 0, goals: 0 }
  for (const c of candidates.slice(0, MAPS)) {
    const stewards = await memberIdsWithRole(tx, c.id, 'steward')
    const node = (title: string, tags: string[], description = '') => ({
      id: newId(),
      community_id: c.id,
      title,
      description,
      tags: tagsJson(tags),
      created_by: stewards[0] ?? null,
      created_at: at,
      updated_at: at,
    })
    const nodes = c.tags.map((t) => node(t.tag, [t.tag]))
    const top = c.tags[0]!.tag
    const capstone = node(`Go-to person for ${top}`, [top], 'Answers others rely on, and a practice others adopt.')
    await tx
      .insertInto('learning_map_node')
      .values([...nodes, capstone])
      .execute()
    // A tree from the foundation: node i builds on node (i - 1) / 2, so paths have a few steps, not one long chain.
    const edges = nodes.slice(1).map((n, i) => ({ prerequisite_id: nodes[Math.floor(i / 2)]!.id, node_id: n.id }))
    edges.push(...nodes.slice(-2).map((n) => ({ prerequisite_id: n.id, node_id: capstone.id })))
    await tx
      .insertInto('learning_map_edge')
      .values(edges.map((e) => ({ ...e, community_id: c.id, created_at: at })))
      .execute()

    const lessons = await tx.selectFrom('learning_module').select('id').where('community_id', '=', c.id).orderBy('title').execute()
    const sessions = await tx.selectFrom('learning_session').select('id').where('community_id', '=', c.id).orderBy('starts_at').execute()
    const items = [
      ...lessons.map((l) => ({ kind: 'module' as const, ref_id: l.id })),
      ...sessions.map((s) => ({ kind: 'session' as const, ref_id: s.id })),
    ]
    if (items.length > 0)
      await tx
        .insertInto('learning_map_resource')
        .values(items.map((item, i) => ({ ...item, node_id: nodes[i % nodes.length]!.id, community_id: c.id, created_at: at })))
        .execute()

    const learners = (await memberIdsWithRole(tx, c.id, 'member')).sort().slice(0, GOALS_PER_MAP)
    if (learners.length > 0)
      await tx
        .insertInto('learning_map_goal')
        .values(learners.map((person_id) => ({ person_id, community_id: c.id, node_id: capstone.id, updated_at: at })))
        .execute()
    result.maps += 1
    result.nodes += nodes.length + 1
    result.goals += learners.length
  }
  return result
}
