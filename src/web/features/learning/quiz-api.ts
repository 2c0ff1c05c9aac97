import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  AnswerFeedback,
  AnswerInput,
  ChallengeProgress,
  ChallengeRef,
  NewChallenge,
  NewQuiz,
  QuestionInput,
  Quiz,
  QuizForAuthor,
  QuizSummary,
  ReviewList,
} from '../../../shared/quiz'
import { api } from '../../lib/api'

const quizUrl = (id: string) => `/api/learning/quizzes/${encodeURIComponent(id)}`

export function useQuizzes() {
  return useQuery({
    queryKey: ['learning', 'quizzes'],
    queryFn: ({ signal }) => api<{ items: QuizSummary[] }>('/api/learning/quizzes', { signal }),
  })
}

export function useQuiz(id: string) {
  return useQuery({ queryKey: ['learning', 'quiz', id], queryFn: ({ signal }) => api<Quiz>(quizUrl(id), { signal }) })
}

export function useAuthoring(id: string) {
  return useQuery({
    queryKey: ['learning', 'authoring', id],
    queryFn: ({ signal }) => api<QuizForAuthor>(`${quizUrl(id)}/authoring`, { signal }),
  })
}

export function useReviews() {
  return useQuery({ queryKey: ['learning', 'reviews'], queryFn: ({ signal }) => api<ReviewList>('/api/learning/reviews', { signal }) })
}

export function useChallenge(id: string) {
  return useQuery({
    queryKey: ['learning', 'challenge', id],
    queryFn: ({ signal }) => api<ChallengeProgress>(`/api/learning/challenges/${encodeURIComponent(id)}`, { signal }),
  })
}

export function useCreateQuiz() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: NewQuiz) => api<QuizForAuthor>('/api/learning/quizzes', { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['learning', 'quizzes'] }),
  })
}

/** Author actions: each answers with the quiz as its author sees it. */
export function useAuthorAction(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'add'; question: QuestionInput }
        | { kind: 'edit'; questionId: string; question: QuestionInput }
        | { kind: 'remove'; questionId: string }
        | { kind: 'points'; points: boolean },
    ) =>
      action.kind === 'add'
        ? api<QuizForAuthor>(`${quizUrl(id)}/questions`, { json: action.question })
        : action.kind === 'edit'
          ? api<QuizForAuthor>(`${quizUrl(id)}/questions/${encodeURIComponent(action.questionId)}`, {
              method: 'PUT',
              json: action.question,
            })
          : action.kind === 'remove'
            ? api<QuizForAuthor>(`${quizUrl(id)}/questions/${encodeURIComponent(action.questionId)}`, { method: 'DELETE' })
            : api<QuizForAuthor>(quizUrl(id), { method: 'PATCH', json: { points: action.points } }),
    onSuccess: async (quiz) => {
      client.setQueryData(['learning', 'authoring', id], quiz)
      await client.invalidateQueries({ queryKey: ['learning', 'quiz', id] })
      await client.invalidateQueries({ queryKey: ['learning', 'quizzes'] })
    },
  })
}

/** Sends an answer; the quiz, the list and the reviews are refreshed in the background. */
export function useAnswer(quizId: string, questionId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (answer: AnswerInput) =>
      api<AnswerFeedback>(`${quizUrl(quizId)}/questions/${encodeURIComponent(questionId)}/answer`, { json: answer }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['learning', 'quiz', quizId] })
      void client.invalidateQueries({ queryKey: ['learning', 'quizzes'] })
      void client.invalidateQueries({ queryKey: ['learning', 'reviews'] })
    },
  })
}

export function useStartChallenge(quizId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: NewChallenge) => api<ChallengeRef>(`${quizUrl(quizId)}/challenges`, { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['learning', 'quiz', quizId] }),
  })
}

/** A date and time in the reader's words. */
export function whenDue(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
}
