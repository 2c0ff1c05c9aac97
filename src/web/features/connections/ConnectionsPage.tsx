import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { DepartmentList, MatchList, Programme, ProgrammeBody, ProgrammeKind, ProgrammeList } from '../../../shared/connections'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { api } from '../../lib/api'
import { useViewer } from '../../lib/session'
import { MatchCard } from './MatchCard'
import './connections.css'

export const KIND_LABELS: Record<ProgrammeKind, string> = {
  mentoring: 'Mentoring',
  circles: 'Peer coaching circles',
  lunch: 'Lunch and coffee',
  intro: 'Introductions',
}

/** Managers and admins set up a programme: kind, cadence, duration, repeats and the cross-department preference. */
function NewProgramme() {
  const client = useQueryClient()
  const [form, setForm] = useState<ProgrammeBody>({
    kind: 'mentoring',
    name: '',
    cadenceDays: 0,
    durationWeeks: 12,
    repeatRounds: 3,
    crossDepartment: 1,
  })
  // A department is chosen from the organisation's own, never typed: a typo would make a programme nobody can join.
  const departments = useQuery({
    queryKey: ['connections', 'departments'],
    queryFn: () => api<DepartmentList>('/api/connections/departments'),
  })
  const [error, setError] = useState<unknown>(null)
  const [created, setCreated] = useState<Programme | null>(null)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      // Only lunch rounds form groups of more than two (the server refuses a group size for the other kinds).
      setCreated(
        await api<Programme>('/api/connections/programmes', {
          json: { ...form, groupSize: form.kind === 'lunch' ? form.groupSize : undefined },
        }),
      )
      setForm({ ...form, name: '' })
      await client.invalidateQueries({ queryKey: ['connections'] })
    } catch (err) {
      setError(err)
    }
  }
  return (
    <section className="card" aria-labelledby="new-programme">
      <h2 id="new-programme">Set up a programme</h2>
      <form onSubmit={(e) => void submit(e)} className="connections-form">
        <div className="field">
          <label htmlFor="programme-kind">Kind</label>
          <select id="programme-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ProgrammeKind })}>
            {Object.entries(KIND_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <TextField label="Name" required maxLength={120} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <div className="field">
          <label htmlFor="programme-department">Open to</label>
          <select
            id="programme-department"
            value={form.department ?? ''}
            onChange={(e) => setForm({ ...form, department: e.target.value })}
          >
            <option value="">The whole organisation</option>
            {departments.data?.items.map((d) => (
              <option key={d} value={d}>
                {d} only
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Days between rounds (0: on demand)"
          type="number"
          min={0}
          max={365}
          value={form.cadenceDays}
          onChange={(e) => setForm({ ...form, cadenceDays: Number(e.target.value) })}
        />
        <TextField
          label="Duration (weeks)"
          type="number"
          min={1}
          max={104}
          value={form.durationWeeks}
          onChange={(e) => setForm({ ...form, durationWeeks: Number(e.target.value) })}
        />
        {form.kind === 'lunch' && (
          <TextField
            label="People per lunch group (2 to 6)"
            type="number"
            min={2}
            max={6}
            value={form.groupSize ?? 2}
            onChange={(e) => setForm({ ...form, groupSize: Number(e.target.value) })}
          />
        )}
        <TextField
          label="No repeat pairs within (rounds)"
          type="number"
          min={0}
          max={52}
          value={form.repeatRounds}
          onChange={(e) => setForm({ ...form, repeatRounds: Number(e.target.value) })}
        />
        <TextField
          label="Cross-department preference (0 to 3)"
          type="number"
          min={0}
          max={3}
          step={0.5}
          value={form.crossDepartment}
          onChange={(e) => setForm({ ...form, crossDepartment: Number(e.target.value) })}
        />
        <button type="submit" className="button">
          Create programme
        </button>
      </form>
      <ErrorAlert title="The programme was not created." error={error} />
      <StatusMessage>{created && <Link to={`/connections/programmes/${created.id}`}>Created {created.name}</Link>}</StatusMessage>
    </section>
  )
}

/** Participants join programmes and answer their matches; owners reach their programmes' rounds from here. */
export function ConnectionsPage() {
  const viewer = useViewer()
  const programmes = useQuery({ queryKey: ['connections', 'programmes'], queryFn: () => api<ProgrammeList>('/api/connections/programmes') })
  const matches = useQuery({ queryKey: ['connections', 'matches'], queryFn: () => api<MatchList>('/api/connections/matches') })
  return (
    <Page
      title="Connections"
      lead={<p>Mentoring, peer coaching circles, lunches and introductions: people who would not otherwise meet.</p>}
    >
      <section aria-labelledby="my-matches">
        <h2 id="my-matches">My matches</h2>
        {matches.isPending && <Loading />}
        <ErrorAlert error={matches.error} />
        {matches.data?.items.length === 0 && <p>No matches yet. Join a programme below.</p>}
        <ul className="connections-list">
          {matches.data?.items.map((m) => (
            <MatchCard key={m.id} match={m} viewerId={viewer.id} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="programmes">
        <h2 id="programmes">Programmes</h2>
        {programmes.isPending && <Loading />}
        <ErrorAlert error={programmes.error} />
        <ul className="connections-list">
          {programmes.data?.items.map((p) => (
            <li key={p.id} className="card">
              <h3>
                <Link to={`/connections/programmes/${p.id}`}>{p.name}</Link>
              </h3>
              <p className="meta">
                <span className="badge">{KIND_LABELS[p.kind]}</span>{' '}
                {p.cadenceDays > 0 ? `every ${p.cadenceDays} days` : 'rounds on demand'}
                {p.department && <span> · {p.department} only</span>}
                {p.myRole && <span> · you joined as {p.myRole}</span>}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {viewer.isManager && <NewProgramme />}
    </Page>
  )
}
