import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './Tabs.css'

export interface TabDef {
  id: string
  label: string
  panel: ReactNode
}

interface TabsProps {
  label: string
  tabs: TabDef[]
  selected: string
  onSelect: (id: string) => void
}

/** The ARIA tabs pattern: arrow keys, Home and End move between tabs; only the selected panel is rendered. */
export function Tabs({ label, tabs, selected, onSelect }: TabsProps) {
  const refs = useRef(new Map<string, HTMLButtonElement>())
  const current = tabs.find((t) => t.id === selected) ?? tabs[0]
  // On a phone the tab list scrolls sideways: keep the selected tab in view (a link may open the last one).
  useEffect(() => {
    if (current) refs.current.get(current.id)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
  }, [current])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((t) => t.id === current?.id)
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }
    const target = moves[event.key]
    if (target === undefined) return
    event.preventDefault()
    const next = tabs[(target + tabs.length) % tabs.length]
    if (!next) return
    onSelect(next.id)
    refs.current.get(next.id)?.focus()
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el)
              else refs.current.delete(tab.id)
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={tab.id === current?.id ? `panel-${tab.id}` : undefined}
            tabIndex={tab.id === current?.id ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} tabIndex={0} className="tabpanel">
          {current.panel}
        </div>
      )}
    </div>
  )
}
