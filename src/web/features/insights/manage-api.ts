import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  ExclusionReport,
  IntroduceBody,
  IntroductionMade,
  ManageView,
  PracticeList,
  PracticeSpread,
  ReorgBody,
  ReorgOptions,
  ReorgResult,
} from '../../../shared/insights-manage'
import { api, queryString } from '../../lib/api'

// Insights' manager tools: exclusion, reorg simulation, practice spread and the team view.

const KEY = ['insights', 'manage'] as const

/** Who is left out, optionally for one department and with the newcomer threshold in weeks. */
export function useExclusion(department: string, newcomerWeeks: number) {
  return useQuery({
    queryKey: [...KEY, 'exclusion', department, newcomerWeeks],
    queryFn: ({ signal }) => api<ExclusionReport>(`/api/insights/exclusion${queryString({ department, newcomerWeeks })}`, { signal }),
  })
}

export function useReorgOptions() {
  return useQuery({ queryKey: [...KEY, 'reorg'], queryFn: ({ signal }) => api<ReorgOptions>('/api/insights/reorg', { signal }) })
}

/** Runs a simulation; nothing is saved but the audit entry. */
export function useReorgSimulation() {
  return useMutation({ mutationFn: (body: ReorgBody) => api<ReorgResult>('/api/insights/reorg', { json: body }) })
}

export function usePractices() {
  return useQuery({ queryKey: [...KEY, 'practices'], queryFn: ({ signal }) => api<PracticeList>('/api/insights/practices', { signal }) })
}

export function usePracticeSpread(id: string) {
  return useQuery({
    queryKey: [...KEY, 'practices', id],
    queryFn: ({ signal }) => api<PracticeSpread>(`/api/insights/practices/${encodeURIComponent(id)}`, { signal }),
  })
}

export function useManageView() {
  return useQuery({ queryKey: [...KEY, 'team'], queryFn: ({ signal }) => api<ManageView>('/api/insights/manage', { signal }) })
}

/** Makes a suggested introduction; the connections lists and this view are out of date afterwards. */
export function useIntroduce() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: IntroduceBody) => api<IntroductionMade>('/api/insights/manage/introductions', { json: body }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['connections'] }), client.invalidateQueries({ queryKey: KEY })]),
  })
}

/** A count that may be withheld below the minimum aggregate. */
export function countText(n: number | null, minAggregate: number): string {
  return n === null ? `fewer than ${minAggregate}` : String(n)
}

/** A share (0..1) as a whole percentage. */
export function share(x: number): string {
  return `${Math.round(x * 100)}%`
}
