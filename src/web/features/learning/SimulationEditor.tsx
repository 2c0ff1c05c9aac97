import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { Tabs } from '../../components/Tabs'
import { useCommunities } from '../../lib/communities'
import { useSaveSimulation, useSimulation } from './simulation-api'
import {
  addChoice,
  addSituation,
  emptyDraft,
  removeChoice,
  removeSituation,
  toBody,
  updateChoice,
  updateSituation,
  type Draft,
  type Selection,
} from './simulation-draft'
import { ChoiceFields, SituationFields } from './SimulationFields'
import { SimulationForm } from './SimulationForm'
import { SimulationPathsView } from './SimulationPathsView'
import './simulation.css'

const SimulationGraph = lazy(() => import('./SimulationGraph'))

/** The side panel beside the graph: the fields of the selected situation or choice. */
function SidePanel({
  draft,
  selected,
  onChange,
  onSelect,
}: {
  draft: Draft
  selected: Selection
  onChange: (d: Draft) => void
  onSelect: (s: Selection) => void
}) {
  const situation = selected?.kind === 'situation' ? draft.situations.find((s) => s.key === selected.key) : undefined
  const choice = selected?.kind === 'choice' ? draft.choices.find((c) => c.key === selected.key) : undefined
  return (
    <aside className="sim-panel" aria-label="Selected item">
      {situation && (
        <SituationFields
          situation={situation}
          isStart={draft.start === situation.key}
          onChange={(patch) => onChange(updateSituation(draft, situation.key, patch))}
          onMakeStart={() => onChange({ ...draft, start: situation.key })}
          onRemove={() => (onChange(removeSituation(draft, situation.key)), onSelect(null))}
        />
      )}
      {choice && (
        <ChoiceFields
          choice={choice}
          situations={draft.situations}
          onChange={(patch) => onChange(updateChoice(draft, choice.key, patch))}
          onRemove={() => (onChange(removeChoice(draft, choice.key)), onSelect(null))}
        />
      )}
      {!situation && !choice && (
        <p className="hint">Select a situation or a choice to edit it. Drag from a situation’s lower handle to another to add a choice.</p>
      )}
    </aside>
  )
}

/** Writes or rewrites a branching simulation (learning staff): a graph view and a form view of the same draft. */
export function SimulationEditor() {
  const { id } = useParams()
  const existing = useSimulation(id)
  const save = useSaveSimulation(id)
  const navigate = useNavigate()
  const communities = useCommunities({ mine: true })
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [loaded, setLoaded] = useState(false)
  const [view, setView] = useState('graph')
  const [selected, setSelected] = useState<Selection>(null)

  useEffect(() => {
    const sim = existing.data
    if (!sim || loaded) return
    setDraft({ ...sim, community: sim.community?.slug ?? '' })
    setLoaded(true)
  }, [existing.data, loaded])

  if (id && existing.isPending) return <Loading />
  if (id && !existing.data) return <ErrorAlert title="This simulation could not be opened." error={existing.error} />

  async function submit(event: FormEvent) {
    event.preventDefault()
    const sim = await save.mutateAsync(toBody(draft))
    if (!id) void navigate(`/learning/simulations/${sim.id}/edit`, { replace: true })
  }

  const graph = (
    <div className="sim-editor-graph">
      <div>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            const [next, key] = addSituation(draft)
            setDraft(next)
            setSelected({ kind: 'situation', key })
          }}
        >
          Add a situation
        </button>
        <Suspense fallback={<Loading label="Loading the graph…" />}>
          <SimulationGraph
            draft={draft}
            selected={selected}
            onSelect={setSelected}
            onConnect={(from, to) => {
              const [next, key] = addChoice(draft, from, to)
              setDraft(next)
              setSelected({ kind: 'choice', key })
            }}
            onMove={(key, x, y) => setDraft((d) => updateSituation(d, key, { x, y }))}
            onTidy={(pos) => setDraft((d) => ({ ...d, situations: d.situations.map((s) => ({ ...s, ...pos.get(s.key) })) }))}
          />
        </Suspense>
      </div>
      <SidePanel draft={draft} selected={selected} onChange={setDraft} onSelect={setSelected} />
    </div>
  )

  return (
    <Page
      title={id ? 'Edit the simulation' : 'Write a simulation'}
      lead={<p className="lead">Situations joined by choices: each choice gives feedback and can change the score.</p>}
    >
      {id && (
        <p>
          <Link to={`/learning/simulations/${id}`}>Play it</Link>
        </p>
      )}
      <form className="card" onSubmit={(e) => void submit(e).catch(() => undefined)}>
        <TextField
          label="Title"
          required
          maxLength={200}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
        <TextArea
          label="What learners practise"
          maxLength={2000}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
        <label htmlFor="sim-community">Community</label>
        <select id="sim-community" value={draft.community} onChange={(e) => setDraft({ ...draft, community: e.target.value })}>
          <option value="">The whole organisation</option>
          {communities.data?.items.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={draft.showScore} onChange={(e) => setDraft({ ...draft, showScore: e.target.checked })} /> Show
          learners their score
        </label>
        <Tabs
          label="Ways to edit"
          selected={view}
          onSelect={setView}
          tabs={[
            { id: 'graph', label: 'Graph', panel: graph },
            { id: 'form', label: 'Form view', panel: <SimulationForm draft={draft} onChange={setDraft} /> },
          ]}
        />
        <div className="learning-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Save the simulation
          </button>
        </div>
        <ErrorAlert title="The simulation was not saved." error={save.error} />
        {save.isSuccess && <StatusMessage>Saved.</StatusMessage>}
      </form>
      {id && existing.data && <SimulationPathsView id={id} draft={draft} />}
    </Page>
  )
}
