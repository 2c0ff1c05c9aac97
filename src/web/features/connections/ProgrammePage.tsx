import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { DraftStarted, Match, Participation, Programme, Questionnaire, Round, RoundList } from '../../../shared/connections'
import type { PersonSummary } from '../../../shared/schemas'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { PersonSearch } from '../../components/PersonSearch'
import { api } from '../../lib/api'
import { formatDate } from '../../lib/dates'
import { useViewer } from '../../lib/session'
import { KIND_LABELS } from './ConnectionsPage'
import { DraftProgress } from './DraftProgress'

const tags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)

/** The opt-in questionnaire, prefilled from the profile (or the earlier answers). */
function JoinForm({ programme }: { programme: Programme }) {
  const client = useQueryClient()
  const q = useQuery({
    queryKey: ['connections', 'questionnaire', programme.id],
    queryFn: () => api<Questionnaire>(`/api/connections/programmes/${programme.id}/questionnaire`),
  })
  const [form, setForm] = useState<(Questionnaire & { offered: string; wanted: string }) | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (q.data && !form) setForm({ ...q.data, offered: q.data.skillsOffered.join(', '), wanted: q.data.skillsWanted.join(', ') })
  }, [q.data, form])
  if (!form) return <Loading />
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!form) return
    setError(null)
    setSaved(false)
    try {
      const { offered, wanted, ...rest } = form
      await api(`/api/connections/programmes/${programme.id}/participation`, {
        method: 'PUT',
        json: { ...rest, skillsOffered: tags(offered), skillsWanted: tags(wanted) },
      })
      setSaved(true)
      await client.invalidateQueries({ queryKey: ['connections'] })
    } catch (err) {
      setError(err)
    }
  }
  return (
    <section className="card" aria-labelledby="join-heading">
      <h2 id="join-heading">{programme.myRole ? 'Your answers' : 'Join'}</h2>
      <form className="connections-form" onSubmit={(e) => void submit(e)}>
        {programme.kind === 'mentoring' && (
          <fieldset>
            <legend>I want to be</legend>
            {(['mentee', 'mentor'] as const).map((r) => (
              <label key={r}>
                <input type="radio" name="role" checked={form.role === r} onChange={() => setForm({ ...form, role: r })} /> a {r}
              </label>
            ))}
          </fieldset>
        )}
        {form.role === 'mentor' && (
          <TextField
            label="How many mentees"
            type="number"
            min={1}
            max={10}
            value={form.capacity}
            onChange={(e) => setForm({ ...form, capacity: Number(e.target.value) })}
          />
        )}
        <TextArea label="Who am I" maxLength={1000} value={form.whoAmI} onChange={(e) => setForm({ ...form, whoAmI: e.target.value })} />
        <TextArea
          label="Who do I want to become"
          maxLength={1000}
          value={form.wantToBecome}
          onChange={(e) => setForm({ ...form, wantToBecome: e.target.value })}
        />
        <TextArea label="My goals" maxLength={1000} value={form.goals} onChange={(e) => setForm({ ...form, goals: e.target.value })} />
        <TextField
          label="Skills I offer (comma separated)"
          value={form.offered}
          onChange={(e) => setForm({ ...form, offered: e.target.value })}
        />
        <TextField
          label="Skills I want (comma separated)"
          value={form.wanted}
          onChange={(e) => setForm({ ...form, wanted: e.target.value })}
        />
        <button type="submit" className="button">
          {programme.myRole ? 'Save my answers' : 'Join'}
        </button>
      </form>
      <ErrorAlert title="Not saved." error={error} />
      <StatusMessage>{saved && 'Saved: you are in.'}</StatusMessage>
    </section>
  )
}

