import dagre from '@dagrejs/dagre'
import { useMemo } from 'react'
import type { LearningMap } from '../../../shared/learning-map'
import { nodeState, type NodeState } from './learning-map-api'

// The map drawn: dagre lays the "builds on" graph out from foundations (top) to what builds on them (below).
// Loaded in its own chunk (LearningMapPage), so dagre costs nothing until a map is opened.

const W = 168
const H = 52
const MAX_CHARS = 22

interface Point {
  x: number
  y: number
}

const STATE_WORDS: Record<NodeState, string> = {
  goal: 'your goal',
  path: 'a step on your path',
  known: 'where you are',
  other: '',
}

/**
 * A title on up to two lines, cut at a word where it can be. No ellipsis: what is drawn must be part of the
 * link's accessible name (axe's label-content-name-mismatch), and a cut prefix is.
 */
function lines(title: string): [string, string] {
  if (title.length <= MAX_CHARS) return [title, '']
  const cut = title.lastIndexOf(' ', MAX_CHARS)
  const at = cut > 8 ? cut + 1 : MAX_CHARS
  return [title.slice(0, at), title.slice(at, at + MAX_CHARS)]
}

interface GraphProps {
  map: LearningMap
  selected: string | null
  onSelect: (id: string) => void
}

/** The learning map as an SVG: position and path highlighted, each node a link to its details. */
export default function LearningMapGraph({ map, selected, onSelect }: GraphProps) {
  const layout = useMemo(() => {
    const g = new dagre.graphlib.Graph()
    g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 48, marginx: 8, marginy: 8 })
    g.setDefaultEdgeLabel(() => ({}))
    for (const n of map.nodes) g.setNode(n.id, { width: W, height: H })
    for (const n of map.nodes) for (const p of n.prerequisites) if (g.hasNode(p)) g.setEdge(p, n.id)
    dagre.layout(g)
    const graph = g.graph() as { width?: number; height?: number }
    return {
      width: Math.max(graph.width ?? W, W),
      height: Math.max(graph.height ?? H, H),
      nodes: map.nodes.map((n) => ({ node: n, at: g.node(n.id) as Point })),
      edges: g.edges().map((e) => ({ from: e.v, to: e.w, points: (g.edge(e) as { points?: Point[] }).points ?? [] })),
    }
  }, [map.nodes])

  const onPath = new Set([...map.path, ...map.position])
  const step = new Map(map.path.map((id, i) => [id, i + 1]))
  return (
    <svg
      className="lmap-svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      style={{ maxWidth: `${layout.width}px` }}
      role="group"
      aria-label="Learning map drawing"
    >
      <defs>
        <marker id="lmap-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="lmap-arrowhead" />
        </marker>
      </defs>
      {layout.edges.map((e) => {
        const lit = step.has(e.to) && onPath.has(e.from)
        const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ')
        return (
          <path key={`${e.from}-${e.to}`} d={d} className={lit ? 'lmap-edge lmap-edge-path' : 'lmap-edge'} markerEnd="url(#lmap-arrow)" />
        )
      })}
      {layout.nodes.map(({ node, at }) => {
        const state = nodeState(map, node.id)
        const n = step.get(node.id)
        const prefix = n ? `${n}. ` : ''
        const words = [`${prefix}${node.title}`, STATE_WORDS[state], n ? `step ${n} of ${map.path.length}` : ''].filter(Boolean).join(', ')
        const [first, second] = lines(`${prefix}${node.title}`)
        return (
          <a
            key={node.id}
            href={`#lmap-node-${node.id}`}
            aria-label={words}
            className={`lmap-node lmap-${state}${selected === node.id ? ' lmap-selected' : ''}`}
            data-state={state}
            onClick={(e) => {
              e.preventDefault()
              onSelect(node.id)
            }}
          >
            <title>{words}</title>
            <rect x={at.x - W / 2} y={at.y - H / 2} width={W} height={H} rx={10} />
            <text x={at.x} y={second ? at.y - 3 : at.y + 5} textAnchor="middle">
              <tspan>{first}</tspan>
              {second && (
                <tspan x={at.x} dy={16}>
                  {second}
                </tspan>
              )}
            </text>
            {state === 'known' && (
              <text className="lmap-check" x={at.x + W / 2 - 14} y={at.y - H / 2 + 16} aria-hidden="true">
                ✓
              </text>
            )}
          </a>
        )
      })}
    </svg>
  )
}
