import type { AttachableList, CatalogueKind, MapNodePatch, NewMapNode } from '../../shared/learning-map.js'
import { normaliseTags, parseTags, tagsJson } from '../../shared/tags.js'
import { practiceTags } from '../knowledge/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId, nowIso } from '../platform/time.js'
import { wouldCycle } from './map-graph.js'
import type { LearningMapNodeTable } from './map-rows.js'
import { mapCommunity } from './map-service.js'
import * as store from './map-store.js'

// Stewards (and admins) edit their community's map; every learner sets their own goal on it.

const SEED_LIMIT = 12

/** The map's community for an editor: 404 to those who may not read it, 403 to readers who are not its stewards. */
async function editable(db: Db, viewer: Viewer, slug: string): Promise<string> {
  const { ref, canEdit } = await mapCommunity(db, viewer, slug)
  if (!canEdit) throw new ForbiddenError('not_steward', 'only the community’s stewards edit its learning map')
  return ref.id
}

async function existingNode(db: Db, communityId: string, id: string): Promise<LearningMapNodeTable> {
  const node = await store.findNode(db, communityId, id)
  if (!node) throw new NotFoundError('map_node_not_found', `no node ${id} on this map`)
  return node
}

function cleanTitle(title: string): string {
  return title.trim().replace(/\s+/g, ' ')
}

/** The tags a node is found by: those given, else its title as a tag. */
function nodeTags(title: string, tags: readonly string[] | undefined): string[] {
  const clean = normaliseTags(tags && tags.length > 0 ? tags : [title], 10)
  if (clean.length === 0) throw new BadRequestError('no_tags', 'give the node at least one tag of letters or digits')
  return clean
}

/** Adds a node; a title already on the map is a 409. */
export async function addNode(db: Db, viewer: Viewer, slug: string, body: NewMapNode): Promise<{ id: string }> {
  const communityId = await editable(db, viewer, slug)
  const title = cleanTitle(body.title)
  const at = nowIso()
  const row = {
    id: newId(),
    community_id: communityId,
    title,
    description: body.description?.trim() ?? '',
    tags: tagsJson(nodeTags(title, body.tags)),
    created_by: viewer.id,
    created_at: at,
    updated_at: at,
  }
  if ((await store.insertNodes(db, [row])) === 0) throw new ConflictError('map_node_exists', `the map already has “${title}”`)
  return { id: row.id }
}

/** Renames a node or changes its description or tags. */
export async function changeNode(db: Db, viewer: Viewer, slug: string, id: string, patch: MapNodePatch): Promise<void> {
  const communityId = await editable(db, viewer, slug)
  const node = await existingNode(db, communityId, id)
  const fields: Partial<LearningMapNodeTable> = { updated_at: nowIso() }
  if (patch.title !== undefined) {
    fields.title = cleanTitle(patch.title)
    const other = await store.findNodeByTitle(db, communityId, fields.title)
    if (other && other.id !== node.id) throw new ConflictError('map_node_exists', `the map already has “${fields.title}”`)
  }
  if (patch.description !== undefined) fields.description = patch.description.trim()
  if (patch.tags !== undefined) fields.tags = tagsJson(nodeTags(fields.title ?? node.title, patch.tags))
  await store.updateNode(db, node.id, fields)
}

/** Removes a node with its links, attachments and the goals set on it. */
export async function removeNode(db: Db, viewer: Viewer, slug: string, id: string): Promise<void> {
  const communityId = await editable(db, viewer, slug)
  await existingNode(db, communityId, id)
  await db.transaction().execute(async (tx) => {
    // Waits for a link being added to or from the node, so that its edges, that one too, go before the node row.
    await store.lockMap(tx, communityId)
    await store.deleteNode(tx, id)
  })
}

