import dagre from '@dagrejs/dagre'
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useMemo } from 'react'
import type { SimulationPaths } from '../../../shared/simulation'
import type { Draft, Selection } from './simulation-draft'

// The scenario as a graph, in its own lazy chunk (xyflow and dagre load only when an author opens it).
// Situations are nodes, choices edges; drag from a node's lower handle to another node to add a choice.

const NODE_W = 190
const NODE_H = 64

/** Positions from dagre's layered layout, top to bottom, for the "tidy" button. */
function tidyPositions(draft: Draft): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 80 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const s of draft.situations) g.setNode(s.key, { width: NODE_W, height: NODE_H })
  for (const c of draft.choices) g.setEdge(c.from, c.to)
  dagre.layout(g)
  const out = new Map<string, { x: number; y: number }>()
  for (const s of draft.situations) {
    const n = g.node(s.key) as { x: number; y: number }
    out.set(s.key, { x: Math.round(n.x - NODE_W / 2), y: Math.round(n.y - NODE_H / 2) })
  }
  return out
}

interface Props {
  draft: Draft
  paths?: SimulationPaths
  selected?: Selection
  readOnly?: boolean
  onSelect?: (s: Selection) => void
  onConnect?: (from: string, to: string) => void
  onMove?: (key: string, x: number, y: number) => void
  /** Lays the graph out again (dagre) and hands back every situation's new place. */
  onTidy?: (positions: Map<string, { x: number; y: number }>) => void
}

/** The graph view; with `paths`, each choice's edge is as wide as the number of learners who took it, and labelled with it. */
export default function SimulationGraph({ draft, paths, selected, readOnly, onSelect, onConnect, onMove, onTidy }: Props) {
  const counts = useMemo(() => new Map(paths?.choices.map((c) => [c.key, c.learners]) ?? []), [paths])
  const max = Math.max(1, ...[...counts.values()].map((n) => n ?? 0))
  const nodes: Node[] = draft.situations.map((s) => ({
    id: s.key,
    position: { x: s.x, y: s.y },
    data: { label: `${draft.start === s.key ? '▶ ' : ''}${s.title}${s.ending ? ' (ending)' : ''}` },
    selected: selected?.kind === 'situation' && selected.key === s.key,
    className: `sim-node${s.ending ? ' sim-node-ending' : ''}${draft.start === s.key ? ' sim-node-start' : ''}`,
    ariaLabel: `Situation ${s.title}${s.ending ? ', an ending' : ''}${draft.start === s.key ? ', the start' : ''}`,
    // Endings take no choices, so they have no source handle; every other situation, the start too, has both.
    type: s.ending ? 'output' : 'default',
  }))
  const edges: Edge[] = draft.choices.map((c) => {
    const n = counts.get(c.key)
    const cond = (c.minScore ?? null) !== null || (c.maxScore ?? null) !== null ? ' [if]' : ''
    const label = paths ? `${c.label} · ${n === null || n === undefined ? `<${paths.minAggregate}` : n}` : `${c.label}${cond}`
    return {
      id: c.key,
      source: c.from,
      target: c.to,
      label,
      selected: selected?.kind === 'choice' && selected.key === c.key,
      markerEnd: { type: MarkerType.ArrowClosed },
      style: paths ? { strokeWidth: 1 + (6 * (n ?? 0)) / max } : undefined,
      ariaLabel: `Choice ${c.label}`,
    }
  })

  // Controlled: moves and selections (by pointer, or Enter on a focused node or edge) go back to the draft.
  function onNodesChange(changes: NodeChange[]) {
    for (const ch of changes) {
      if (ch.type === 'position' && ch.position && onMove) onMove(ch.id, Math.round(ch.position.x), Math.round(ch.position.y))
      if (ch.type === 'select' && ch.selected) onSelect?.({ kind: 'situation', key: ch.id })
    }
  }
  function onEdgesChange(changes: EdgeChange[]) {
    for (const ch of changes) if (ch.type === 'select' && ch.selected) onSelect?.({ kind: 'choice', key: ch.id })
  }

  return (
    <div className="sim-graph-wrap">
      {onTidy && (
        <button type="button" className="button button-quiet" onClick={() => onTidy(tidyPositions(draft))}>
          Tidy the layout
        </button>
      )}
      <div className="sim-graph">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable={!readOnly}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={(c: Connection) => c.source && c.target && onConnect?.(c.source, c.target)}
          onNodeClick={(_e, n) => onSelect?.({ kind: 'situation', key: n.id })}
          onEdgeClick={(_e, e) => onSelect?.({ kind: 'choice', key: e.id })}
          onPaneClick={() => onSelect?.(null)}
          deleteKeyCode={null}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  )
}
