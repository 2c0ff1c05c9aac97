// The truncated SVD behind latent semantic analysis (Deerwester et al., "Indexing by latent semantic
// analysis", JASIS 1990), shared by routing's index of past questions (lsa.ts) and the duplicate finder
// (../duplicates/duplicate-index.ts). It is the randomized one of Halko, Martinsson & Tropp ("Finding structure
// with randomness", SIAM Review 2011): a range finder with power iterations, so only products of the sparse
// matrix with thin dense ones are needed. Pure: no I/O, randomness from a seed.

/** A sparse matrix by rows: row r's columns and values are col/val[start[r] .. start[r+1]). */
export interface SparseRows {
  rows: number
  cols: number
  start: Int32Array
  col: Int32Array
  val: Float64Array
}

export interface SvdOptions {
  /** Dimensions kept (at most; fewer when the matrix has a lower rank). */
  k: number
  /** Extra columns of the range finder, for accuracy. */
  oversample: number
  /** Power iterations, for accuracy when the spectrum decays slowly (text's does). */
  powerIterations: number
  seed: number
}

/** The top right singular vectors, as a term → k-vector table (row-major, cols × k), and the singular values. */
export interface SvdBasis {
  k: number
  /** cols × k: column c's coordinates are termVectors[c*k .. c*k+k), so a row maps to the sum of its weighted columns'. */
  termVectors: Float32Array<ArrayBuffer>
  singular: Float64Array<ArrayBuffer>
}

/** A seeded standard normal generator (mulberry32 and Box-Muller), so fits are reproducible. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform())
}

/** A computation in steps: each `yield` is a point where it may pause (see runInSlices). */
export type Steps<T> = Generator<void, T, void>

/** Orthonormalises the columns in place (modified Gram-Schmidt); a column that vanishes stays zero. */
function* orthonormalise(cols: Float64Array[]): Steps<void> {
  for (let j = 0; j < cols.length; j++) {
    yield
    const c = cols[j]!
    for (let i = 0; i < j; i++) {
      const q = cols[i]!
      let d = 0
      for (let r = 0; r < c.length; r++) d += c[r]! * q[r]!
      if (d !== 0) for (let r = 0; r < c.length; r++) c[r] = c[r]! - d * q[r]!
    }
    let norm = 0
    for (let r = 0; r < c.length; r++) norm += c[r]! * c[r]!
    norm = Math.sqrt(norm)
    if (norm > 1e-10) for (let r = 0; r < c.length; r++) c[r] = c[r]! / norm
    else c.fill(0)
  }
}

