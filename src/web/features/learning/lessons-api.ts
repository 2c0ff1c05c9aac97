import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Lesson, LessonProgress, NewLesson } from '../../../shared/learning'
import { api } from '../../lib/api'

export const lessonUrl = (id: string) => `/api/learning/lessons/${encodeURIComponent(id)}`

export function useLesson(id: string | undefined) {
  return useQuery({
    queryKey: ['learning', 'lesson', id],
    queryFn: ({ signal }) => api<Lesson>(lessonUrl(id!), { signal }),
    enabled: id !== undefined,
  })
}

/** Writes a new lesson, or rewrites one (with its id). */
export function useSaveLesson(id: string | undefined) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: NewLesson) =>
      id ? api<Lesson>(lessonUrl(id), { method: 'PUT', json: body }) : api<Lesson>('/api/learning/lessons', { json: body }),
    onSuccess: async (lesson) => {
      client.setQueryData(['learning', 'lesson', lesson.id], lesson)
      await client.invalidateQueries({ queryKey: ['learning', 'modules'] })
    },
  })
}

/** Keeps the learner's place, and marks a page read. */
export function useLessonProgress(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { position: number; read?: number }) =>
      api<LessonProgress>(`${lessonUrl(id)}/progress`, { method: 'PUT', json: body }),
    onSuccess: (progress) => {
      client.setQueryData<Lesson>(['learning', 'lesson', id], (old) => (old ? { ...old, progress } : old))
    },
  })
}
