// Learning the combination weights: a linear scoring function fitted with the listwise softmax loss
// (ListNet with top-1 probabilities, Cao et al., ICML 2007): for each question, the probability that the
// model puts a relevant person first, summed over questions, with an L2 penalty. It is smooth, cheap and
// tracks MRR closely. Features are standardised while fitting and the weights mapped back afterwards.

export interface TrainingQuery {
  /** Rows of `dims` features, one per candidate. */
  values: Float64Array
  /** Indices of the relevant rows. */
  relevant: number[]
  /**
   * How many candidates each row stands for (1 when unset): a row kept from a sample of one in k stands for k,
   * so the fit sees the pool as it was, not as the sample makes it look.
   */
  weights?: Float64Array
}

export interface FitOptions {
  dims: number
  l2: number
  iterations: number
  learningRate: number
}

/** Fits weights (in raw feature units) for ranking. */
export function fitListwise(queries: readonly TrainingQuery[], options: FitOptions): Float64Array {
  const { dims } = options
  const mean = new Float64Array(dims)
  const sq = new Float64Array(dims)
  let rows = 0
  for (const q of queries) {
    for (let o = 0; o < q.values.length; o += dims) {
      for (let j = 0; j < dims; j++) {
        mean[j] = mean[j]! + q.values[o + j]!
        sq[j] = sq[j]! + q.values[o + j]! ** 2
      }
      rows++
    }
  }
  const std = new Float64Array(dims)
  for (let j = 0; j < dims; j++) {
    mean[j] = mean[j]! / rows
    std[j] = Math.sqrt(Math.max(sq[j]! / rows - mean[j]! ** 2, 0)) || 1
  }
  const z = queries.map((q) => {
    const v = new Float64Array(q.values.length)
    for (let o = 0; o < v.length; o += dims) for (let j = 0; j < dims; j++) v[o + j] = (q.values[o + j]! - mean[j]!) / std[j]!
    return v
  })

  // Adam on the full batch.
  const w = new Float64Array(dims)
  const m = new Float64Array(dims)
  const v = new Float64Array(dims)
  const grad = new Float64Array(dims)
  for (let it = 1; it <= options.iterations; it++) {
    grad.fill(0)
    queries.forEach((q, qi) => addQueryGradient(z[qi]!, q.relevant, q.weights, w, grad, dims))
    for (let j = 0; j < dims; j++) {
      const g = grad[j]! / queries.length + options.l2 * w[j]!
      m[j] = 0.9 * m[j]! + 0.1 * g
      v[j] = 0.999 * v[j]! + 0.001 * g * g
      const mh = m[j]! / (1 - 0.9 ** it)
      const vh = v[j]! / (1 - 0.999 ** it)
      w[j] = w[j]! - (options.learningRate * mh) / (Math.sqrt(vh) + 1e-8)
    }
  }
  const raw = new Float64Array(dims)
  for (let j = 0; j < dims; j++) raw[j] = w[j]! / std[j]!
  return raw
}

/** Gradient of -log(sum over relevant of softmax probability) for one query, added into `grad`. */
function addQueryGradient(
  values: Float64Array,
  relevant: number[],
  rowWeights: Float64Array | undefined,
  w: Float64Array,
  grad: Float64Array,
  dims: number,
): void {
  const n = values.length / dims
  const s = new Float64Array(n)
  let max = -Infinity
  for (let r = 0; r < n; r++) {
    let x = 0
    for (let j = 0; j < dims; j++) x += values[r * dims + j]! * w[j]!
    s[r] = x
    if (x > max) max = x
  }
  let total = 0
  for (let r = 0; r < n; r++) {
    s[r] = Math.exp(s[r]! - max)
    total += s[r]! * (rowWeights?.[r] ?? 1)
  }
  let relTotal = 0
  for (const r of relevant) relTotal += s[r]!
  // d/dw [log total - log relTotal] = E_all[x] - E_relevant[x]
  for (let r = 0; r < n; r++) {
    const p = (s[r]! * (rowWeights?.[r] ?? 1)) / total
    for (let j = 0; j < dims; j++) grad[j] = grad[j]! + p * values[r * dims + j]!
  }
  for (const r of relevant) {
    const p = s[r]! / relTotal
    for (let j = 0; j < dims; j++) grad[j] = grad[j]! - p * values[r * dims + j]!
  }
}

/** Mean reciprocal rank of the first relevant row, ties counted pessimistically-then-optimistically (midpoint). */
export function meanReciprocalRank(queries: readonly TrainingQuery[], weights: Float64Array, dims: number): number {
  let total = 0
  for (const q of queries) {
    const n = q.values.length / dims
    const scores = new Float64Array(n)
    for (let r = 0; r < n; r++) {
      let x = 0
      for (let j = 0; j < dims; j++) x += q.values[r * dims + j]! * weights[j]!
      scores[r] = x
    }
    total += 1 / firstRelevantRank(scores, q.relevant, q.weights)
  }
  return queries.length > 0 ? total / queries.length : 0
}

/** The 1-based rank of the best relevant row, ties counted at their midpoint. */
function firstRelevantRank(scores: Float64Array, relevant: readonly number[], rowWeights?: Float64Array): number {
  let best = -Infinity
  for (const r of relevant) best = Math.max(best, scores[r]!)
  let above = 0
  let ties = 0
  for (let r = 0; r < scores.length; r++) {
    if (scores[r]! > best) above += rowWeights?.[r] ?? 1
    else if (scores[r] === best) ties += rowWeights?.[r] ?? 1
  }
  return above + (ties + 1) / 2
}

/**
 * Coordinate ascent on MRR itself (Metzler & Croft, "Linear feature-based models for information
 * retrieval", 2007), from a starting point such as the listwise fit: one weight at a time, try steps
 * relative to its scale and keep any that raises MRR. Changing weight j moves every score by step × x_j,
 * so each try costs one pass over one column.
 */
export function refineMrr(queries: readonly TrainingQuery[], start: Float64Array, dims: number, rounds = 3): Float64Array {
  const w = Float64Array.from(start)
  const scores = queries.map((q) => {
    const n = q.values.length / dims
    const s = new Float64Array(n)
    for (let r = 0; r < n; r++) {
      let x = 0
      for (let j = 0; j < dims; j++) x += q.values[r * dims + j]! * w[j]!
      s[r] = x
    }
    return s
  })
  const mrrWith = (j: number, step: number): number => {
    let total = 0
    queries.forEach((q, qi) => {
      const s = scores[qi]!
      const t = new Float64Array(s.length)
      for (let r = 0; r < s.length; r++) t[r] = s[r]! + step * q.values[r * dims + j]!
      total += 1 / firstRelevantRank(t, q.relevant, q.weights)
    })
    return total / queries.length
  }
  let current = mrrWith(0, 0)
  const scale = Math.max(...[...w].map(Math.abs), 1e-3)
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < dims; j++) {
      const base = Math.max(Math.abs(w[j]!), scale * 0.05)
      let bestStep = 0
      for (const f of [-0.5, -0.2, -0.05, 0.05, 0.2, 0.5].map((x) => x / (round + 1))) {
        const m = mrrWith(j, f * base)
        if (m > current + 1e-6) {
          current = m
          bestStep = f * base
        }
      }
      if (bestStep !== 0) {
        w[j] = w[j]! + bestStep
        queries.forEach((q, qi) => {
          const s = scores[qi]!
          for (let r = 0; r < s.length; r++) s[r] = s[r]! + bestStep * q.values[r * dims + j]!
        })
      }
    }
  }
  return w
}
