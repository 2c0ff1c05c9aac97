import type { ReactNode } from 'react'
import { messageOf } from '../lib/api'

/** An error for the person to read; announced at once by screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  return (
    <div role="alert" className="alert alert-error">
      {title && <strong>{title} </strong>}
      {messageOf(error)}
    </div>
  )
}

/** A polite message (saved, sent, ...). The region stays mounted so changes to it are announced. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <p role="status" className={children ? 'alert alert-success' : 'visually-hidden'}>
      {children}
    </p>
  )
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p role="status" className="loading">
      {label}
    </p>
  )
}
