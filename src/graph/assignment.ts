// Capacitated assignment of mentees to mentors as a min-cost flow on a sparse candidate graph.
//
// Network: source → each mentee (capacity 1) → its candidate mentors (capacity 1, cost c) → sink (capacity =
// the mentor's capacity), plus one "unmatched" arc per mentee straight to the sink at a penalty. Every mentee
// sends one unit, so the flow is feasible whatever the candidates, and a mentee stays unmatched only when every
// way of matching them costs more than the penalty.
//
// Solver: successive shortest augmenting paths with node potentials (Edmonds & Karp 1972; Tomizawa 1971), one
// mentee at a time as in the Jonker–Volgenant family: after each augmentation the flow is a min-cost flow of
// the mentees added so far, so the final flow is optimal. Each Dijkstra stops when it settles the sink and
// moves only the potentials of the nodes it settled (pi[v] += d[v] - D), which keeps every reduced cost
// non-negative while touching a handful of nodes per augmentation. Costs should be integers so the objective
// is exact (callers scale their scores).

/** A sparse instance: mentee i's candidate arcs are `arcStart[i]..arcStart[i+1]` in CSR form. */
export interface AssignmentInstance {
  menteeCount: number
  mentorCount: number
  /** How many mentees each mentor takes. */
  capacity: Int32Array
  arcStart: Int32Array
  arcMentor: Int32Array
  /** Cost of each arc (lower is better; a negated score). Integers keep the optimum exact. */
  arcCost: Float64Array
  /** Cost of leaving one mentee unmatched. */
  unmatchedPenalty: number
}

export interface AssignmentResult {
  /** The mentor of each mentee, or -1 when unmatched. */
  mentorOf: Int32Array
  /** The arc chosen for each mentee, or -1 when unmatched. */
  arcOf: Int32Array
  /** Sum of the chosen arcs' costs plus the penalty of each unmatched mentee. */
  objective: number
}

const UNMATCHED = -1
const NONE = -2

/** Binary min-heap of (key, node) with lazy deletion; reused across the Dijkstra runs. */
class Heap {
  keys = new Float64Array(1024)
  nodes = new Int32Array(1024)
  size = 0
  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2)
      k.set(this.keys)
      this.keys = k
      const n = new Int32Array(this.size * 2)
      n.set(this.nodes)
      this.nodes = n
    }
    let i = this.size++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.keys[p]! <= key) break
      this.keys[i] = this.keys[p]!
      this.nodes[i] = this.nodes[p]!
      i = p
    }
    this.keys[i] = key
    this.nodes[i] = node
  }
  /** Removes the minimum; read `topKey`/`topNode` first. */
  pop(): void {
    const last = --this.size
    const key = this.keys[last]!
    const node = this.nodes[last]!
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= last) break
      if (c + 1 < last && this.keys[c + 1]! < this.keys[c]!) c++
      if (this.keys[c]! >= key) break
      this.keys[i] = this.keys[c]!
      this.nodes[i] = this.nodes[c]!
      i = c
    }
    this.keys[i] = key
    this.nodes[i] = node
  }
}

/**
 * Solves the capacitated assignment exactly on the candidate graph: minimises the cost of the chosen arcs plus
 * the penalty of the unmatched, with no mentor over capacity. O(mentees · (settled nodes · log)) in practice.
 */
