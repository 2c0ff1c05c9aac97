import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Person, ProfileUpdate } from '../../shared/schemas'
import { api } from './api'

export const personKey = (id: string) => ['person', id] as const

/** One person's profile. */
export function usePerson(id: string) {
  return useQuery({ queryKey: personKey(id), queryFn: () => api<Person>(`/api/people/${encodeURIComponent(id)}`) })
}

/** Saves profile changes and refreshes every view of that person. */
export function useUpdateProfile(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (patch: ProfileUpdate) => api<Person>(`/api/people/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }),
    onSuccess: async (person) => {
      client.setQueryData(personKey(id), person)
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'directory' || q.queryKey[0] === 'org' })
    },
  })
}

/** Initials for an avatar without a photo: "Ada Lovelace" -> "AL". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const first = words[0]?.[0] ?? '?'
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return (first + last).toUpperCase()
}

/** "Engineer · Platform · Lisbon", skipping the parts that are empty. */
export function describeRole(p: { title: string; department: string; location?: string }): string {
  return [p.title, p.department, p.location].filter(Boolean).join(' · ')
}
