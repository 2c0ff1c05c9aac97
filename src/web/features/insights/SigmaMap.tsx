import Graph from 'graphology'
import { useEffect, useRef, useState } from 'react'
import Sigma from 'sigma'
import type { MapModel } from './map-model'

// The network map drawn with sigma.js (WebGL) over a graphology graph. Loaded lazily by the map page, so the
// main bundle does not carry sigma. Positions come from the discovery job; nothing is laid out here.

interface SigmaMapProps {
  model: MapModel
  /** Nodes to show (the focus filter), or null for all. */
  visible: Set<string> | null
  /** Nodes matching the search, or null without a search: the others are dimmed. */
  matches: Set<string> | null
  /** Dim everything but fragile links and bridge people. */
  bridgesOnly: boolean
  onSelect: (id: string) => void
}

const DIM = '#d4d4d8'
const FRAGILE = '#c2410c'

export default function SigmaMap({ model, visible, matches, bridgesOnly, onSelect }: SigmaMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const sigma = useRef<Sigma | null>(null)
  const view = useRef({ visible, matches, bridgesOnly })
  const select = useRef(onSelect)
  const [failed, setFailed] = useState(false)
  view.current = { visible, matches, bridgesOnly }
  select.current = onSelect

  useEffect(() => {
    if (!container.current) return
    const graph = new Graph({ type: 'undirected', multi: false })
    // Community discs are sized by their members, the largest drawn at 28 px across.
    let largest = 1
    for (const n of model.nodes) largest = Math.max(largest, n.size)
    for (const n of model.nodes)
      graph.addNode(n.id, {
        x: n.x,
        y: n.y,
        size: n.kind === 'community' ? 6 + 22 * Math.sqrt(n.size / largest) : 5,
        color: model.colours.get(n.communityId) ?? '#52525b',
        label: n.label,
        kind: n.kind,
        bridge: n.bridge,
      })
    for (const e of model.edges)
      if (graph.hasNode(e.source) && graph.hasNode(e.target) && !graph.hasEdge(e.source, e.target))
        graph.addEdge(e.source, e.target, { size: e.kind === 'link' ? 3 : 1, color: e.fragile ? FRAGILE : '#94a3b8', fragile: e.fragile })
    let renderer: Sigma
    try {
      renderer = new Sigma(graph, container.current, {
        zIndex: true,
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 4,
        // Labels that would overlap give way to the larger community's (one per cell of the grid); every label
        // shows on hover, and the table view lists them all.
        labelDensity: 1,
        labelGridCellSize: 200,
        nodeReducer: (node, data) => {
          const { visible: vis, matches: found, bridgesOnly: bridges } = view.current
          if (vis && !vis.has(node)) return { ...data, hidden: true }
          const isBridge = Boolean((data as { bridge?: boolean }).bridge)
          if ((found && !found.has(node)) || (bridges && !isBridge && (data as { kind?: string }).kind === 'person'))
            return { ...data, color: DIM, label: found ? '' : (data.label as string | undefined), zIndex: 0 }
          return { ...data, highlighted: Boolean(found?.has(node)) || (bridges && isBridge), zIndex: 1 }
        },
        edgeReducer: (edge, data) => {
          const { visible: vis, bridgesOnly: bridges } = view.current
          const [s, t] = graph.extremities(edge)
          if (vis && (!vis.has(s) || !vis.has(t))) return { ...data, hidden: true }
          if (bridges && !(data as { fragile?: boolean }).fragile) return { ...data, color: DIM }
          return data
        },
      })
    } catch {
      setFailed(true)
      return
    }
    renderer.on('clickNode', ({ node }) => select.current(node))
    sigma.current = renderer
    return () => {
      renderer.kill()
      sigma.current = null
    }
  }, [model])

  useEffect(() => {
    sigma.current?.refresh()
  }, [visible, matches, bridgesOnly])

  if (failed) return <p className="muted">This browser cannot draw the map (it needs WebGL). The table view shows the same data.</p>
  return <div ref={container} className="network-map-canvas" data-testid="network-map" />
}