export function solveAssignment(inst: AssignmentInstance): AssignmentResult {
  const { menteeCount: nA, mentorCount: nB, capacity, arcStart, arcMentor, arcCost, unmatchedPenalty } = inst
  const sink = nA + nB
  const nodeCount = sink + 1
  const pi = new Float64Array(nodeCount)
  const dist = new Float64Array(nodeCount).fill(Infinity)
  const settled = new Uint8Array(nodeCount)
  // How each node was reached: the node before it and the arc (mentee arc index, or UNMATCHED, or NONE for a
  // reverse or mentor → sink step).
  const predNode = new Int32Array(nodeCount)
  const predArc = new Int32Array(nodeCount)
  const arcOf = new Int32Array(nA).fill(NONE)
  const mentees: number[][] = Array.from({ length: nB }, () => [])
  const touched: number[] = []
  const settledList: number[] = []
  const heap = new Heap()

  const relax = (v: number, d: number, from: number, arc: number) => {
    if (d < dist[v]!) {
      if (dist[v] === Infinity) touched.push(v)
      dist[v] = d
      predNode[v] = from
      predArc[v] = arc
      heap.push(d, v)
    }
  }

  for (let s = 0; s < nA; s++) {
    // A new mentee has no residual arcs in, so any potential that keeps its out-arcs non-negative is valid.
    let p = pi[sink]! - unmatchedPenalty
    for (let a = arcStart[s]!; a < arcStart[s + 1]!; a++) p = Math.max(p, pi[nA + arcMentor[a]!]! - arcCost[a]!)
    pi[s] = p

    heap.size = 0
    relax(s, 0, -1, NONE)
    while (heap.size > 0) {
      const d = heap.keys[0]!
      const u = heap.nodes[0]!
      heap.pop()
      if (settled[u] || d > dist[u]!) continue
      settled[u] = 1
      settledList.push(u)
      if (u === sink) break
      if (u < nA) {
        const own = arcOf[u]!
        for (let a = arcStart[u]!; a < arcStart[u + 1]!; a++) {
          if (a === own) continue
          const v = nA + arcMentor[a]!
          if (!settled[v]) relax(v, d + arcCost[a]! + pi[u]! - pi[v]!, u, a)
        }
        if (own !== UNMATCHED) relax(sink, d + unmatchedPenalty + pi[u]! - pi[sink]!, u, UNMATCHED)
      } else {
        const j = u - nA
        const list = mentees[j]!
        if (list.length < capacity[j]!) relax(sink, d + pi[u]! - pi[sink]!, u, NONE)
        for (const k of list) if (!settled[k]) relax(k, d - arcCost[arcOf[k]!]! + pi[u]! - pi[k]!, u, NONE)
      }
    }
    const D = dist[sink]!
    for (const v of settledList) pi[v] = pi[v]! + dist[v]! - D
    // Augment along the path, from the sink back to the new mentee.
    let v = sink
    while (v !== s) {
      const u = predNode[v]!
      if (u < nA) {
        // mentee u → mentor (or → sink when unmatched): u's flow now takes this arc.
        arcOf[u] = predArc[v]!
        if (v !== sink) mentees[v - nA]!.push(u)
      } else if (v !== sink) {
        // mentor u → mentee v on a reverse arc: v leaves u (its next arc was set when the walk passed it).
        const list = mentees[u - nA]!
        list.splice(list.indexOf(v), 1)
      }
      v = u
    }
    for (const t of touched) {
      dist[t] = Infinity
      settled[t] = 0
    }
    touched.length = 0
    settledList.length = 0
  }

  const mentorOf = new Int32Array(nA)
  let objective = 0
  for (let i = 0; i < nA; i++) {
    const a = arcOf[i]!
    if (a < 0) {
      arcOf[i] = -1
      mentorOf[i] = -1
      objective += unmatchedPenalty
    } else {
      mentorOf[i] = arcMentor[a]!
      objective += arcCost[a]!
    }
  }
  return { mentorOf, arcOf, objective }
}

/**
 * Greedy baseline on the same instance: arcs from cheapest up, taken while both ends are free. What an
 * "obvious" matcher does; the evaluation reports the solver's objective against it.
 */
export function greedyAssignment(inst: AssignmentInstance): AssignmentResult {
  const m = inst.arcMentor.length
  const owner = new Int32Array(m)
  for (let i = 0; i < inst.menteeCount; i++) for (let a = inst.arcStart[i]!; a < inst.arcStart[i + 1]!; a++) owner[a] = i
  const order = Array.from({ length: m }, (_, a) => a).sort((x, y) => inst.arcCost[x]! - inst.arcCost[y]!)
  const load = new Int32Array(inst.mentorCount)
  const arcOf = new Int32Array(inst.menteeCount).fill(-1)
  const mentorOf = new Int32Array(inst.menteeCount).fill(-1)
  for (const a of order) {
    if (inst.arcCost[a]! >= inst.unmatchedPenalty) break
    const i = owner[a]!
    const j = inst.arcMentor[a]!
    if (arcOf[i] !== -1 || load[j]! >= inst.capacity[j]!) continue
    arcOf[i] = a
    mentorOf[i] = j
    load[j]!++
  }
  let objective = 0
  for (let i = 0; i < inst.menteeCount; i++) objective += arcOf[i]! < 0 ? inst.unmatchedPenalty : inst.arcCost[arcOf[i]!]!
  return { mentorOf, arcOf, objective }
}
