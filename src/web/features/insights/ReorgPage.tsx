import { useState, type FormEvent } from 'react'
import type { ReorgBody, ReorgOptions } from '../../../shared/insights-manage'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate } from './insights-api'
import { InsightsNav } from './InsightsNav'
import { useReorgOptions, useReorgSimulation } from './manage-api'
import { ReorgResultView } from './ReorgResultView'
import './insights.css'

const toggle = (set: Set<string>, key: string) => {
  const next = new Set(set)
  if (next.has(key)) next.delete(key)
  else next.add(key)
  return next
}

function ReorgForm({ options, onRun, busy }: { options: ReorgOptions; onRun: (body: ReorgBody) => void; busy: boolean }) {
  const [mode, setMode] = useState<ReorgBody['mode']>('leave')
  const [departments, setDepartments] = useState(new Set<string>())
  const [people, setPeople] = useState(new Set<string>())
  const [filter, setFilter] = useState('')
  const shown = options.people.filter((p) => `${p.name} ${p.department}`.toLowerCase().includes(filter.trim().toLowerCase())).slice(0, 200)
  function submit(event: FormEvent) {
    event.preventDefault()
    onRun({ mode, departments: [...departments], people: [...people] })
  }
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="reorg-form-heading">
      <h2 id="reorg-form-heading">Choose who changes</h2>
      <p className="muted">
        {options.scope === 'subtree' ? 'You may choose people in your part of the organisation.' : 'You may choose anyone.'} Choose at least{' '}
        {options.minAggregate} people, or only your own direct reports.
      </p>
      <fieldset>
        <legend>What happens</legend>
        <label>
          <input type="radio" name="mode" checked={mode === 'leave'} onChange={() => setMode('leave')} /> They leave
        </label>{' '}
        <label>
          <input type="radio" name="mode" checked={mode === 'move'} onChange={() => setMode('move')} /> They move together (ties to everyone
          else are cut)
        </label>
      </fieldset>
      {options.departments.length > 0 && (
        <fieldset>
          <legend>Whole departments</legend>
          <ul className="pick-list">
            {options.departments.map((d) => (
              <li key={d.name}>
                <label>
                  <input type="checkbox" checked={departments.has(d.name)} onChange={() => setDepartments(toggle(departments, d.name))} />{' '}
                  {d.name} ({d.people})
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <fieldset>
        <legend>People</legend>
        <label>
          Filter people
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <ul className="pick-list">
          {shown.map((p) => (
            <li key={p.id}>
              <label>
                <input type="checkbox" checked={people.has(p.id)} onChange={() => setPeople(toggle(people, p.id))} /> {p.name}
                <span className="muted"> · {p.department}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={busy || (departments.size === 0 && people.size === 0)}>
          {busy ? 'Simulating…' : 'Simulate'}
        </button>
      </div>
    </form>
  )
}

/** Knowledge at risk: what a reorganisation would break, before and after (managers over their subtree, admins). */
export function ReorgPage() {
  const options = useReorgOptions()
  const simulation = useReorgSimulation()
  return (
    <Page
      title="Reorg simulation"
      lead={<p>Choose leavers or a department to move, and see which communities, topics and links would break.</p>}
    >
      <div className="stack">
        <InsightsNav />
        <ErrorAlert error={options.error} />
        {options.isPending && <Loading />}
        {options.data && !options.data.run && <p>No discovery has run yet.</p>}
        {options.data?.run && (
          <>
            <p className="muted">From the discovery run of {formatDate(options.data.run.finishedAt)}.</p>
            <ReorgForm options={options.data} onRun={(body) => simulation.mutate(body)} busy={simulation.isPending} />
          </>
        )}
        <ErrorAlert error={simulation.error} title="The simulation did not run." />
        {simulation.data && <ReorgResultView result={simulation.data} />}
      </div>
    </Page>
  )
}
