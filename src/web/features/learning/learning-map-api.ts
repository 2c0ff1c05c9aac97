import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AttachableList, CatalogueKind, LearningMap, MapNodePatch, NewMapNode } from '../../../shared/learning-map'
import { api } from '../../lib/api'

const mapUrl = (slug: string) => `/api/learning/maps/${encodeURIComponent(slug)}`
const nodeUrl = (slug: string, id: string) => `${mapUrl(slug)}/nodes/${encodeURIComponent(id)}`
const mapKey = (slug: string) => ['learning', 'map', slug] as const

/** A community's learning map with the viewer's position, goal and path. */
export function useLearningMap(slug: string) {
  return useQuery({ queryKey: mapKey(slug), queryFn: ({ signal }) => api<LearningMap>(mapUrl(slug), { signal }) })
}

/** Catalogue items a steward may attach to the map's nodes. */
export function useAttachable(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['learning', 'map', slug, 'attachable'],
    queryFn: ({ signal }) => api<AttachableList>(`${mapUrl(slug)}/attachable`, { signal }),
    enabled,
  })
}

/** Every change to a map, as one mutation: the map is read again after each. */
export type MapAction =
  | { type: 'goal'; nodeId: string | null }
  | { type: 'seed' }
  | { type: 'add'; body: NewMapNode }
  | { type: 'change'; id: string; patch: MapNodePatch }
  | { type: 'remove'; id: string }
  | { type: 'link'; id: string; prerequisiteId: string }
  | { type: 'unlink'; id: string; prerequisiteId: string }
  | { type: 'attach'; id: string; kind: CatalogueKind; refId: string }
  | { type: 'detach'; id: string; kind: CatalogueKind; refId: string }

function send(slug: string, a: MapAction): Promise<unknown> {
  switch (a.type) {
    case 'goal':
      return api(`${mapUrl(slug)}/goal`, { method: 'PUT', json: { nodeId: a.nodeId } })
    case 'seed':
      return api(`${mapUrl(slug)}/seed`, { method: 'POST' })
    case 'add':
      return api(`${mapUrl(slug)}/nodes`, { json: a.body })
    case 'change':
      return api(nodeUrl(slug, a.id), { method: 'PATCH', json: a.patch })
    case 'remove':
      return api(nodeUrl(slug, a.id), { method: 'DELETE' })
    case 'link':
      return api(`${nodeUrl(slug, a.id)}/prerequisites`, { json: { prerequisiteId: a.prerequisiteId } })
    case 'unlink':
      return api(`${nodeUrl(slug, a.id)}/prerequisites/${encodeURIComponent(a.prerequisiteId)}`, { method: 'DELETE' })
    case 'attach':
      return api(`${nodeUrl(slug, a.id)}/resources`, { json: { kind: a.kind, id: a.refId } })
    case 'detach':
      return api(`${nodeUrl(slug, a.id)}/resources/${a.kind}/${encodeURIComponent(a.refId)}`, { method: 'DELETE' })
  }
}

export function useMapAction(slug: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (a: MapAction) => send(slug, a),
    onSuccess: () => client.invalidateQueries({ queryKey: mapKey(slug) }),
  })
}

export type NodeState = 'goal' | 'path' | 'known' | 'other'

/** How the viewer stands to a node: their goal, a step on their path, a place they already know, or neither. */
export function nodeState(map: LearningMap, id: string): NodeState {
  if (map.goal === id) return 'goal'
  if (map.path.includes(id)) return 'path'
  if (map.position.includes(id)) return 'known'
  return 'other'
}
