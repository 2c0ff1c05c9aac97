import { lazy, Suspense, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { LearningMap, MapNode } from '../../../shared/learning-map'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { EmptyNext } from '../../components/EmptyNext'
import { CommunityFrame } from '../communities/CommunityFrame'
import { LearningMapEditor } from './LearningMapEditor'
import { nodeState, useLearningMap, useMapAction, type NodeState } from './learning-map-api'
import './learning-map.css'

const LearningMapGraph = lazy(() => import('./LearningMapGraph'))

const KIND_LABELS: Record<string, string> = { module: 'Module', quiz: 'Quiz', session: 'Session', practice: 'Practice', question: 'Q&A' }
const STATE_LABELS: Record<NodeState, string> = { goal: 'Your goal', path: 'Next on your path', known: 'You are here', other: '' }

/** A node's resources and people, each a link. */
function NodeResources({ node }: { node: MapNode }) {
  const none = node.catalogue.length === 0 && node.posts.length === 0
  return (
    <div className="lmap-resources">
      <h4>Resources</h4>
      {none ? (
        <p className="hint">Nothing attached or tagged yet.</p>
      ) : (
        <ul>
          {node.catalogue.map((c) => (
            <li key={`${c.kind}:${c.id}`}>
              <span className="badge">{KIND_LABELS[c.kind]}</span> <Link to={c.href}>{c.title}</Link>
              {c.done && <span className="lmap-done"> · done</span>}
            </li>
          ))}
          {node.posts.map((p) => (
            <li key={p.id}>
              <span className="badge">{KIND_LABELS[p.kind]}</span> <Link to={`/posts/${p.id}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
      )}
      <h4>People who know it</h4>
      {node.people.length === 0 ? (
        <p className="hint">No one yet: accepted and upvoted answers on its tags show who knows it.</p>
      ) : (
        <ul>
          {node.people.map((e) => (
            <li key={e.person.id}>
              <Link to={`/people/${e.person.id}`}>{e.person.name}</Link>{' '}
              <span className="meta">
                {e.accepted} accepted · {e.upvoted} upvoted
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** "Who I want to become": the viewer picks a node as their goal; it is saved. */
function GoalPicker({ slug, map }: { slug: string; map: LearningMap }) {
  const action = useMapAction(slug)
  const [choice, setChoice] = useState(map.goal ?? '')
  function submit(e: FormEvent) {
    e.preventDefault()
    action.mutate({ type: 'goal', nodeId: choice || null })
  }
  return (
    <form className="lmap-goal-form" onSubmit={submit}>
      <label htmlFor="lmap-goal">Who I want to become</label>
      <select id="lmap-goal" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">No goal yet</option>
        {map.nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.title}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-primary" disabled={action.isPending}>
        Set my goal
      </button>
      <ErrorAlert error={action.error} />
    </form>
  )
}

/** The path from where the viewer stands to their goal, step by step, each with its resources and people. */
function PathSteps({ map }: { map: LearningMap }) {
  const byId = new Map(map.nodes.map((n) => [n.id, n]))
  const goal = map.goal ? byId.get(map.goal) : undefined
  if (!goal) return <p className="hint">Choose a goal to see your path to it.</p>
  if (map.path.length === 0)
    return <StatusMessage>You have reached {goal.title}: you have evidence for it, or for something that builds on it.</StatusMessage>
  return (
    <ol className="lmap-steps" aria-label="Your path">
      {map.path.map((id) => {
        const node = byId.get(id)!
        return (
          <li key={id} className="card">
            <h3>{node.title}</h3>
            {node.description && <p>{node.description}</p>}
            <NodeResources node={node} />
          </li>
        )
      })}
    </ol>
  )
}

/** The map as a table: the same nodes, links and standing as the drawing, for screen readers and small screens. */
function MapTable({ map }: { map: LearningMap }) {
  const title = new Map(map.nodes.map((n) => [n.id, n.title]))
  const step = new Map(map.path.map((id, i) => [id, i + 1]))
  return (
    <div className="lmap-table-wrap">
      <table className="lmap-table">
        <caption>The learning map as a table</caption>
        <thead>
          <tr>
            <th scope="col">Skill or practice</th>
            <th scope="col">Builds on</th>
            <th scope="col">You</th>
            <th scope="col">Resources and people</th>
          </tr>
        </thead>
        <tbody>
          {map.nodes.map((n) => {
            const state = nodeState(map, n.id)
            return (
              <tr key={n.id} id={`lmap-node-${n.id}`}>
                <th scope="row">{n.title}</th>
                <td>{n.prerequisites.map((p) => title.get(p)).join(', ') || '—'}</td>
                <td>
                  {[STATE_LABELS[state], step.has(n.id) ? `step ${step.get(n.id)} of ${map.path.length}` : '', ...n.evidence]
                    .filter(Boolean)
                    .join('; ') || '—'}
                </td>
                <td>
                  <NodeResources node={n} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function MapBody({ slug }: { slug: string }) {
  const map = useLearningMap(slug)
  const [selected, setSelected] = useState<string | null>(null)
  if (map.isPending) return <Loading />
  if (map.isError) return <ErrorAlert error={map.error} />
  const m = map.data
  const chosen = m.nodes.find((n) => n.id === selected)
  return (
    <>
      {m.nodes.length === 0 ? (
        <EmptyNext>
          This community has no learning map yet.{' '}
          {m.canEdit ? 'Add its skills and practices below.' : 'Its stewards draw it from the practices its members share.'}
        </EmptyNext>
      ) : (
        <>
          <GoalPicker key={m.goal ?? ''} slug={slug} map={m} />
          <ul className="lmap-legend" aria-label="Legend">
            <li className="lmap-key-known">You are here (evidence)</li>
            <li className="lmap-key-path">On your path (numbered)</li>
            <li className="lmap-key-goal">Your goal</li>
          </ul>
          <div className="lmap-drawing">
            <Suspense fallback={<Loading label="Drawing the map…" />}>
              <LearningMapGraph map={m} selected={selected} onSelect={setSelected} />
            </Suspense>
          </div>
          {chosen && (
            <section className="card lmap-detail" aria-labelledby="lmap-detail-heading" aria-live="polite">
              <h2 id="lmap-detail-heading">{chosen.title}</h2>
              {chosen.description && <p>{chosen.description}</p>}
              {chosen.evidence.length > 0 && <p className="lmap-evidence">You are here: {chosen.evidence.join('; ')}</p>}
              <NodeResources node={chosen} />
            </section>
          )}
          <h2>Your path</h2>
          <PathSteps map={m} />
          <details className="lmap-table-details">
            <summary>The map as a table</summary>
            <MapTable map={m} />
          </details>
        </>
      )}
      {m.canEdit && <LearningMapEditor slug={slug} map={m} />}
    </>
  )
}

/** A community's learning map: its skills and practices drawn as a graph, with the viewer's position and path. */
export function LearningMapPage() {
  const { slug = '' } = useParams()
  return (
    <CommunityFrame slug={slug} title={(c) => `${c.name}: learning map`}>
      {() => <MapBody slug={slug} />}
    </CommunityFrame>
  )
}
