// Latent semantic analysis for finding questions asked before in other words: a truncated SVD of the
// log-TF-IDF matrix of past questions (Deerwester et al., "Indexing by latent semantic analysis", 1990),
// computed with a randomized range finder and power iterations (Halko, Martinsson and Tropp, "Finding
// structure with randomness", 2011), so only products of the sparse matrix with thin dense ones are needed.
// Pure: no I/O, seeded randomness.

/** A sparse matrix by rows: row r's columns and values are cols/vals[start[r] .. start[r+1]). */
export interface SparseRows {
  rows: number
  cols: number
  start: Int32Array
  col: Int32Array
  val: Float64Array
}

export interface LsaOptions {
  /** Dimensions kept. */
  k: number
  /** Extra columns of the range finder, for accuracy. */
  oversample: number
  /** Power iterations, for accuracy when the spectrum decays slowly (text's does). */
  powerIterations: number
  seed: number
}

export const LSA_DEFAULTS: LsaOptions = { k: 150, oversample: 20, powerIterations: 2, seed: 1 }

/** The top-k right singular vectors, as a term -> k-vector table (row-major, terms × k), and the singular values. */
export interface LsaBasis {
  k: number
  /** terms × k: term t's coordinates are termVectors[t*k .. t*k+k). Scaled so that a document's vector is the sum of its weighted terms'. */
  termVectors: Float32Array
  singular: Float64Array
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Y (rows × l) = M X, X given as cols × l. */
function mulRight(m: SparseRows, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(m.rows * l)
  for (let r = 0; r < m.rows; r++) {
    const yo = r * l
    for (let p = m.start[r]!; p < m.start[r + 1]!; p++) {
      const v = m.val[p]!
      const xo = m.col[p]! * l
      for (let j = 0; j < l; j++) y[yo + j] = y[yo + j]! + v * x[xo + j]!
    }
  }
  return y
}

/** Z (cols × l) = Mᵀ Y, Y given as rows × l. */
function mulLeft(m: SparseRows, y: Float64Array, l: number): Float64Array {
  const z = new Float64Array(m.cols * l)
  for (let r = 0; r < m.rows; r++) {
    const yo = r * l
    for (let p = m.start[r]!; p < m.start[r + 1]!; p++) {
      const v = m.val[p]!
      const zo = m.col[p]! * l
      for (let j = 0; j < l; j++) z[zo + j] = z[zo + j]! + v * y[yo + j]!
    }
  }
  return z
}

/** Orthonormalises the l columns of an n × l row-major matrix in place (modified Gram-Schmidt). */
function orthonormalise(a: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0
      for (let r = 0; r < n; r++) dot += a[r * l + i]! * a[r * l + j]!
      for (let r = 0; r < n; r++) a[r * l + j] = a[r * l + j]! - dot * a[r * l + i]!
    }
    let norm = 0
    for (let r = 0; r < n; r++) norm += a[r * l + j]! ** 2
    norm = Math.sqrt(norm) || 1
    for (let r = 0; r < n; r++) a[r * l + j] = a[r * l + j]! / norm
  }
}

/** Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations: eigenvalues and column eigenvectors. */
function symmetricEigen(s: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2
    if (off < 1e-22) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!
        if (Math.abs(apq) < 1e-300) continue
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const sn = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!
          const akq = a[k * n + q]!
          a[k * n + p] = c * akp - sn * akq
          a[k * n + q] = sn * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!
          const aqk = a[q * n + k]!
          a[p * n + k] = c * apk - sn * aqk
          a[q * n + k] = sn * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!
          const vkq = v[k * n + q]!
          v[k * n + p] = c * vkp - sn * vkq
          v[k * n + q] = sn * vkp + c * vkq
        }
      }
    }
  }
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!
  return { values, vectors: v }
}

/**
 * The top-k right singular vectors of M (documents × terms). A document x (term weights) maps to x·V_k, so
 * documents and queries compare by the cosine of those k-vectors.
 */
export function truncatedSvd(m: SparseRows, options: LsaOptions = LSA_DEFAULTS): LsaBasis {
  const k = Math.max(1, Math.min(options.k, m.rows, m.cols))
  const l = Math.min(k + options.oversample, m.rows, m.cols)
  const rand = mulberry32(options.seed)
  const omega = new Float64Array(m.cols * l)
  for (let i = 0; i < omega.length; i++) omega[i] = rand() * 2 - 1
  let y = mulRight(m, omega, l)
  orthonormalise(y, m.rows, l)
  for (let it = 0; it < options.powerIterations; it++) {
    const z = mulLeft(m, y, l)
    orthonormalise(z, m.cols, l)
    y = mulRight(m, z, l)
    orthonormalise(y, m.rows, l)
  }
  // B = Qᵀ M is l × cols; kept as its transpose (cols × l), which is exactly mulLeft's output.
  const bt = mulLeft(m, y, l)
  const gram = new Float64Array(l * l)
  for (let c = 0; c < m.cols; c++) {
    const o = c * l
    for (let i = 0; i < l; i++) {
      const bi = bt[o + i]!
      if (bi === 0) continue
      for (let j = i; j < l; j++) gram[i * l + j] = gram[i * l + j]! + bi * bt[o + j]!
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) gram[i * l + j] = gram[j * l + i]!
  const { values, vectors } = symmetricEigen(gram, l)
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, k)
  const singular = Float64Array.from(order, (i) => Math.sqrt(Math.max(0, values[i]!)))
  // V_k = Bᵀ W Σ⁻¹: column j is Bᵀ w_j / σ_j.
  const termVectors = new Float32Array(m.cols * k)
  order.forEach((e, j) => {
    const sigma = singular[j]! || 1
    for (let c = 0; c < m.cols; c++) {
      let s = 0
      const o = c * l
      for (let i = 0; i < l; i++) s += bt[o + i]! * vectors[i * l + e]!
      termVectors[c * k + j] = s / sigma
    }
  })
  return { k, termVectors, singular }
}
