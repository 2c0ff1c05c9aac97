import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FlagBody, MyFlagList, ReviewDecision, ReviewQueue, ThreadVotes, VoteResult } from '../../shared/qa'
import { api } from './api'
import { threadKey } from './knowledge'

// Votes, flags and the review queue (server: knowledge/votes.ts, knowledge/flags.ts).

const votesKey = (rootId: number) => ['thread-votes', rootId] as const

/** The viewer's votes in a thread, by post id. */
export function useThreadVotes(rootId: number) {
  return useQuery({
    queryKey: votesKey(rootId),
    queryFn: async ({ signal }) => {
      const { votes } = await api<ThreadVotes>(`/api/posts/${rootId}/votes`, { signal })
      return new Map(votes.map((v) => [v.postId, v.value]))
    },
  })
}

/** Votes on a post of the thread; afterwards the thread (scores, answer order) and the votes are fetched again. */
export function useVote(rootId: number, postId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (value: 1 | -1 | 0) => api<VoteResult>(`/api/posts/${postId}/vote`, { json: { value } }),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: votesKey(rootId) })
      await client.invalidateQueries({ queryKey: threadKey(rootId) })
    },
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
