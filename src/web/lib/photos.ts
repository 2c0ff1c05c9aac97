import { useSyncExternalStore } from 'react'

// Photos are cached by the browser for a few minutes; after an upload or removal we change the URL of that
// person's photo so every avatar on screen shows the new one at once.
const versions = new Map<string, number>()
const listeners = new Set<() => void>()

export function bumpPhotoVersion(personId: string): void {
  versions.set(personId, Date.now())
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The URL of a person's photo, changed whenever it was replaced in this tab. */
export function usePhotoUrl(personId: string): string {
  const version = useSyncExternalStore(subscribe, () => versions.get(personId) ?? 0)
  return `/api/people/${encodeURIComponent(personId)}/photo${version ? `?v=${version}` : ''}`
}
