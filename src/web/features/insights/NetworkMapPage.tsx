import { lazy, Suspense, useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import type { NetworkMap } from '../../../shared/insights-map'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { Tabs } from '../../components/Tabs'
import { formatDate } from './insights-api'
import { useNetworkMap } from './insights-map-api'
import { MapTables } from './MapTables'
import { buildModel, egoNetwork, searchNodes, type MapModel } from './map-model'
import './insights.css'

// sigma and graphology load only when a map is drawn, in their own chunk.
const SigmaMap = lazy(() => import('./SigmaMap'))

/** How communities changed since the previous run on the slider. */
function changeSummary(map: NetworkMap): string {
  if (!map.run || map.runs[0]?.id === map.run.id) return 'The first run with a map.'
  let grew = 0
  let shrank = 0
  let fresh = 0
  for (const c of map.communities) {
    if (c.isNew) fresh++
    else if (c.previousSize !== null && c.size > c.previousSize) grew++
    else if (c.previousSize !== null && c.size < c.previousSize) shrank++
  }
  return `Since the run before: ${fresh} new, ${grew} grew, ${shrank} shrank.`
}

function Controls(props: {
  map: NetworkMap
  model: MapModel
  runIndex: number
  onRun: (index: number) => void
  onWindow: (latestRunId: string) => void
  query: string
  onQuery: (q: string) => void
  focus: string
  onFocus: (id: string) => void
  steps: number
  onSteps: (n: number) => void
  bridgesOnly: boolean
  onBridges: (b: boolean) => void
}) {
  const { map, model, runIndex } = props
  const run = map.runs[runIndex]
  return (
    <div className="map-controls">
      {map.windows.length > 1 && (
        <div className="field">
          <label htmlFor="map-window">Window</label>
          <select
            id="map-window"
            value={map.windows.find((w) => w.windowDays === map.run?.windowDays)?.latestRunId ?? ''}
            onChange={(e) => props.onWindow(e.target.value)}
          >
            {map.windows.map((w) => (
              <option key={w.windowDays} value={w.latestRunId}>
                Last {w.windowDays} days
              </option>
            ))}
          </select>
        </div>
      )}
      {map.runs.length > 1 && (
        <div className="field map-slider">
          <label htmlFor="map-run">Run: {run ? `${formatDate(run.finishedAt)} (last ${run.windowDays} days)` : ''}</label>
          <input
            id="map-run"
            type="range"
            min={0}
            max={map.runs.length - 1}
            step={1}
            value={runIndex}
            aria-valuetext={run ? `${formatDate(run.finishedAt)}, run ${runIndex + 1} of ${map.runs.length}` : undefined}
            onChange={(e) => props.onRun(Number(e.target.value))}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="map-search">Search the map</label>
        <input
          id="map-search"
          type="search"
          value={props.query}
          placeholder="Topic or name"
          onChange={(e) => props.onQuery(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="map-focus">Focus on</label>
        <select id="map-focus" value={props.focus} onChange={(e) => props.onFocus(e.target.value)}>
          <option value="">Everyone</option>
          {model.nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="map-steps">Neighbours within</label>
        <select id="map-steps" value={props.steps} disabled={!props.focus} onChange={(e) => props.onSteps(Number(e.target.value))}>
          <option value={1}>1 step</option>
          <option value={2}>2 steps</option>
        </select>
      </div>
      <label className="map-checkbox">
        <input type="checkbox" checked={props.bridgesOnly} onChange={(e) => props.onBridges(e.target.checked)} /> Highlight bridges
      </label>
    </div>
  )
}

function MapView({
  map,
  runIndex,
  onRun,
  onWindow,
}: {
  map: NetworkMap
  runIndex: number
  onRun: (i: number) => void
  onWindow: (latestRunId: string) => void
}) {
  const model = useMemo(() => buildModel(map), [map])
  const [query, setQuery] = useState('')
  const [focus, setFocus] = useState('')
  const [steps, setSteps] = useState(1)
  const [bridgesOnly, setBridgesOnly] = useState(false)
  const [tab, setTab] = useState('map')
  // A focus that is not on this run's map (the slider moved) is dropped.
  const focusId = model.neighbours.has(focus) ? focus : ''
  const visible = useMemo(() => (focusId ? egoNetwork(model, focusId, steps) : null), [model, focusId, steps])
  const matches = useMemo(() => searchNodes(model, query), [model, query])
  const shownNodes = model.nodes.filter((n) => !visible || visible.has(n.id))
  const communities = shownNodes.filter((n) => n.kind === 'community').length
  const people = shownNodes.length - communities
  const found = matches ? shownNodes.filter((n) => matches.has(n.id)).length : null
  return (
    <div className="stack">
      <Controls
        map={map}
        model={model}
        runIndex={runIndex}
        onRun={onRun}
        onWindow={onWindow}
        query={query}
        onQuery={setQuery}
        focus={focusId}
        onFocus={setFocus}
        steps={steps}
        onSteps={setSteps}
        bridgesOnly={bridgesOnly}
        onBridges={setBridgesOnly}
      />
      <p role="status" className="map-status">
        Showing {communities} {communities === 1 ? 'community' : 'communities'} and {people} {people === 1 ? 'person' : 'people'}
        {found !== null && `; ${found} ${found === 1 ? 'match' : 'matches'}`}. {changeSummary(map)}
      </p>
      <Tabs
        label="Views of the network map"
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: 'map',
            label: 'Map',
            panel: (
              <div
                role="img"
                aria-label={`Network map: ${communities} communities and ${people} people; the table view lists the same data.`}
                className="network-map"
              >
                <Suspense fallback={<Loading label="Loading the map…" />}>
                  <SigmaMap model={model} visible={visible} matches={matches} bridgesOnly={bridgesOnly} onSelect={setFocus} />
                </Suspense>
              </div>
            ),
          },
          { id: 'table', label: 'Table', panel: <MapTables map={map} visible={visible} matches={matches} /> },
        ]}
      />
      <p className="muted">
        Each disc is a community of practice of at least {map.minAggregate} people, coloured by community; lines are ties between
        communities, in orange where fewer than {map.minAggregate} people carry them (a bridge one departure could break).
        {map.withheld > 0 && ` ${map.withheld} smaller ${map.withheld === 1 ? 'community is' : 'communities are'} not shown.`} The only
        people on the map are you and your direct reports.
      </p>
    </div>
  )
}

/** The network map of the discovered communities (managers and admins), with a time slider over the runs. */
export function NetworkMapPage() {
  const [runId, setRunId] = useState<string | undefined>(undefined)
  const map = useNetworkMap(runId)
  const data = map.data
  const runIndex = data?.run ? data.runs.findIndex((r) => r.id === data.run!.id) : 0
  return (
    <Page title="Network map" lead={<p>Who helps whom, drawn as the communities people actually form. Only aggregates are shown.</p>}>
      <div className="stack">
        <p>
          <Link to="/insights">Back to Insights</Link>
        </p>
        <ErrorAlert error={map.error} />
        {map.isPending && <Loading />}
        {data && !data.run && <p>No discovery run has a map yet.</p>}
        {data?.run && <MapView map={data} runIndex={runIndex} onRun={(i) => setRunId(data.runs[i]?.id)} onWindow={setRunId} />}
      </div>
    </Page>
  )
}
