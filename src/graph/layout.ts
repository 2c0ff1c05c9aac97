// Positions for the network map, communities first: each community is a disc whose area grows with its size;
// the discs are placed by a ForceAtlas2-style layout of the community graph (communities tied by the weight
// of the ties between their members) and then pushed apart until no two overlap; inside its disc, each
// community's members are placed by the same layout on the ties among them, so a community's core (its
// most tied members) sits near its centre and its periphery at the rim. Everything is O(n log n + m) per
// step (Barnes–Hut), so it scales to the discovery benchmark's sizes. Seeded: a seed gives the same map.
import { forceLayout } from './force-layout.js'
import { buildCsr, type CsrGraph } from './network/csr.js'
import { seededRandom, type Random } from './network/random.js'

export interface CommunityLayoutOptions {
  seed: number
  /** Steps of the layout of the community graph. */
  communityIterations: number
  /** Steps of the layout inside each community. */
  memberIterations: number
  /** Empty space kept between two community discs, in layout units (a member takes about one unit). */
  gap: number
  /**
   * Where each community was on the previous map (by community label): a rerun starts from there and moves
   * them less, so that maps of successive runs can be compared. NaN marks a community with no position.
   */
  initial?: { x: ArrayLike<number>; y: ArrayLike<number> }
}

export const LAYOUT_DEFAULTS: CommunityLayoutOptions = { seed: 1, communityIterations: 200, memberIterations: 60, gap: 2 }

export interface CommunityLayout {
  /** Position of each node. */
  x: Float64Array
  y: Float64Array
  /** Centre and radius of each community label 0 .. max(membership); radius 0 for labels with no node. */
  communityX: Float64Array
  communityY: Float64Array
  radius: Float64Array
}

/** Lays out `graph` with its nodes grouped by `membership` (labels 0 .. k - 1). */
export function layoutByCommunity(
  graph: CsrGraph,
  membership: ArrayLike<number>,
  options: Partial<CommunityLayoutOptions> = {},
): CommunityLayout {
  const o = { ...LAYOUT_DEFAULTS, ...options }
  const random = seededRandom(o.seed)
  const n = graph.n
  let k = 0
  for (let v = 0; v < n; v++) k = Math.max(k, membership[v]! + 1)
  // Members grouped by community (counting sort): members of c are order[start[c] .. start[c + 1]).
  const start = new Int32Array(k + 1)
  for (let v = 0; v < n; v++) start[membership[v]! + 1]!++
  for (let c = 0; c < k; c++) start[c + 1] = start[c + 1]! + start[c]!
  const order = new Int32Array(n)
  const cursor = start.slice(0, k)
  for (let v = 0; v < n; v++) order[cursor[membership[v]!]!++] = v
  const radius = new Float64Array(k)
  for (let c = 0; c < k; c++) {
    const size = start[c + 1]! - start[c]!
    radius[c] = size === 0 ? 0 : Math.max(0.5, Math.sqrt(size))
  }
  const { communityX, communityY } = placeCommunities(communityGraph(graph, membership, k, start, order), radius, o, random)
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  placeMembers(graph, membership, start, order, radius, o.memberIterations, random, x, y)
  for (let v = 0; v < n; v++) {
    x[v] = x[v]! + communityX[membership[v]!]!
    y[v] = y[v]! + communityY[membership[v]!]!
  }
  return { x, y, communityX, communityY, radius }
}

/** The graph of communities: the weight between two is the sum of the ties between their members. */
function communityGraph(graph: CsrGraph, membership: ArrayLike<number>, k: number, start: Int32Array, order: Int32Array): CsrGraph {
  const acc = new Float64Array(k)
  const touched = new Int32Array(k)
  const sources: number[] = []
  const targets: number[] = []
  const weights: number[] = []
  for (let c = 0; c < k; c++) {
    let t = 0
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const v = order[i]!
      for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
        const d = membership[graph.targets[e]!]!
        if (d <= c) continue
        if (acc[d] === 0) touched[t++] = d
        acc[d] = acc[d]! + graph.weights[e]!
      }
    }
    for (let j = 0; j < t; j++) {
      const d = touched[j]!
      sources.push(c)
      targets.push(d)
      weights.push(acc[d]!)
      acc[d] = 0
    }
  }
  return buildCsr({ n: k, sources, targets, weights: normalised(weights) })
}

/** Weights scaled to a mean of 1, so that the layout's constants mean the same on every graph. */
function normalised(weights: number[]): Float64Array {
  let sum = 0
  for (const w of weights) sum += w
  const mean = weights.length > 0 ? sum / weights.length : 1
  return Float64Array.from(weights, (w) => w / mean)
}

function placeCommunities(cg: CsrGraph, radius: Float64Array, o: CommunityLayoutOptions, random: Random) {
  const k = cg.n
  const x = new Float64Array(k)
  const y = new Float64Array(k)
  let area = 0
  let totalMass = 0
  for (let c = 0; c < k; c++) {
    area += radius[c]! * radius[c]!
    totalMass += radius[c]!
  }
  const spread = Math.sqrt(2 * area) + o.gap
  let known = 0
  for (let c = 0; c < k; c++) {
    const px = o.initial?.x[c]
    const py = o.initial?.y[c]
    if (px !== undefined && py !== undefined && Number.isFinite(px) && Number.isFinite(py)) {
      x[c] = px
      y[c] = py
      known++
    } else {
      const a = 2 * Math.PI * random()
      const r = spread * Math.sqrt(random())
      x[c] = r * Math.cos(a)
      y[c] = r * Math.sin(a)
    }
  }
  // Mass ∝ radius and kr = 4 put two tied discs about r₁ + r₂ apart; strong gravity with kg = kr·M/(2·Σr²)
  // packs the whole into a disc of about √(2·Σr²), the area the discs need with some room between them.
  const repulsion = 4
  const mass = Float64Array.from(radius, (r) => Math.max(r, 1e-3))
  forceLayout(cg, x, y, {
    iterations: o.communityIterations,
    repulsion,
    gravity: (repulsion * totalMass) / Math.max(4 * area, 1),
    strongGravity: true,
    mass,
    radius: Float64Array.from(radius, (r) => (r > 0 ? r + o.gap / 2 : 0)),
    // A map that starts from the previous run's places moves less.
    temperature: (known > k / 2 ? 0.1 : 1) * (spread / 4),
    finalTemperature: 0.002,
  })
  separate(x, y, radius, o.gap, random)
  return { communityX: x, communityY: y }
}