/** The owner who is not a participant: their tools are below; joining is a deliberate second step. */
function OwnerJoin({ programme }: { programme: Programme }) {
  const [joining, setJoining] = useState(false)
  return (
    <>
      <section className="card" aria-labelledby="owner-heading">
        <h2 id="owner-heading">You run this programme</h2>
        <p>Draft and approve its rounds and follow its participation below. You are not a participant yourself.</p>
        {!joining && (
          <button type="button" className="button button-secondary" onClick={() => setJoining(true)}>
            Join as a participant too
          </button>
        )}
      </section>
      {joining && <JoinForm programme={programme} />}
    </>
  )
}

function MatchRow({ match }: { match: Match }) {
  return (
    <li className="card">
      <p>
        <strong>{match.members.map((m) => `${m.person.name}${m.role === 'member' ? '' : ` (${m.role})`}`).join(' · ')}</strong>
      </p>
      <ul className="reasons">
        {match.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </li>
  )
}

/** The owner's view: draft a round (a job), preview it with "why you two", approve it; participation in aggregate. */
function OwnerTools({ programme }: { programme: Programme }) {
  const client = useQueryClient()
  const rounds = useQuery({
    queryKey: ['connections', 'rounds', programme.id],
    queryFn: () => api<RoundList>(`/api/connections/programmes/${programme.id}/rounds`),
    refetchInterval: (query) => (query.state.data?.items.length === 0 ? 1500 : false),
  })
  const latest = rounds.data?.items[0]
  const round = useQuery({
    queryKey: ['connections', 'round', latest?.id],
    queryFn: () => api<Round>(`/api/connections/rounds/${latest!.id}`),
    enabled: Boolean(latest),
  })
  const stats = useQuery({
    queryKey: ['connections', 'participation', programme.id],
    queryFn: () => api<Participation>(`/api/connections/programmes/${programme.id}/participation`),
  })
  const [error, setError] = useState<unknown>(null)
  // The draft is made by a job: its progress bar shows until it is done, then the preview is loaded.
  const [jobId, setJobId] = useState<string | null>(null)
  const [drafting, setDrafting] = useState(false)
  const drafted = useCallback(() => {
    setDrafting(false)
    void client.invalidateQueries({ queryKey: ['connections'] })
  }, [client])
  async function draft() {
    setError(null)
    try {
      setDrafting(true)
      setJobId((await api<DraftStarted>(`/api/connections/programmes/${programme.id}/rounds`, { method: 'POST' })).jobId)
    } catch (err) {
      setDrafting(false)
      setError(err)
    }
  }
  async function approve(id: string) {
    setError(null)
    try {
      await api(`/api/connections/rounds/${id}/approval`, { method: 'POST' })
      await client.invalidateQueries({ queryKey: ['connections'] })
    } catch (err) {
      setError(err)
    }
  }
  const draftRound = round.data?.status === 'draft' ? round.data : null
  const shown = (n: number | null | undefined) =>
    n === null || n === undefined ? `fewer than ${stats.data?.minAggregate ?? 5} people` : String(n)
  return (
    <section aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">Rounds</h2>
      <div className="round-actions">
        {programme.status === 'open' && (
          <button type="button" className="button" onClick={() => void draft()} disabled={drafting}>
            {drafting ? 'Matching…' : 'Draft the next round'}
          </button>
        )}
        {draftRound && (
          <button type="button" className="button" onClick={() => void approve(draftRound.id)}>
            Approve round {draftRound.number} and notify everyone
          </button>
        )}
      </div>
      {jobId && <DraftProgress key={jobId} jobId={jobId} onDone={drafted} />}
      <ErrorAlert error={error ?? round.error} />
      {round.data && (
        <>
          <h3>
            Round {round.data.number} ({round.data.status === 'draft' ? 'preview: nobody has been told' : 'approved'}),{' '}
            {round.data.matchCount} matches
          </h3>
          {/* Names are for the preview only: once approved, who accepted or declined whom is the pairs' own
              business, and the owner follows the round through the counts below (aggregates only). */}
          {draftRound && draftRound.unmatched.length > 0 && <p>Not matched: {draftRound.unmatched.map((p) => p.name).join(', ')}</p>}
          {draftRound && (
            <ul className="connections-list">
              {draftRound.matches.map((m) => (
                <MatchRow key={m.id} match={m} />
              ))}
            </ul>
          )}
        </>
      )}
      <h2>Participation</h2>
      {stats.data && (
        <dl className="participation">
          <dt>Participants</dt>
          <dd>{shown(stats.data.participants)}</dd>
          <dt>Approved rounds</dt>
          <dd>{stats.data.rounds}</dd>
          <dt>Matches</dt>
          <dd>{stats.data.matches}</dd>
          <dt>Accepted</dt>
          <dd>{shown(stats.data.accepted)}</dd>
          <dt>Declined</dt>
          <dd>{shown(stats.data.declined)}</dd>
          <dt>Meetings held</dt>
          <dd>{shown(stats.data.meetingsHeld)}</dd>
          <dt>Reflections written</dt>
          <dd>{shown(stats.data.reflections)}</dd>
        </dl>
      )}
    </section>
  )
}

/** A manager introduces two people, with the reason, in an introductions programme. */
function Introduce({ programme }: { programme: Programme }) {
  const [a, setA] = useState<PersonSummary | null>(null)
  const [b, setB] = useState<PersonSummary | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!a || !b) return
    setError(null)
    try {
      await api(`/api/connections/programmes/${programme.id}/introductions`, { json: { personA: a.id, personB: b.id, reason } })
      setDone(`Introduced ${a.name} and ${b.name}.`)
      setA(null)
      setB(null)
      setReason('')
    } catch (err) {
      setError(err)
    }
  }
  return (
    <section className="card" aria-labelledby="intro-heading">
      <h2 id="intro-heading">Introduce two people</h2>
      <form className="connections-form" onSubmit={(e) => void submit(e)}>
        {a ? <p>First: {a.name}</p> : <PersonSearch label="First person" action="introduce" onPick={setA} />}
        {b ? <p>Second: {b.name}</p> : <PersonSearch label="Second person" action="introduce" onPick={setB} excludeId={a?.id} />}
        <TextArea label="Why they should meet" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="button" disabled={!a || !b || !reason.trim()}>
          Introduce
        </button>
      </form>
      <ErrorAlert error={error} />
      <StatusMessage>{done}</StatusMessage>
    </section>
  )
}

