import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, Treemap, XAxis, YAxis, type TreemapNode } from 'recharts'
import type { PracticeSpread } from '../../../shared/insights-manage'
import { labelOf } from './insights-api'

// The charts of a practice's spread (recharts, loaded with this page only). Each chart (with recharts' keyboard layer off) is hidden from
// assistive technology: the page gives the same data as tables right below it.

/** Adoption over time: communities with an adopter, and adopters, month by month. */
export function AdoptionCurve({ spread }: { spread: PracticeSpread }) {
  const data = spread.curve.map((p) => ({ month: p.month, communities: p.communities, adopters: p.adopters ?? undefined }))
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="communities" name="Communities" stroke="#1f5f5b" strokeWidth={2} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey="adopters"
            name="Adopters"
            stroke="#8a4b08"
            strokeDasharray="5 3"
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

const FILL = { adopted: '#1f5f5b', next: '#c98a1a', other: '#d5dcdb' } as const

function Tile(props: TreemapNode) {
  const { x, y, width, height, name } = props
  const status = props.status as keyof typeof FILL | undefined
  if (!status) return <g />
  return (
    <g>
      <rect
        className={`spread-tile spread-tile-${status}`}
        x={x}
        y={y}
        width={width}
        height={height}
        fill={FILL[status]}
        stroke="#fff"
        strokeWidth={2}
      />
      {width > 60 && height > 24 && (
        <text x={x + 6} y={y + 18} fill={status === 'adopted' ? '#fff' : '#1b1b1b'} fontSize={12}>
          {name.length > width / 7 ? `${name.slice(0, Math.max(1, Math.floor(width / 7) - 1))}…` : name}
        </text>
      )}
    </g>
  )
}

/** A map of the communities, sized by members: adopted, most likely next, and the rest. */
export function SpreadMap({ spread }: { spread: PracticeSpread }) {
  const next = new Set(spread.next.map((n) => n.community.id))
  const data = spread.communities.map((c) => ({
    name: labelOf(c.community),
    size: c.community.size,
    status: c.adopted ? 'adopted' : next.has(c.community.id) ? 'next' : 'other',
  }))
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <Treemap data={data} dataKey="size" nameKey="name" isAnimationActive={false} content={Tile} />
      </ResponsiveContainer>
      <p className="muted">Dark: adopted · amber: likely next · grey: not yet.</p>
    </div>
  )
}
