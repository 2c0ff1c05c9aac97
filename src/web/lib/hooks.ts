import { useEffect, useState } from 'react'

/** `value`, once it has stopped changing for `ms` milliseconds (as-you-type search). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** Sets the browser tab title, so each page is told apart in history and by screen readers. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Wellspring` : 'Wellspring'
  }, [title])
}

/**
 * Runs a mutation and calls `after` once it succeeds, even if the component that started it has unmounted by
 * then. That happens when the mutation's own refetch removes the item it was started from (approving a join
 * request, declining an offer), and `mutate`'s own onSuccess is dropped with its component, so the page would
 * never say what happened. A failure stays on the mutation (`error`) for the component to show.
 */
export function mutateThen<A>(mutation: { mutateAsync: (arg: A) => Promise<unknown> }, arg: A, after: () => void): void {
  mutation.mutateAsync(arg).then(after, () => undefined)
}