/**
 * Pushes overlapping discs apart until none overlaps (spreading them all a little after 20 sweeps, so it ends): a sweep over the discs sorted by their
 * left edge finds the pairs that overlap, and each pair moves apart along the line between its centres, the
 * larger disc moving less.
 */
function separate(x: Float64Array, y: Float64Array, radius: Float64Array, gap: number, random: Random): void {
  const k = x.length
  const ids = Int32Array.from({ length: k }, (_, i) => i).filter((c) => radius[c]! > 0)
  for (let sweep = 0; sweep < 2000; sweep++) {
    ids.sort((a, b) => x[a]! - radius[a]! - (x[b]! - radius[b]!) || a - b)
    let moved = false
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!
      for (let j = i + 1; j < ids.length; j++) {
        const b = ids[j]!
        if (x[b]! - radius[b]! > x[a]! + radius[a]! + gap) break
        let dx = x[b]! - x[a]!
        let dy = y[b]! - y[a]!
        let d = Math.hypot(dx, dy)
        const need = radius[a]! + radius[b]! + gap
        if (d >= need) continue
        if (d < 1e-9) {
          const angle = 2 * Math.PI * random()
          dx = Math.cos(angle)
          dy = Math.sin(angle)
          d = 1
        }
        const push = (need - d) * 1.01
        const wa = radius[b]! ** 2 / (radius[a]! ** 2 + radius[b]! ** 2)
        x[a] = x[a]! - (dx / d) * push * wa
        y[a] = y[a]! - (dy / d) * push * wa
        x[b] = x[b]! + (dx / d) * push * (1 - wa)
        y[b] = y[b]! + (dy / d) * push * (1 - wa)
        moved = true
      }
    }
    if (!moved) return
    // Crowded discs push each other into their neighbours: after a while, give them all more room.
    if (sweep >= 20)
      for (let c = 0; c < k; c++) {
        x[c] = x[c]! * 1.02
        y[c] = y[c]! * 1.02
      }
  }
}

/** Lays out each community's members inside its disc, centred on 0; positions are relative to the centre. */
function placeMembers(
  graph: CsrGraph,
  membership: ArrayLike<number>,
  start: Int32Array,
  order: Int32Array,
  radius: Float64Array,
  iterations: number,
  random: Random,
  x: Float64Array,
  y: Float64Array,
): void {
  const local = new Int32Array(graph.n)
  for (let c = 0; c < radius.length; c++) {
    const size = start[c + 1]! - start[c]!
    if (size < 2) continue
    for (let i = 0; i < size; i++) local[order[start[c]! + i]!] = i
    const sources: number[] = []
    const targets: number[] = []
    const weights: number[] = []
    for (let i = 0; i < size; i++) {
      const v = order[start[c]! + i]!
      for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
        const u = graph.targets[e]!
        if (membership[u] !== c || local[u]! <= i) continue
        sources.push(i)
        targets.push(local[u]!)
        weights.push(graph.weights[e]!)
      }
    }
    const sub = buildCsr({ n: size, sources, targets, weights: normalised(weights) })
    const lx = new Float64Array(size)
    const ly = new Float64Array(size)
    for (let i = 0; i < size; i++) {
      const a = 2 * Math.PI * random()
      const r = radius[c]! * Math.sqrt(random())
      lx[i] = r * Math.cos(a)
      ly[i] = r * Math.sin(a)
    }
    // Mass = degree + 1 (ForceAtlas2): well-tied members repel more and settle in the middle of their ties.
    let totalMass = 0
    for (let i = 0; i < size; i++) totalMass += sub.offsets[i + 1]! - sub.offsets[i]! + 1
    forceLayout(sub, lx, ly, {
      iterations,
      repulsion: 1,
      gravity: totalMass / size,
      strongGravity: true,
      temperature: radius[c]! / 2,
      finalTemperature: 0.01,
    })
    fitInDisc(lx, ly, radius[c]!)
    for (let i = 0; i < size; i++) {
      const v = order[start[c]! + i]!
      x[v] = lx[i]!
      y[v] = ly[i]!
    }
  }
}

/** Centres the points and scales them so that 90% fall within 90% of the radius; the rest are pulled in to the rim. */
function fitInDisc(x: Float64Array, y: Float64Array, r: number): void {
  const n = x.length
  let mx = 0
  let my = 0
  for (let i = 0; i < n; i++) {
    mx += x[i]!
    my += y[i]!
  }
  mx /= n
  my /= n
  const dist = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    x[i] = x[i]! - mx
    y[i] = y[i]! - my
    dist[i] = Math.hypot(x[i]!, y[i]!)
  }
  const sorted = dist.slice().sort()
  const p90 = sorted[Math.min(n - 1, Math.floor(0.9 * n))]!
  const scale = p90 > 1e-9 ? (0.9 * r) / p90 : 1
  for (let i = 0; i < n; i++) {
    const d = dist[i]! * scale
    const s = d > r ? (scale * r) / d : scale
    x[i] = x[i]! * s
    y[i] = y[i]! * s
  }
}
