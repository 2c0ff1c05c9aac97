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
