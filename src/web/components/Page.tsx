import { useEffect, useRef, type ReactNode } from 'react'
import { useDocumentTitle } from '../lib/hooks'

let firstPage = true

interface PageProps {
  title: string
  /** Shown after the h1, e.g. a lead paragraph or actions. */
  lead?: ReactNode
  children: ReactNode
  className?: string
}

/**
 * A page with its one h1. After a client-side navigation focus moves to the heading, so keyboard and
 * screen-reader users start reading the new page instead of staying on the link they used.
 */
export function Page({ title, lead, children, className }: PageProps) {
  useDocumentTitle(title)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (firstPage) {
      firstPage = false
      return
    }
    heading.current?.focus({ preventScroll: false })
  }, [])
  return (
    <div className={className ? `page ${className}` : 'page'}>
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {lead}
      </header>
      {children}
    </div>
  )
}
