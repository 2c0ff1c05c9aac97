import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { AssignmentsMade, AssignmentStatus, MyAssignmentList } from '../../../shared/learning'
import type { OrgNodeList, PersonSummary } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { PersonSearch } from '../../components/PersonSearch'
import { api, queryString } from '../../lib/api'
import { useViewer } from '../../lib/session'

// Push learning, shown apart from the catalogue people browse: what I was asked to take, and what I asked of
// my team.

const STATUS_WORDS: Record<AssignmentStatus, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' }
const itemLink = (m: { id: string; kind: string }) =>
  m.kind === 'lesson' ? `/learning/lessons/${m.id}` : m.kind === 'simulation' ? `/learning/simulations/${m.id}` : `/learning/${m.id}`
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })

/** What the viewer was asked to take: shown only when there is something, above what they may choose. */
export function AssignedToYou() {
  const mine = useQuery({
    queryKey: ['learning', 'assignments', 'mine'],
    queryFn: ({ signal }) => api<Static<typeof MyAssignmentList>>('/api/learning/assignments/mine', { signal }),
  })
  const items = mine.data?.items ?? []
  if (items.length === 0) return <ErrorAlert error={mine.error} />
  return (
    <section className="card assigned" aria-labelledby="assigned-heading">
      <h2 id="assigned-heading">Assigned to you</h2>
      <p className="hint">Asked of you by your manager or learning staff. Everything else on this page is yours to choose.</p>
      <ul className="assigned-list">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={itemLink(a.module)}>{a.module.title}</Link>{' '}
            <span className={`badge status-${a.status}`}>{STATUS_WORDS[a.status]}</span>
            {a.overdue && <span className="badge badge-warning">Overdue</span>}
            <span className="meta">
              {a.dueAt ? ` · due ${day(a.dueAt)}` : ' · no due date'}
              {a.assignedBy && ` · from ${a.assignedBy.name}`}
            </span>
            {a.note && <p className="assigned-note">“{a.note}”</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Managers and admins: who they asked to take what, and where each of their reports stands. */
export function AssignmentsMadeSection() {
  const client = useQueryClient()
  const made = useQuery({
    queryKey: ['learning', 'assignments', 'made'],
    queryFn: ({ signal }) => api<AssignmentsMade>('/api/learning/assignments/made', { signal }),
  })
  const withdraw = useMutation({
    mutationFn: (id: string) => api<void>(`/api/learning/assignments/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['learning', 'assignments'] }),
  })
  const items = made.data?.items ?? []
  if (items.length === 0) return <ErrorAlert error={made.error} />
  return (
    <section className="card" aria-labelledby="made-heading">
      <h2 id="made-heading">Assignments you made</h2>
      {items.map((i) => (
        <div key={i.module.id} className="made-item">
          <h3>
            <Link to={itemLink(i.module)}>{i.module.title}</Link>
          </h3>
          <p className="meta">
            {i.assigned} {i.assigned === 1 ? 'person' : 'people'}
            {i.done === null ? ' · progress shown from enough people' : ` · ${i.done} done`}
          </p>
          {i.people.length > 0 && (
            <ul className="assigned-list">
              {i.people.map((p) => (
                <li key={p.assignmentId}>
                  <Link to={`/people/${p.person.id}`}>{p.person.name}</Link>{' '}
                  <span className={`badge status-${p.status}`}>{STATUS_WORDS[p.status]}</span>
                  {p.overdue && <span className="badge badge-warning">Overdue</span>}
                  {p.dueAt && <span className="meta"> · due {day(p.dueAt)}</span>}{' '}
                  <button
                    type="button"
                    className="button button-quiet"
                    disabled={withdraw.isPending}
                    onClick={() => withdraw.mutate(p.assignmentId)}
                    aria-label={`Withdraw ${i.module.title} from ${p.person.name}`}
                  >
                    Withdraw
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <ErrorAlert error={withdraw.error} />
    </section>
  )
}

/** On an item's page, for managers and admins: assign it to people on the team (admins: anyone), by a date. */
export function AssignForm({ moduleId, title }: { moduleId: string; title: string }) {
  const viewer = useViewer()
  const client = useQueryClient()
  const [open, setOpen] = useState(false)
  const [picked, setPicked] = useState<Map<string, string>>(new Map())
  const [due, setDue] = useState('')
  const [note, setNote] = useState('')
  const team = useQuery({
    queryKey: ['org', 'children', viewer.id],
    queryFn: ({ signal }) => api<OrgNodeList>(`/api/org/children${queryString({ managerId: viewer.id })}`, { signal }),
    enabled: open,
  })
  const save = useMutation({
    mutationFn: () =>
      api<{ assigned: number; updated: number }>('/api/learning/assignments', {
        json: {
          moduleId,
          personIds: [...picked.keys()],
          dueAt: due ? new Date(`${due}T17:00:00`).toISOString() : undefined,
          note: note || undefined,
        },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['learning', 'assignments'] }),
  })
  const toggle = (p: PersonSummary, on: boolean) => {
    const next = new Map(picked)
    if (on) next.set(p.id, p.name)
    else next.delete(p.id)
    setPicked(next)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    save.mutate()
  }

  if (!open)
    return (
      <div className="learning-actions">
        <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
          Assign to people
        </button>
        {save.data && (
          <StatusMessage>
            Assigned to {save.data.assigned} {save.data.assigned === 1 ? 'person' : 'people'}
            {save.data.updated > 0 && `, ${save.data.updated} updated`}.
          </StatusMessage>
        )}
      </div>
    )
  const reports = team.data?.items.map((n) => n.person) ?? []
  const others = [...picked.entries()].filter(([id]) => !reports.some((r) => r.id === id))
  return (
    <form className="card" onSubmit={submit} aria-labelledby="assign-heading">
      <h2 id="assign-heading">Assign “{title}”</h2>
      <p className="hint">Assigned learning is shown to people apart from what they choose, with its due date.</p>
      <fieldset>
        <legend>Your team</legend>
        {team.data && reports.length === 0 && <p className="empty">Nobody reports to you directly.</p>}
        <ul className="roster-list">
          {reports.map((p) => (
            <li key={p.id}>
              <label>
                <input type="checkbox" checked={picked.has(p.id)} onChange={(e) => toggle(p, e.target.checked)} /> {p.name}
              </label>
            </li>
          ))}
          {others.map(([id, name]) => (
            <li key={id}>
              <label>
                <input type="checkbox" checked onChange={() => toggle({ id, name } as PersonSummary, false)} /> {name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {viewer.isAdmin && <PersonSearch label="Add anyone (admins)" action="assign" onPick={(p) => toggle(p, true)} />}
      <TextField label="Due by (optional)" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <TextField label="A word on why (optional)" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <ErrorAlert title="Nothing was assigned." error={save.error} />
      <div className="learning-actions">
        <button type="submit" className="button" disabled={picked.size === 0 || save.isPending}>
          Assign to {picked.size} {picked.size === 1 ? 'person' : 'people'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {save.data && (
        <StatusMessage>
          Assigned to {save.data.assigned}
          {save.data.updated > 0 && `, ${save.data.updated} updated`}.
        </StatusMessage>
      )}
    </form>
  )
}
