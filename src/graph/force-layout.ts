// A ForceAtlas2-style force layout (M. Jacomy, T. Venturini, S. Heymann & M. Bastian, "ForceAtlas2, a
// continuous graph layout algorithm for handy network visualization", PLoS ONE 9(6), 2014) with Barnes–Hut
// repulsion (J. Barnes & P. Hut, "A hierarchical O(N log N) force-calculation algorithm", Nature 324, 1986).
// Forces as in ForceAtlas2: repulsion kr·mᵢ·mⱼ/d between every pair (approximated by a quadtree), linear
// attraction w·d along edges, and gravity kg·mᵢ towards the origin. Instead of ForceAtlas2's per-node adaptive
// speed, each step moves a node along its force by at most a temperature that cools geometrically: simpler,
// deterministic, and enough for the few hundred steps the map needs. Pure: typed arrays in, positions updated
// in place.
import type { CsrGraph } from './network/csr.js'

export interface ForceOptions {
  iterations: number
  /** kr: equilibrium distance of two unit masses joined by a unit weight is √kr. */
  repulsion: number
  /** kg: pull towards the origin, so that disconnected parts stay near. */
  gravity: number
  /** ForceAtlas2's strong gravity: kg·mᵢ·d instead of kg·mᵢ, which packs disconnected parts tightly. */
  strongGravity: boolean
  /** Barnes–Hut opening criterion: cells whose size / distance is below θ count as one body. */
  theta: number
  /** Largest step of the first iteration, in layout units; it cools to `finalTemperature` of it. */
  temperature: number
  finalTemperature: number
}

export const FORCE_DEFAULTS: ForceOptions = {
  iterations: 100,
  repulsion: 1,
  gravity: 1,
  strongGravity: false,
  theta: 1.2,
  temperature: 10,
  finalTemperature: 0.01,
}

/** Deeper than this, coincident bodies share one leaf: their mutual repulsion is skipped, not infinite. */
const MAX_DEPTH = 40
/** How much harder overlapping discs push each other apart than touching ones (ForceAtlas2 uses 100). */
const OVERLAP_REPULSION = 100

/** A quadtree over the bodies, in flat arrays; node 0 is the root, children are four consecutive nodes. */
class QuadTree {
  cap = 0
  count = 0
  child = new Int32Array(0)
  body = new Int32Array(0)
  mass = new Float64Array(0)
  mx = new Float64Array(0)
  my = new Float64Array(0)
  cx = new Float64Array(0)
  cy = new Float64Array(0)
  half = new Float64Array(0)

  private grow(need: number): void {
    if (need <= this.cap) return
    const cap = Math.max(need, this.cap * 2, 64)
    const copyInt = (a: Int32Array) => {
      const b = new Int32Array(cap)
      b.set(a.subarray(0, this.count))
      return b
    }
    const copy = (a: Float64Array) => {
      const b = new Float64Array(cap)
      b.set(a.subarray(0, this.count))
      return b
    }
    this.child = copyInt(this.child)
    this.body = copyInt(this.body)
    this.mass = copy(this.mass)
    this.mx = copy(this.mx)
    this.my = copy(this.my)
    this.cx = copy(this.cx)
    this.cy = copy(this.cy)
    this.half = copy(this.half)
    this.cap = cap
  }

  private add(cx: number, cy: number, half: number): number {
    this.grow(this.count + 1)
    const k = this.count++
    this.child[k] = -1
    this.body[k] = -1
    this.mass[k] = 0
    this.mx[k] = 0
    this.my[k] = 0
    this.cx[k] = cx
    this.cy[k] = cy
    this.half[k] = half
    return k
  }

  build(x: Float64Array, y: Float64Array, m: Float64Array): void {
    const n = x.length
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]!)
      maxX = Math.max(maxX, x[i]!)
      minY = Math.min(minY, y[i]!)
      maxY = Math.max(maxY, y[i]!)
    }
    this.count = 0
    this.grow(4 * n + 1)
    this.add((minX + maxX) / 2, (minY + maxY) / 2, Math.max(maxX - minX, maxY - minY, 1e-9) / 2 + 1e-9)
    for (let i = 0; i < n; i++) this.insert(i, x, y, m)
  }

  private insert(i: number, x: Float64Array, y: Float64Array, m: Float64Array): void {
    let k = 0
    for (let depth = 0; ; depth++) {
      this.mass[k] = this.mass[k]! + m[i]!
      this.mx[k] = this.mx[k]! + m[i]! * x[i]!
      this.my[k] = this.my[k]! + m[i]! * y[i]!
      if (this.child[k]! >= 0) {
        k = this.child[k]! + this.quadrant(k, x[i]!, y[i]!)
        continue
      }
      const resident = this.body[k]!
      if (resident === -1 && this.mass[k] === m[i]) {
        this.body[k] = i
        return
      }
      if (resident < 0 || depth >= MAX_DEPTH) {
        // A bucket of coincident bodies (or one that already holds several): it keeps only their mass.
        this.body[k] = -2
        return
      }
      // Split the leaf: its resident moves one level down, then this body continues its descent.
      const h = this.half[k]! / 2
      const first = this.count
      for (let q = 0; q < 4; q++) this.add(this.cx[k]! + (q & 1 ? h : -h), this.cy[k]! + (q & 2 ? h : -h), h)
      this.child[k] = first
      this.body[k] = -1
      const r = first + this.quadrant(k, x[resident]!, y[resident]!)
      this.body[r] = resident
      this.mass[r] = m[resident]!
      this.mx[r] = m[resident]! * x[resident]!
      this.my[r] = m[resident]! * y[resident]!
      k = first + this.quadrant(k, x[i]!, y[i]!)
    }
  }

  private quadrant(k: number, px: number, py: number): number {
    return (px >= this.cx[k]! ? 1 : 0) | (py >= this.cy[k]! ? 2 : 0)
  }
}