export function ProgrammePage() {
  const { id = '' } = useParams()
  const viewer = useViewer()
  const programme = useQuery({
    queryKey: ['connections', 'programme', id],
    queryFn: () => api<Programme>(`/api/connections/programmes/${id}`),
  })
  if (!programme.data) return <Page title="Programme">{programme.error ? <ErrorAlert error={programme.error} /> : <Loading />}</Page>
  const p = programme.data
  // The owner who has not joined runs the programme: a join form would read as if it were meant for them.
  const runsIt = p.owner?.id === viewer.id && !p.myRole
  const ends = p.endsAt ? formatDate(p.endsAt) : null
  const lead = `${KIND_LABELS[p.kind]}${p.kind === 'lunch' && p.groupSize > 2 ? `, groups of ${p.groupSize}` : ''}${
    p.department ? ` · ${p.department} only` : ''
  }${ends ? (p.status === 'ended' ? ` · ended ${ends}` : ` · ends ${ends}`) : ''}`
  return (
    <Page title={p.name} lead={<p className="meta">{lead}</p>}>
      {p.description && <p>{p.description}</p>}
      {p.status === 'ended' && p.myRole && (
        <p className="card">
          This programme has ended. <Link to={`/connections/programmes/${p.id}/reflection`}>Write your reflection</Link>: only you can read
          it.
        </p>
      )}
      {p.status === 'open' && (runsIt ? <OwnerJoin programme={p} /> : <JoinForm programme={p} />)}
      {p.kind === 'intro' && viewer.isManager && <Introduce programme={p} />}
      {p.canManage && <OwnerTools programme={p} />}
    </Page>
  )
}
