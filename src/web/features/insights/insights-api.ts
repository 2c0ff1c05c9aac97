import { useQuery, type QueryClient } from '@tanstack/react-query'
import type { DiscoveredCommunity, DiscoveryReport } from '../../../shared/insights'
import { api } from '../../lib/api'

const REPORT_KEY = ['insights', 'discovery'] as const

/** The latest discovery run's communities, as the viewer may see them (managers and admins). */
export function useDiscoveryReport() {
  return useQuery({
    queryKey: REPORT_KEY,
    queryFn: ({ signal }) => api<DiscoveryReport>('/api/insights/discovery', { signal }),
  })
}

/** One discovered community of the latest run. */
export function useDiscoveredCommunity(id: string) {
  return useQuery({
    queryKey: [...REPORT_KEY, 'community', id],
    queryFn: ({ signal }) => api<DiscoveredCommunity>(`/api/insights/discovery/communities/${encodeURIComponent(id)}`, { signal }),
  })
}

/** After a run finishes, every discovery answer in the cache is out of date. */
export function invalidateDiscovery(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: REPORT_KEY })
}

/** A discovered community has no name: it is labelled by its most distinctive topics. */
export function labelOf(c: Pick<DiscoveredCommunity, 'topics' | 'size'>): string {
  return c.topics.length > 0 ? c.topics.slice(0, 3).join(' · ') : `A community of ${c.size} with no shared topic yet`
}

/** Declared-community overlap as a percentage of the discovered community. */
export function percent(overlap: number): string {
  return `${Math.round(overlap * 100)}%`
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
}