/**
 * Moves the nodes of `graph` (positions `x`, `y`, updated in place) under ForceAtlas2's forces. `mass` is each
 * node's mass (ForceAtlas2 uses degree + 1); it defaults to that. With `radius`, nodes are discs that avoid
 * overlapping (ForceAtlas2's "prevent overlap"): forces act on the distance between rims, and overlapping
 * discs repel strongly.
 */
export function forceLayout(
  graph: CsrGraph,
  x: Float64Array,
  y: Float64Array,
  options: Partial<ForceOptions> & { mass?: Float64Array; radius?: Float64Array } = {},
): void {
  const o = { ...FORCE_DEFAULTS, ...options }
  const { radius } = options
  const n = graph.n
  if (n < 2) return
  const mass = o.mass ?? Float64Array.from({ length: n }, (_, v) => graph.offsets[v + 1]! - graph.offsets[v]! + 1)
  const fx = new Float64Array(n)
  const fy = new Float64Array(n)
  const tree = new QuadTree()
  const stack = new Int32Array(4 * MAX_DEPTH + 8)
  const cooling = o.iterations > 1 ? o.finalTemperature ** (1 / (o.iterations - 1)) : 1
  let temperature = o.temperature
  const theta2 = o.theta * o.theta
  for (let it = 0; it < o.iterations; it++) {
    tree.build(x, y, mass)
    for (let i = 0; i < n; i++) {
      // Gravity as ForceAtlas2 has it: constant strength towards the origin (linear inside the unit disc, so
      // that a node near the origin does not jitter across it), or growing with the distance when strong.
      const d0 = Math.hypot(x[i]!, y[i]!)
      const g = o.strongGravity ? o.gravity * mass[i]! : d0 > 0 ? (o.gravity * mass[i]! * Math.min(1, d0)) / d0 : 0
      let ax = -g * x[i]!
      let ay = -g * y[i]!
      let top = 0
      stack[top++] = 0
      while (top > 0) {
        const k = stack[--top]!
        const mk = tree.mass[k]!
        if (mk === 0 || tree.body[k] === i) continue
        const dx = x[i]! - tree.mx[k]! / mk
        const dy = y[i]! - tree.my[k]! / mk
        const d2 = dx * dx + dy * dy
        const size = 2 * tree.half[k]!
        if (tree.child[k]! < 0 || size * size < theta2 * d2) {
          if (d2 < 1e-18) continue
          // kr·mᵢ·mₖ/d along the unit vector (dx, dy)/d.
          let f = (o.repulsion * mass[i]! * mk) / d2
          const j = tree.body[k]!
          if (radius && j >= 0) {
            const d = Math.sqrt(d2)
            const rim = d - radius[i]! - radius[j]!
            f = rim > 0 ? (o.repulsion * mass[i]! * mk) / (rim * d) : (OVERLAP_REPULSION * o.repulsion * mass[i]! * mk) / d
          }
          ax += dx * f
          ay += dy * f
        } else {
          const c = tree.child[k]!
          if (top + 4 > stack.length) continue
          stack[top++] = c
          stack[top++] = c + 1
          stack[top++] = c + 2
          stack[top++] = c + 3
        }
      }
      fx[i] = ax
      fy[i] = ay
    }
    for (let v = 0; v < n; v++)
      for (let k = graph.offsets[v]!; k < graph.offsets[v + 1]!; k++) {
        const u = graph.targets[k]!
        // Linear attraction w·d along the edge (d between rims for discs); each edge is seen from both ends.
        let f = graph.weights[k]!
        if (radius) {
          const d = Math.hypot(x[v]! - x[u]!, y[v]! - y[u]!)
          f = d > 0 ? (f * Math.max(0, d - radius[v]! - radius[u]!)) / d : 0
        }
        fx[v] = fx[v]! - f * (x[v]! - x[u]!)
        fy[v] = fy[v]! - f * (y[v]! - y[u]!)
      }
    for (let v = 0; v < n; v++) {
      const ax = fx[v]! / mass[v]!
      const ay = fy[v]! / mass[v]!
      const len = Math.hypot(ax, ay)
      if (!(len > 0) || !Number.isFinite(len)) continue
      const step = Math.min(len, temperature) / len
      x[v] = x[v]! + ax * step
      y[v] = y[v]! + ay * step
    }
    temperature *= cooling
  }
}
