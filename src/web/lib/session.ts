import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { SessionInfo } from '../../shared/schemas'
import { api, setCsrfToken } from './api'

export const SESSION_KEY = ['session'] as const

export type Viewer = NonNullable<SessionInfo['viewer']>

async function fetchSession(): Promise<SessionInfo> {
  const session = await api<SessionInfo>('/api/auth/session')
  setCsrfToken(session.viewer?.csrfToken ?? null)
  return session
}

/** Who is logged in, whether setup is needed, and whether single sign-on is offered. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 })
}

/** The logged-in person; only call below a route that requires one. */
export function useViewer(): Viewer {
  const { data } = useSession()
  if (!data?.viewer) throw new Error('useViewer outside a logged-in route')
  return data.viewer
}

/**
 * After login, logout, setup or accepting an invitation the session (and its CSRF token) changes: drop every
 * cached answer that belonged to the previous person and load the new session before moving on.
 */
export async function renewSession(client: QueryClient): Promise<void> {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] })
  await client.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 })
}

export function useRenewSession(): () => Promise<void> {
  const client = useQueryClient()
  return () => renewSession(client)
}
