import type { ReactNode } from 'react'

/** What an empty list shows: why it is empty and the next step, with a link to take it. */
export function EmptyNext({ children }: { children: ReactNode }) {
  return (
    <div className="card card-quiet empty-next">
      <p>{children}</p>
    </div>
  )
}
