import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'

/**
 * A table's sideways scroller. On a phone a wide table scrolls inside it instead of widening the page; while it
 * does, the scroller is a labelled region that takes keyboard focus (so it can be scrolled without a mouse), and
 * only then, so tables that fit add no stop to the tab order. Its name is the table's caption unless `label`
 * gives one.
 */
export function TableScroll({ label, children }: { label?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState(false)
  const [name, setName] = useState(label)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1)
    check()
    if (!label) setName(el.querySelector('caption')?.textContent?.trim() || 'Table')
    const observer = new ResizeObserver(check)
    observer.observe(el)
    const table = el.firstElementChild
    if (table) observer.observe(table)
    return () => observer.disconnect()
  }, [label, children])
  return (
    <div ref={ref} className="table-wrap" {...(scrolls ? { role: 'region', 'aria-label': name, tabIndex: 0 } : {})}>
      {children}
    </div>
  )
}
