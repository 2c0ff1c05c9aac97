import { useLayoutEffect, useRef, type ReactNode } from 'react'

/**
 * A table's sideways scroller: on a phone a wide table scrolls inside it instead of widening the page. It is a
 * labelled region that takes keyboard focus, so it can be scrolled without a mouse (axe: scrollable regions must
 * be focusable). It is so always, not only while it scrolls: whether it scrolls changes with the viewport, and
 * a check made after a resize would leave a moment when it scrolls and cannot be reached. Its name is the
 * table's caption unless `label` gives one.
 */
export function TableScroll({ label, children }: { label?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  // The caption is the table's own name; read after each render (before paint), since it may change.
  useLayoutEffect(() => {
    if (!label) ref.current?.setAttribute('aria-label', ref.current.querySelector('caption')?.textContent?.trim() || 'Table')
  })
  return (
    <div ref={ref} className="table-wrap" role="region" tabIndex={0} aria-label={label}>
      {children}
    </div>
  )
}
