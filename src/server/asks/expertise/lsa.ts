// Latent semantic analysis (Deerwester et al., "Indexing by latent semantic analysis", JASIS 1990) over the
// recent past questions: a truncated SVD of their log-TF-IDF matrix, so that a new question finds similar
// ones that share its meaning but not its words ("replica" and "standby"). The SVD is the randomized one of
// Halko, Martinsson & Tropp (SIAM Review 2011), with one power iteration, from a seeded generator.
//
// The basis is refitted on the latest `window` questions each time the number of questions has grown by a
// quarter, when a question is added (never while ranking, so a model ranks the same however often it was
// asked); questions added in between are folded in with the current basis.

export interface LsaSettings {
  /** Dimensions kept (the SVD's rank). */
  dimensions: number
  /** How many of the latest questions are fitted and searched. */
  window: number
  /** No basis before this many questions. */
  minQuestions: number
}

type TermFreqs = ReadonlyMap<string, number>

/** At most this many words in the basis, the most frequent in the window. */
const MAX_TERMS = 20_000

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

/** Orthonormalises the columns in place (modified Gram-Schmidt); a column that vanishes stays zero. */
function orthonormalise(cols: Float64Array[]): void {
  for (let j = 0; j < cols.length; j++) {
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
function symmetricEigen(a: Float64Array, l: number): { values: Float64Array; v: Float64Array } {
  const v = new Float64Array(l * l)
  for (let i = 0; i < l; i++) v[i * l + i] = 1
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2
    if (off < 1e-18) break
    for (let p = 0; p < l; p++) {
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

/** An LSA index of the latest questions, in document numbers shared with the BM25 index. */
export class LsaIndex {
  /** Term → row of `basis` (its coordinates on the kept dimensions, scaled by the term's idf). */
  private terms = new Map<string, number>()
  private basis = new Float32Array(0)
  private dims = 0
  /**
   * The latest `window` documents, in a ring (the newest at `(count - 1) % window`): their numbers, term
   * frequencies and unit vectors (dims each).
   */
  private readonly docs: { doc: number; tf: TermFreqs }[] = []
  private vectors = new Float32Array(0)
  private fittedAt = 0
  private count = 0

  constructor(
    private readonly settings: LsaSettings,
    /** Document frequency of a term among all questions so far (the BM25 index's). */
    private readonly documentFrequency: (term: string) => number,
  ) {}

  /** Adds the next document (numbered like the BM25 index), refitting the basis when it is due. */
  add(doc: number, tf: TermFreqs): void {
    const { window, minQuestions } = this.settings
    const at = this.count % window
    this.count++
    this.docs[at] = { doc, tf }
    if (this.count >= minQuestions && this.count >= this.fittedAt * 1.25) this.fit()
    else if (this.dims > 0) this.project(at)
  }

  /**
   * The `k` documents most similar to the query (cosine in the latent space), best first, with their
   * cosine; none before the first fit.
   */
  search(tf: TermFreqs, k: number): { doc: number; score: number }[] {
    if (this.dims === 0 || k <= 0) return []
    const q = this.fold(tf)
    if (!q) return []
    const { dims, vectors, docs } = this
    const best: { doc: number; score: number }[] = []
    let floor = 0
    for (let i = 0; i < docs.length; i++) {
      let s = 0
      const o = i * dims
      for (let j = 0; j < dims; j++) s += q[j]! * vectors[o + j]!
      if (s <= floor) continue
      best.push({ doc: docs[i]!.doc, score: s })
      if (best.length >= 4 * k) {
        best.sort((a, b) => b.score - a.score || a.doc - b.doc)
        best.length = k
        floor = best[k - 1]!.score
      }
    }
    best.sort((a, b) => b.score - a.score || a.doc - b.doc)
    return best.slice(0, k)
  }

  /** The unit latent vector of a bag of words (log-TF-IDF folded into the basis), or null if none of it is known. */
  private fold(tf: TermFreqs): Float64Array | null {
    const out = new Float64Array(this.dims)
    let any = false
    for (const [term, f] of tf) {
      const row = this.terms.get(term)
      if (row === undefined) continue
      any = true
      const w = Math.log1p(f)
      const o = row * this.dims
      for (let j = 0; j < this.dims; j++) out[j] = out[j]! + w * this.basis[o + j]!
    }
    let norm = 0
    for (let j = 0; j < this.dims; j++) norm += out[j]! * out[j]!
    if (!any || norm === 0) return null
    norm = Math.sqrt(norm)
    for (let j = 0; j < this.dims; j++) out[j] = out[j]! / norm
    return out
  }

  private project(i: number): void {
    const v = this.fold(this.docs[i]!.tf)
    if (v) this.vectors.set(v, i * this.dims)
    else this.vectors.fill(0, i * this.dims, (i + 1) * this.dims)
  }

  /** Fits the basis on the window's documents, then projects them all. */
  private fit(): void {
    this.fittedAt = this.count
    const n = this.docs.length
    // The vocabulary: terms in at least two of the window's documents (others cannot relate documents).
    const seen = new Map<string, number>()
    for (const { tf } of this.docs) for (const t of tf.keys()) seen.set(t, (seen.get(t) ?? 0) + 1)
    const terms = new Map<string, number>()
    const idf: number[] = []
    const total = this.count
    // The fit costs in proportion to the vocabulary: beyond MAX_TERMS, the rarest words are left out.
    let vocabulary = [...seen].filter(([, c]) => c >= 2)
    if (vocabulary.length > MAX_TERMS) vocabulary = vocabulary.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, MAX_TERMS)
    for (const [t] of vocabulary) {
      terms.set(t, idf.length)
      idf.push(Math.log(1 + total / (1 + this.documentFrequency(t))))
    }
    const m = terms.size
    const l = Math.min(this.settings.dimensions + 10, n, m)
    if (l < 2) return
    // The sparse rows of X: log(1 + tf) × idf, each row of unit length.
    const rows = this.docs.map(({ tf }) => {
      const ids: number[] = []
      const vals: number[] = []
      for (const [t, f] of tf) {
        const id = terms.get(t)
        if (id === undefined) continue
        ids.push(id)
        vals.push(Math.log1p(f) * idf[id]!)
      }
      const norm = Math.sqrt(vals.reduce((s, x) => s + x * x, 0)) || 1
      return { ids: Int32Array.from(ids), vals: Float64Array.from(vals, (x) => x / norm) }
    })
    const random = gaussian(0x5eed + n)
    // Y = X Ω (n × l, kept as l columns), then one power iteration: Q = orth(X Xᵀ Q).
    const omega = Array.from({ length: l }, () => Float64Array.from({ length: m }, random))
    const times = (cols: Float64Array[]): Float64Array[] =>
      cols.map((c) => Float64Array.from(rows, (r) => r.ids.reduce((s, id, k) => s + r.vals[k]! * c[id]!, 0)))
    const timesT = (cols: Float64Array[]): Float64Array[] =>
      cols.map((c) => {
        const out = new Float64Array(m)
        rows.forEach((r, i) => {
          const x = c[i]!
          if (x !== 0) for (let k = 0; k < r.ids.length; k++) out[r.ids[k]!] = out[r.ids[k]!]! + r.vals[k]! * x
        })
        return out
      })
    let q = times(omega)
    orthonormalise(q)
    const z = timesT(q)
    orthonormalise(z)
    q = times(z)
    orthonormalise(q)
    // B = Qᵀ X (l × m, kept as its l rows); B Bᵀ = U S² Uᵀ; the right singular vectors are Bᵀ U / s.
    const b = timesT(q)
    const gram = new Float64Array(l * l)
    for (let i = 0; i < l; i++)
      for (let j = i; j < l; j++) {
        let s = 0
        const bi = b[i]!
        const bj = b[j]!
        for (let t = 0; t < m; t++) s += bi[t]! * bj[t]!
        gram[i * l + j] = s
        gram[j * l + i] = s
      }
    const { values, v } = symmetricEigen(gram, l)
    const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!)
    const kept = order.slice(0, Math.min(this.settings.dimensions, l)).filter((i) => values[i]! > 1e-9)
    const dims = kept.length
    if (dims === 0) return
    const basis = new Float32Array(m * dims)
    kept.forEach((e, j) => {
      const s = Math.sqrt(values[e]!)
      for (let i = 0; i < l; i++) {
        const u = v[i * l + e]! / s
        if (u === 0) continue
        const bi = b[i]!
        for (let t = 0; t < m; t++) basis[t * dims + j] = basis[t * dims + j]! + bi[t]! * u
      }
    })
    // Folding in weighs each term by its idf, as in the fit.
    for (let t = 0; t < m; t++) for (let j = 0; j < dims; j++) basis[t * dims + j] = basis[t * dims + j]! * idf[t]!
    this.terms = terms
    this.basis = basis
    this.dims = dims
    this.vectors = new Float32Array(this.settings.window * dims)
    for (let i = 0; i < n; i++) this.project(i)
  }
}
