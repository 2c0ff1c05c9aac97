import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  AskBody,
  AskResult,
  AskSuggestions,
  Availability,
  CommunityRouting,
  CommunityRoutingView,
  Inbox,
  KnownFor,
} from '../../shared/asks'
import { api, queryString } from './api'
import { useDebounced } from './hooks'

/**
 * The inbox sits under the notifications key on purpose: the notification stream invalidates ['notifications']
 * whenever something arrives, and a 'routed' notification is exactly when "For you" has changed.
 */
export const INBOX_KEY = ['notifications', 'for-you'] as const
const AVAILABILITY_KEY = ['asks', 'availability'] as const
export const knownForKey = (personId: string) => ['asks', 'known-for', personId] as const

/** The text the ask flow searches with: the title first (the server reads the first 200 characters). */
export function suggestText(title: string, body: string): string {
  return `${title.trim()} ${body.trim()}`.trim().slice(0, 2000)
}

/** Existing answers, similar questions and communities for what is being typed, once typing pauses (~300 ms). */
export function useAskSuggestions(text: string) {
  const q = useDebounced(text, 300)
  return useQuery({
    queryKey: ['asks', 'suggest', q],
    queryFn: ({ signal }) => api<AskSuggestions>(`/api/asks/suggest${queryString({ q })}`, { signal }),
    enabled: q.length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
}

/** "This answered it": records the match (it teaches duplicate detection); nothing is posted. */
export function useResolve() {
  return useMutation({ mutationFn: (arg: { query: string; postId: number }) => api('/api/asks/resolve', { json: arg }) })
}

/** Posts the question and routes it; the answer names the people it was offered to. */
export function useAsk() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: AskBody) => api<AskResult>('/api/asks', { json: body }),
    onSuccess: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'communities' || q.queryKey[0] === 'community' }),
  })
}

/** Questions offered to the viewer ("For you"). */
export function useInbox() {
  return useQuery({ queryKey: INBOX_KEY, queryFn: ({ signal }) => api<Inbox>('/api/asks/inbox', { signal }), staleTime: 30_000 })
}

/** A change to one offer (decline, snooze, answer): the inbox is fetched again afterwards. */
function useOfferMutation<A>(fn: (arg: A) => Promise<unknown>) {
  const client = useQueryClient()
  return useMutation({ mutationFn: fn, onSettled: () => client.invalidateQueries({ queryKey: INBOX_KEY }) })
}

export type DeclineReason = 'not_my_area' | 'busy'
export const useDecline = () =>
  useOfferMutation((arg: { offerId: string; reason: DeclineReason }) =>
    api(`/api/asks/offers/${encodeURIComponent(arg.offerId)}/decline`, { json: { reason: arg.reason } }),
  )
export const useSnooze = () =>
  useOfferMutation((arg: { offerId: string; hours: number }) =>
    api(`/api/asks/offers/${encodeURIComponent(arg.offerId)}/snooze`, { json: { hours: arg.hours } }),
  )

export function useAvailability() {
  return useQuery({ queryKey: AVAILABILITY_KEY, queryFn: ({ signal }) => api<Availability>('/api/me/availability', { signal }) })
}

export function useSaveAvailability() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: Availability) => api<Availability>('/api/me/availability', { method: 'PUT', json: body }),
    onSuccess: (saved) => client.setQueryData(AVAILABILITY_KEY, saved),
  })
}

/** The topics a person is known for, with the answers (that the viewer may see) behind each. */
export function useKnownFor(personId: string) {
  return useQuery({
    queryKey: knownForKey(personId),
    queryFn: ({ signal }) => api<KnownFor>(`/api/people/${encodeURIComponent(personId)}/known-for`, { signal }),
  })
}

/** Replaces the viewer's hidden topics (hidden topics are never routed to them, nor shown to others). */
export function useSetHiddenTopics(personId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (tags: string[]) => api<{ tags: string[] }>('/api/me/hidden-topics', { method: 'PUT', json: { tags } }),
    onSettled: () => client.invalidateQueries({ queryKey: knownForKey(personId) }),
  })
}

/** "A, B and C" for a list of names. */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

const routingKey = (slug: string) => ['asks', 'community-routing', slug] as const

/** How a community's questions are routed (the explore slot). */
export function useCommunityRouting(slug: string) {
  return useQuery({
    queryKey: routingKey(slug),
    queryFn: ({ signal }) => api<CommunityRoutingView>(`/api/communities/${encodeURIComponent(slug)}/routing`, { signal }),
  })
}

/** A steward turns the explore slot on, off, or back to the default. */
export function useSetCommunityRouting(slug: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CommunityRouting) =>
      api<CommunityRoutingView>(`/api/communities/${encodeURIComponent(slug)}/routing`, { method: 'PUT', json: body }),
    onSuccess: (saved) => client.setQueryData(routingKey(slug), saved),
  })
}
