import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import type { LearningSession, LearningSessionList, NewSession, SessionRoster } from '../../../shared/learning'
import { api } from '../../lib/api'

export type Roster = Static<typeof SessionRoster>

const sessionUrl = (id: string) => `/api/learning/sessions/${encodeURIComponent(id)}`

export function useSessions() {
  return useQuery({
    queryKey: ['learning', 'sessions'],
    queryFn: ({ signal }) => api<Static<typeof LearningSessionList>>('/api/learning/sessions', { signal }),
  })
}

export function useSession(id: string) {
  return useQuery({ queryKey: ['learning', 'session', id], queryFn: ({ signal }) => api<LearningSession>(sessionUrl(id), { signal }) })
}

export function useRoster(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['learning', 'roster', id],
    queryFn: ({ signal }) => api<Roster>(`${sessionUrl(id)}/roster`, { signal }),
    enabled,
  })
}

/** Enrol, withdraw, cancel: each answers with the session as the viewer now sees it. */
export function useSessionAction(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (action: 'enrol' | 'withdraw' | 'cancel') =>
      action === 'enrol'
        ? api<LearningSession>(`${sessionUrl(id)}/enrolment`, { method: 'POST' })
        : action === 'withdraw'
          ? api<LearningSession>(`${sessionUrl(id)}/enrolment`, { method: 'DELETE' })
          : api<LearningSession>(`${sessionUrl(id)}/cancel`, { method: 'POST' }),
    onSuccess: async (session) => {
      client.setQueryData(['learning', 'session', id], session)
      await client.invalidateQueries({ queryKey: ['learning', 'sessions'] })
      await client.invalidateQueries({ queryKey: ['learning', 'roster', id] })
    },
  })
}

export function useCreateSession() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: NewSession) => api<LearningSession>('/api/learning/sessions', { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['learning', 'sessions'] }),
  })
}

export async function saveAttendance(id: string, attended: string[]): Promise<void> {
  await api(`${sessionUrl(id)}/attendance`, { method: 'PUT', json: { attended } })
}

export async function saveFeedback(id: string, rating: number, comment: string): Promise<void> {
  await api(`${sessionUrl(id)}/feedback`, { method: 'PUT', json: comment ? { rating, comment } : { rating } })
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** "Tue 3 Mar, 09:00–11:00" */
export function when(s: Pick<LearningSession, 'startsAt' | 'endsAt'>): string {
  return `${dateTime.format(new Date(s.startsAt))}–${time.format(new Date(s.endsAt))}`
}

/** The viewer's place in words. */
export function placeWords(s: LearningSession): string {
  if (s.status === 'cancelled') return 'Cancelled'
  if (s.mine === 'enrolled') return 'You are enrolled'
  if (s.mine === 'waitlisted') return `You are number ${s.waitlistPlace ?? '?'} on the waitlist`
  const free = s.capacity - s.enrolled
  return free > 0 ? `${free} of ${s.capacity} seats free` : `Full: ${s.waitlisted} waiting`
}
