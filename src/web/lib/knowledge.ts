import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import type { CreatePost, LearnedFromPage, Post, PostKind, RevisionList, Thread, UpdatePost } from '../../shared/knowledge'
import type { MarkdownPreview } from '../../shared/markdown'
import { api } from './api'
import { invalidateCommunities } from './communities'

export const threadKey = (id: number) => ['thread', id] as const
const postPath = (id: number) => `/api/posts/${id}`

/** A post with its answers, comments, duplicates, series and adoptions, and what the viewer did there (`mine`). */
export function useThread(id: number) {
  return useQuery({
    queryKey: threadKey(id),
    queryFn: ({ signal }) => api<Thread>(postPath(id), { signal }),
    // Others answer and comment all the time: show the cached thread at once, but always fetch it again.
    staleTime: 0,
    enabled: Number.isInteger(id) && id > 0,
  })
}

export function useRevisions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['revisions', id],
    queryFn: ({ signal }) => api<Static<typeof RevisionList>>(`${postPath(id)}/revisions`, { signal }),
    enabled,
  })
}

export function useLearnedFrom(personId: string) {
  return useQuery({
    queryKey: ['learned-from', personId],
    queryFn: ({ signal }) => api<LearnedFromPage>(`/api/people/${encodeURIComponent(personId)}/learned-from`, { signal }),
  })
}

/** The editor's preview: the server renders Markdown exactly as it renders saved posts. */
export function useMarkdownPreview(markdown: string, enabled: boolean) {
  return useQuery({
    queryKey: ['markdown-preview', markdown],
    queryFn: ({ signal }) => api<MarkdownPreview>('/api/markdown/preview', { json: { markdown }, signal }),
    enabled: enabled && markdown.trim().length > 0,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    gcTime: 60_000,
  })
}

export function useCreatePost(slug: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CreatePost) => api<Post>(`/api/communities/${encodeURIComponent(slug)}/posts`, { json: body }),
    onSuccess: () => invalidateCommunities(client, slug),
  })
}

/**
 * A change to something inside a thread: afterwards the thread (and the pages that count its reactions:
 * community homes, learned-from pages) are fetched again.
 */
export function useThreadMutation<A, R = unknown>(rootId: number, fn: (arg: A) => Promise<R>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      // The page may have opened the thread by an answer's id: its query is under that id, not the root's.
      await client.invalidateQueries({ queryKey: threadKey(rootId) })
      await client.invalidateQueries({ queryKey: ['thread'] })
      await client.invalidateQueries({ queryKey: ['revisions'] })
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'learned-from' || q.queryKey[0] === 'community' })
    },
  })
}

export const replyTo = (parentId: number, kind: 'answer' | 'comment', body: string) =>
  api<Post>(`${postPath(parentId)}/${kind}s`, { json: { body } })
export const editPost = (id: number, patch: UpdatePost) => api<Post>(postPath(id), { method: 'PATCH', json: patch })
export const deletePost = (id: number) => api(postPath(id), { method: 'DELETE' })
export const acceptAnswer = (questionId: number, answerId: number | null) =>
  api<Post>(`${postPath(questionId)}/accept`, { json: { answerId } })
export const thankPost = (id: number, kind: 'thanks' | 'learned', note: string) =>
  api(`${postPath(id)}/thanks`, { json: note.trim() ? { kind, note: note.trim() } : { kind } })
export const adoptPractice = (id: number, note: string, communitySlug?: string) =>
  api(`${postPath(id)}/adoptions`, { json: { note: note.trim(), ...(communitySlug ? { communitySlug } : {}) } })

export const KIND_LABELS: Record<PostKind, string> = {
  question: 'Question',
  answer: 'Answer',
  story: 'Story',
  practice: 'Practice',
  lesson: 'Lesson',
  comment: 'Comment',
}

/** Labels of the kind-specific fields, in the order they are shown. */
export const FIELD_LABELS = {
  practice: [
    ['context', 'Context', 'Where this practice applies, and the problem it solves.'],
    ['steps', 'Steps', 'How to do it, step by step.'],
    ['evidence', 'Evidence', 'What shows that it works: results, numbers, who uses it.'],
  ],
  lesson: [
    [
      'whatHappened',
      'What happened',
      'The facts, in order. Describe what the system and the situation made easy or hard, not who was at fault.',
    ],
    ['whatWeLearned', 'What we learned', 'What surprised you, and what you understand now.'],
    ['whatWeWouldDoDifferently', 'What we’d do differently', 'The changes to the way of working, not to people.'],
  ],
} as const

/** "12 Mar 2025" in the reader's locale: the app's one date format, kept here for the pages that import it. */
export { formatDate } from './dates'
