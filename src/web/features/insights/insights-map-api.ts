import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { CommunityTrajectory, NetworkMap, PersonTrajectory } from '../../../shared/insights-map'
import { api } from '../../lib/api'

// Under the discovery report's key, so that a finished run refreshes the map and trajectories too.
const KEY = ['insights', 'discovery'] as const

/** The network map of one run (the latest when `runId` is undefined); the previous map stays while the next loads. */
export function useNetworkMap(runId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'map', runId ?? 'latest'],
    queryFn: ({ signal }) => api<NetworkMap>(`/api/insights/map${runId ? `?run=${encodeURIComponent(runId)}` : ''}`, { signal }),
    placeholderData: keepPreviousData,
  })
}

/** A person's trajectory: the viewer's own when `personId` is undefined. */
export function useTrajectory(personId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'trajectory', personId ?? 'me'],
    queryFn: ({ signal }) =>
      api<PersonTrajectory>(personId ? `/api/insights/trajectory/${encodeURIComponent(personId)}` : '/api/insights/trajectory', { signal }),
  })
}

/** A discovered community's typical path and who is stuck at its edge. */
export function useCommunityTrajectory(id: string) {
  return useQuery({
    queryKey: [...KEY, 'community', id, 'trajectory'],
    queryFn: ({ signal }) =>
      api<CommunityTrajectory>(`/api/insights/discovery/communities/${encodeURIComponent(id)}/trajectory`, { signal }),
  })
}

/** Position from edge (0) to core (1), in words. */
export function positionWords(position: number): string {
  if (position < 1 / 3) return 'at the edge'
  if (position < 2 / 3) return 'in the middle'
  return 'near the core'
}