/** "Node builds on prerequisite": both on this map, and no loop. */
export async function linkPrerequisite(db: Db, viewer: Viewer, slug: string, nodeId: string, prerequisiteId: string): Promise<void> {
  const communityId = await editable(db, viewer, slug)
  await db.transaction().execute(async (tx) => {
    // Checked against the edges of the moment, under the map's lock: two links added at once (A → B and B → A)
    // would otherwise each pass without the other and make a loop together.
    await store.lockMap(tx, communityId)
    await existingNode(tx, communityId, nodeId)
    await existingNode(tx, communityId, prerequisiteId)
    const current = (await store.findEdges(tx, communityId)).map((e) => ({ nodeId: e.node_id, prerequisiteId: e.prerequisite_id }))
    if (wouldCycle(current, nodeId, prerequisiteId))
      throw new BadRequestError('map_cycle', 'that link would make a loop: a node cannot build, even indirectly, on itself')
    await store.insertEdge(tx, { node_id: nodeId, prerequisite_id: prerequisiteId, community_id: communityId, created_at: nowIso() })
  })
}

/** Removes "node builds on prerequisite". */
export async function unlinkPrerequisite(db: Db, viewer: Viewer, slug: string, nodeId: string, prerequisiteId: string): Promise<void> {
  const communityId = await editable(db, viewer, slug)
  await existingNode(db, communityId, nodeId)
  if (!(await store.deleteEdge(db, nodeId, prerequisiteId)))
    throw new NotFoundError('map_edge_not_found', 'the node does not build on that one')
}

/** Catalogue items this map may attach: the organisation's and the community's own. */
export async function attachableItems(db: Db, viewer: Viewer, slug: string): Promise<AttachableList> {
  const communityId = await editable(db, viewer, slug)
  return { items: await store.findAttachable(db, communityId) }
}

/** Attaches a catalogue item (one the community's members can see) to a node. */
export async function attachItem(db: Db, viewer: Viewer, slug: string, nodeId: string, kind: CatalogueKind, refId: string): Promise<void> {
  const communityId = await editable(db, viewer, slug)
  await existingNode(db, communityId, nodeId)
  const item = (await store.findCatalogueRefs(db, [{ kind, ref_id: refId }])).get(`${kind}:${refId}`)
  // Another community's item would show its title to this community's members.
  if (!item || (item.communityId !== null && item.communityId !== communityId))
    throw new BadRequestError('unknown_catalogue_item', `no ${kind} ${refId} this community can use`)
  await store.insertResource(db, { node_id: nodeId, kind, ref_id: refId, community_id: communityId, created_at: nowIso() })
}

/** Detaches a catalogue item from a node. */
export async function detachItem(db: Db, viewer: Viewer, slug: string, nodeId: string, kind: CatalogueKind, refId: string): Promise<void> {
  const communityId = await editable(db, viewer, slug)
  await existingNode(db, communityId, nodeId)
  if (!(await store.deleteResource(db, nodeId, kind, refId)))
    throw new NotFoundError('map_resource_not_found', 'that item is not attached here')
}

/** Adds a node for each of the most used tags on the community's practices that the map lacks. */
export async function seedFromPractices(db: Db, viewer: Viewer, slug: string): Promise<{ added: number }> {
  const communityId = await editable(db, viewer, slug)
  const at = nowIso()
  const { nodes } = await store.findMap(db, communityId)
  const covered = new Set(nodes.flatMap((n) => parseTags(n.tags)))
  const tags = (await practiceTags(db, communityId, SEED_LIMIT)).filter((t) => !covered.has(t.tag))
  const rows = tags.map(({ tag }) => ({
    id: newId(),
    community_id: communityId,
    title: tag,
    description: '',
    tags: tagsJson([tag]),
    created_by: viewer.id,
    created_at: at,
    updated_at: at,
  }))
  return { added: await store.insertNodes(db, rows) }
}

/** Saves the viewer's goal on the map ("who I want to become"), or clears it with null. */
export async function setGoal(db: Db, viewer: Viewer, slug: string, nodeId: string | null): Promise<void> {
  const { ref } = await mapCommunity(db, viewer, slug)
  if (nodeId !== null && !(await store.findNode(db, ref.id, nodeId)))
    throw new BadRequestError('unknown_map_node', `no node ${nodeId} on this map`)
  await store.saveGoal(db, viewer.id, ref.id, nodeId, nowIso())
}
