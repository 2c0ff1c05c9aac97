import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import type {
  Community,
  CommunityList,
  CommunityRecommendation,
  CommunityRole,
  CreateCommunity,
  JoinRequest,
  JoinResult,
  Member,
  Trajectory,
  UpdateCommunity,
} from '../../shared/communities'
import type { CommunityHome } from '../../shared/knowledge'
import { api, queryString } from './api'

const path = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`
export const communityKey = (slug: string) => ['community', slug] as const

/** Everything cached about communities: lists, one community, its home, members and requests. */
export function invalidateCommunities(client: QueryClient, slug?: string): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'communities' || (q.queryKey[0] === 'community' && (!slug || q.queryKey[1] === slug)),
  })
}

export type CommunitySort = 'activity' | 'size' | 'name'

/** The directory of communities the viewer may see. */
export function useCommunities(params: { q?: string; sort?: CommunitySort; mine?: boolean } = {}) {
  return useQuery({
    queryKey: ['communities', 'list', params.q ?? '', params.sort ?? 'activity', params.mine ?? false],
    queryFn: ({ signal }) =>
      api<CommunityList>(`/api/communities${queryString({ q: params.q, sort: params.sort, mine: params.mine ? 'true' : undefined })}`, {
        signal,
      }),
  })
}

/** Communities recommended from the viewer's answers to the three questions, with the reasons. */
export function useRecommended() {
  return useQuery({
    queryKey: ['communities', 'recommended'],
    queryFn: ({ signal }) => api<{ items: CommunityRecommendation[] }>('/api/communities/recommended', { signal }),
  })
}

export function useCommunity(slug: string) {
  return useQuery({ queryKey: communityKey(slug), queryFn: ({ signal }) => api<Community>(path(slug), { signal }) })
}

/** The home page's sections; only asked for when the viewer may read the community's content. */
export function useCommunityHome(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: [...communityKey(slug), 'home'],
    queryFn: ({ signal }) => api<CommunityHome>(`${path(slug)}/home`, { signal }),
    enabled,
  })
}

export function useMembers(slug: string, enabled = true) {
  return useQuery({
    queryKey: [...communityKey(slug), 'members'],
    queryFn: ({ signal }) => api<{ items: Member[] }>(`${path(slug)}/members`, { signal }),
    enabled,
  })
}

export function useJoinRequests(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: [...communityKey(slug), 'requests'],
    queryFn: ({ signal }) => api<{ items: JoinRequest[] }>(`${path(slug)}/requests`, { signal }),
    enabled,
  })
}

export function useTrajectories(personId: string) {
  return useQuery({
    queryKey: ['trajectories', personId],
    queryFn: ({ signal }) => api<{ items: Trajectory[] }>(`/api/people/${encodeURIComponent(personId)}/trajectories`, { signal }),
  })
}

export function useCreateCommunity() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateCommunity) => api<Community>('/api/communities', { json: body }),
    onSuccess: () => invalidateCommunities(client),
  })
}

/** A mutation on one community that refreshes every cached view of it (and the lists) afterwards. */
function useCommunityMutation<A, R>(slug: string, fn: (arg: A) => Promise<R>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await invalidateCommunities(client, slug)
      await client.invalidateQueries({ queryKey: ['trajectories'] })
    },
  })
}

export const useJoin = (slug: string) =>
  useCommunityMutation(slug, (message: string) =>
    api<Static<typeof JoinResult>>(`${path(slug)}/join`, { json: message ? { message } : {} }),
  )
export const useLeave = (slug: string) => useCommunityMutation(slug, () => api(`${path(slug)}/leave`, { method: 'POST' }))
export const useFollow = (slug: string) =>
  useCommunityMutation(slug, (following: boolean) => api(`${path(slug)}/follow`, { json: { following } }))
export const useUpdateCommunity = (slug: string) =>
  useCommunityMutation(slug, (patch: UpdateCommunity) => api<Community>(path(slug), { method: 'PATCH', json: patch }))
export const useSetRole = (slug: string) =>
  useCommunityMutation(slug, (arg: { personId: string; role: CommunityRole }) =>
    api(`${path(slug)}/members/${encodeURIComponent(arg.personId)}`, { method: 'PATCH', json: { role: arg.role } }),
  )
export const useAddMember = (slug: string) =>
  useCommunityMutation(slug, (personId: string) => api(`${path(slug)}/members`, { json: { personId } }))
export const useDecideRequest = (slug: string) =>
  useCommunityMutation(slug, (arg: { id: string; approve: boolean }) =>
    api(`${path(slug)}/requests/${encodeURIComponent(arg.id)}/${arg.approve ? 'approve' : 'reject'}`, { method: 'POST' }),
  )

export const ROLE_LABELS: Record<CommunityRole, string> = { newcomer: 'Newcomer', member: 'Member', core: 'Core', steward: 'Steward' }
export const ROLES: CommunityRole[] = ['newcomer', 'member', 'core', 'steward']

export const VISIBILITY_LABELS: Record<Community['visibility'], { label: string; help: string }> = {
  open: { label: 'Open', help: 'Anyone can read it and join.' },
  closed: { label: 'Closed', help: 'A steward approves who joins. Others see only the name and purpose.' },
  secret: { label: 'Secret', help: 'Only members know it exists. Stewards add people.' },
}
