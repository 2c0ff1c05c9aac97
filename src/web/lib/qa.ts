import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FlagBody, MyFlagList, ReviewDecision, ReviewQueue, VoteResult } from '../../shared/qa'
import { api } from './api'

// Votes, flags and the review queue (server: knowledge/votes.ts, knowledge/flags.ts).

/**
 * Votes on a post of a thread; afterwards the thread (scores, answer order, the viewer's own votes) is fetched
 * again, under whichever post's id the page opened it.
 */
export function useVote(postId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (value: 1 | -1 | 0) => api<VoteResult>(`/api/posts/${postId}/vote`, { json: { value } }),
    onSettled: () => client.invalidateQueries({ queryKey: ['thread'] }),
  })
}

export function useFlagPost(postId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: FlagBody) => api(`/api/posts/${postId}/flags`, { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-flags'] }),
  })
}

export function useMyFlags() {
  return useQuery({ queryKey: ['my-flags'], queryFn: ({ signal }) => api<MyFlagList>('/api/flags/mine', { signal }) })
}

export function useReviewQueue() {
  return useQuery({ queryKey: ['review-queue'], queryFn: ({ signal }) => api<ReviewQueue>('/api/review', { signal }) })
}

export function useDecideReview() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: { postId: number } & ReviewDecision) => api(`/api/review/${arg.postId}`, { json: { decision: arg.decision } }),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: ['review-queue'] })
      await client.invalidateQueries({ queryKey: ['my-flags'] })
    },
  })
}
