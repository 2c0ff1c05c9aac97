// Ordering candidates: highest score first, equal scores by person id, so a ranking never depends on the
// order candidates were given in. With a small limit, a bounded heap avoids sorting everyone.

/** True when candidate a ranks before candidate b. */
function before(scores: Float64Array, ids: readonly string[], a: number, b: number): boolean {
  const d = scores[a]! - scores[b]!
  return d > 0 || (d === 0 && ids[a]! < ids[b]!)
}

/** The indices of the best `limit` candidates, in rank order. */
export function orderTop(scores: Float64Array, ids: readonly string[], limit: number): number[] {
  const n = ids.length
  const k = Math.max(0, Math.min(limit, n))
  if (k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i)
    all.sort((a, b) => (before(scores, ids, a, b) ? -1 : before(scores, ids, b, a) ? 1 : 0))
    return all.slice(0, k)
  }
  // A min-heap of the k best so far: its root is the worst of them.
  const heap: number[] = []
  const worse = (a: number, b: number) => before(scores, ids, b, a)
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i)
      for (let c = heap.length - 1; c > 0;) {
        const p = (c - 1) >> 1
        if (!worse(heap[c]!, heap[p]!)) break
        ;[heap[c], heap[p]] = [heap[p]!, heap[c]!]
        c = p
      }
    } else if (k > 0 && before(scores, ids, i, heap[0]!)) {
      heap[0] = i
      for (let c = 0; ;) {
        const l = 2 * c + 1
        const r = l + 1
        let m = c
        if (l < k && worse(heap[l]!, heap[m]!)) m = l
        if (r < k && worse(heap[r]!, heap[m]!)) m = r
        if (m === c) break
        ;[heap[c], heap[m]] = [heap[m]!, heap[c]!]
        c = m
      }
    }
  }
  return heap.sort((a, b) => (before(scores, ids, a, b) ? -1 : 1))
}