/** Eigenvalues and eigenvectors (columns of `v`, row-major l×l) of a symmetric matrix, by cyclic Jacobi. */
function* symmetricEigen(a: Float64Array, l: number): Steps<{ values: Float64Array; v: Float64Array }> {
  const v = new Float64Array(l * l)
  for (let i = 0; i < l; i++) v[i * l + i] = 1
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2
    if (off < 1e-18) break
    for (let p = 0; p < l; p++) {
      yield
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!
        if (Math.abs(apq) < 1e-15) continue
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!
          const akq = a[k * l + q]!
          a[k * l + p] = c * akp - s * akq
          a[k * l + q] = s * akp + c * akq
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!
          const aqk = a[q * l + k]!
          a[p * l + k] = c * apk - s * aqk
          a[q * l + k] = s * apk + c * aqk
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!
          const vkq = v[k * l + q]!
          v[k * l + p] = c * vkp - s * vkq
          v[k * l + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const values = new Float64Array(l)
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!
  return { values, v }
}

/** Y = M C for each dense column C (length cols), as columns of length rows. */
function* times(m: SparseRows, cols: Float64Array[]): Steps<Float64Array[]> {
  const out: Float64Array[] = []
  for (const c of cols) {
    yield
    const y = new Float64Array(m.rows)
    for (let r = 0; r < m.rows; r++) {
      let s = 0
      for (let p = m.start[r]!; p < m.start[r + 1]!; p++) s += m.val[p]! * c[m.col[p]!]!
      y[r] = s
    }
    out.push(y)
  }
  return out
}

/** Z = Mᵀ C for each dense column C (length rows), as columns of length cols. */
function* timesT(m: SparseRows, cols: Float64Array[]): Steps<Float64Array[]> {
  const all: Float64Array[] = []
  for (const c of cols) {
    yield
    const out = new Float64Array(m.cols)
    for (let r = 0; r < m.rows; r++) {
      const x = c[r]!
      if (x !== 0) for (let p = m.start[r]!; p < m.start[r + 1]!; p++) out[m.col[p]!] = out[m.col[p]!]! + m.val[p]! * x
    }
    all.push(out)
  }
  return all
}

/**
 * The top-k right singular vectors of M (rows × terms) and their singular values. A row x maps to x·V_k, so
 * rows and queries compare by the cosine of those k-vectors. Dimensions with a zero singular value are dropped.
 */
export function truncatedSvd(m: SparseRows, options: SvdOptions): SvdBasis {
  return runToEnd(svdSteps(m, options))
}

/** Runs a computation in steps to its end, at once. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

/**
 * Runs a computation in steps on the event loop, in slices of about `budgetMs`, so that requests are served
 * between slices: a long fit never holds up a call for more than one slice.
 */
export function runInSlices<T>(steps: Steps<T>, budgetMs = 5): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const slice = () => {
      try {
        const until = performance.now() + budgetMs
        for (;;) {
          const r = steps.next()
          if (r.done) return resolve(r.value)
          if (performance.now() >= until) break
        }
        setImmediate(slice)
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)))
      }
    }
    setImmediate(slice)
  })
}

/** truncatedSvd in steps (see runInSlices). */
export function* svdSteps(m: SparseRows, options: SvdOptions): Steps<SvdBasis> {
  const l = Math.min(options.k + options.oversample, m.rows, m.cols)
  if (l < 1) return { k: 0, termVectors: new Float32Array(0), singular: new Float64Array(0) }
  const random = gaussian(options.seed)
  // Y = M Ω (rows × l, kept as l columns), then power iterations: Q = orth(M Mᵀ Q).
  const omega = Array.from({ length: l }, () => Float64Array.from({ length: m.cols }, random))
  let q = yield* times(m, omega)
  yield* orthonormalise(q)
  for (let it = 0; it < options.powerIterations; it++) {
    const z = yield* timesT(m, q)
    yield* orthonormalise(z)
    q = yield* times(m, z)
    yield* orthonormalise(q)
  }
  // B = Qᵀ M (l × cols, kept as its l rows); B Bᵀ = U S² Uᵀ; the right singular vectors are Bᵀ U / s.
  const b = yield* timesT(m, q)
  const cols = m.cols
  const gram = new Float64Array(l * l)
  for (let i = 0; i < l; i++) {
    yield
    for (let j = i; j < l; j++) {
      let s = 0
      const bi = b[i]!
      const bj = b[j]!
      for (let t = 0; t < cols; t++) s += bi[t]! * bj[t]!
      gram[i * l + j] = s
      gram[j * l + i] = s
    }
  }
  const { values, v } = yield* symmetricEigen(gram, l)
  const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!)
  const kept = order.slice(0, Math.min(options.k, l)).filter((i) => values[i]! > 1e-9)
  const dims = kept.length
  const termVectors = new Float32Array(cols * dims)
  const singular = Float64Array.from(kept, (e) => Math.sqrt(values[e]!))
  for (const [j, e] of kept.entries()) {
    yield
    const s = singular[j]!
    for (let i = 0; i < l; i++) {
      const u = v[i * l + e]! / s
      if (u === 0) continue
      const bi = b[i]!
      for (let t = 0; t < cols; t++) termVectors[t * dims + j] = termVectors[t * dims + j]! + bi[t]! * u
    }
  }
  return { k: dims, termVectors, singular }
}
