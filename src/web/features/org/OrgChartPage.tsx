import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { PersonSummary } from '../../../shared/schemas'
import { ErrorAlert } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { PersonSearch } from '../../components/PersonSearch'
import { api } from '../../lib/api'
import { OrgLevel, type TreeState } from './OrgTree'
import './org.css'

/** The org chart from the top down: open any manager's reports; search reveals a person by opening their chain. */
export function OrgChartPage() {
  const [params, setParams] = useSearchParams()
  const focusId = params.get('focus')
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())

  const chain = useQuery({
    queryKey: ['org', 'chain', focusId],
    queryFn: ({ signal }) => api<{ items: PersonSummary[] }>(`/api/people/${encodeURIComponent(focusId ?? '')}/chain`, { signal }),
    enabled: focusId !== null,
  })

  useEffect(() => {
    // Open every manager above the focused person; the person themself stays as they were.
    const above = chain.data?.items.slice(0, -1).map((p) => p.id) ?? []
    if (above.length) setExpanded((prev) => new Set([...prev, ...above]))
  }, [chain.data])

  const toggle = useCallback((id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])
  const state: TreeState = useMemo(() => ({ expanded, toggle, focusId }), [expanded, toggle, focusId])
  const focused = chain.data?.items.at(-1)

  return (
    <Page title="Org chart" lead={<p className="lead">Who works with whom. Open a manager to see their reports.</p>}>
      <div className="org-tools">
        <PersonSearch label="Find someone in the chart" action="show in the chart" onPick={(p) => setParams({ focus: p.id })} />
        {expanded.size > 0 && (
          <button type="button" className="button" onClick={() => setExpanded(new Set())}>
            Collapse all
          </button>
        )}
      </div>
      <ErrorAlert error={chain.error} />
      <p role="status" className="visually-hidden">
        {focused ? `Showing ${focused.name} in the chart.` : ''}
      </p>
      <OrgLevel managerId={null} state={state} label="Org chart" />
    </Page>
  )
}
