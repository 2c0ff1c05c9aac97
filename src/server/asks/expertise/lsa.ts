// Latent semantic analysis (Deerwester et al., "Indexing by latent semantic analysis", JASIS 1990) over the
// recent past questions: a truncated SVD of their log-TF-IDF matrix, so that a new question finds similar
// ones that share its meaning but not its words ("replica" and "standby"). The SVD is svd.ts's randomized
// one, with one power iteration, from a seeded generator.
//
// The basis is refitted on the latest `window` questions each time the number of questions has grown by a
// quarter, when a question is added (never while ranking, so a model ranks the same however often it was
// asked); questions added in between are folded in with the current basis. The evaluation refits at once, so
// that its figures are reproducible; the app refits in the background (`background`), in slices of a few ms
// on the event loop, since at a large size a refit takes seconds and would stall the call that added the
// question: until the new basis is ready, ranking uses the previous one.

export interface LsaSettings {
  /** Dimensions kept (the SVD's rank). */
  dimensions: number
  /** How many of the latest questions are fitted and searched. */
  window: number
  /** No basis before this many questions. */
  minQuestions: number
}

import { runInSlices, runToEnd, type SparseRows, type Steps, svdSteps } from './svd.js'

type TermFreqs = ReadonlyMap<string, number>

/** At most this many words in the basis, the most frequent in the window. */
const MAX_TERMS = 20_000

/** A fitted basis and the window's vectors in it. */
interface Fitted {
  terms: Map<string, number>
  basis: Float32Array<ArrayBuffer>
  dims: number
  vectors: Float32Array<ArrayBuffer>
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
  /** The refit under way in the background, if any. */
  private fitting: Promise<void> | null = null
  /** Ring positions written while a background refit runs: projected again with its basis. */
  private dirty = new Set<number>()

  constructor(
    private readonly settings: LsaSettings,
    /** Document frequency of a term among all questions so far (the BM25 index's). */
    private readonly documentFrequency: (term: string) => number,
    /** Refit in the background (the app) rather than at once (the evaluation). */
    private readonly background = false,
  ) {}

  /** How many documents the current basis was fitted on (0: none yet). */
  get fittedOn(): number {
    return this.dims > 0 ? this.fittedAt : 0
  }

  /** Resolves once no refit is under way (for tests and scripts). */
  async settled(): Promise<void> {
    while (this.fitting) await this.fitting
  }

  /** Adds the next document (numbered like the BM25 index), refitting the basis when it is due. */
  add(doc: number, tf: TermFreqs): void {
    const { window } = this.settings
    const at = this.count % window
    this.count++
    this.docs[at] = { doc, tf }
    if (this.fitting) this.dirty.add(at)
    if (this.due() && !this.fitting) {
      if (!this.background) return this.install(runToEnd(this.fitSteps()))
      this.refitInBackground()
    }
    if (this.dims > 0) this.project(at)
  }

  private due(): boolean {
    return this.count >= this.settings.minQuestions && this.count >= this.fittedAt * 1.25
  }

  private refitInBackground(): void {
    const before = this.fittedAt
    this.fitting = runInSlices(this.fitSteps())
      .then(
        (fitted) => this.install(fitted),
        () => {
          // A failed refit is tried again on the next question added.
          this.fittedAt = before
        },
      )
      .finally(() => {
        this.fitting = null
        this.dirty.clear()
        if (this.due()) this.refitInBackground()
      })
  }

  private current(): Fitted {
    return { terms: this.terms, basis: this.basis, dims: this.dims, vectors: this.vectors }
  }

  /** Makes a fit current; documents added while it ran are projected with it. */
  private install(fitted: Fitted | null): void {
    if (!fitted) return
    ;({ terms: this.terms, basis: this.basis, dims: this.dims, vectors: this.vectors } = fitted)
    for (const i of this.dirty) this.project(i)
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
  private fold(tf: TermFreqs, fit: Omit<Fitted, 'vectors'> = this.current()): Float64Array | null {
    const { terms, basis, dims } = fit
    const out = new Float64Array(dims)
    let any = false
    for (const [term, f] of tf) {
      const row = terms.get(term)
      if (row === undefined) continue
      any = true
      const w = Math.log1p(f)
      const o = row * dims
      for (let j = 0; j < dims; j++) out[j] = out[j]! + w * basis[o + j]!
    }
    let norm = 0
    for (let j = 0; j < dims; j++) norm += out[j]! * out[j]!
    if (!any || norm === 0) return null
    norm = Math.sqrt(norm)
    for (let j = 0; j < dims; j++) out[j] = out[j]! / norm
    return out
  }

  private project(i: number, fit: Fitted = this.current()): void {
    const v = this.fold(this.docs[i]!.tf, fit)
    if (v) fit.vectors.set(v, i * fit.dims)
    else fit.vectors.fill(0, i * fit.dims, (i + 1) * fit.dims)
  }

  /** Fits a basis on the window's documents as they are now, then projects them all; null if too few words. */
  private *fitSteps(): Steps<Fitted | null> {
    this.fittedAt = this.count
    const docs = this.docs.slice()
    const n = docs.length
    // The vocabulary: terms in at least two of the window's documents (others cannot relate documents).
    const seen = new Map<string, number>()
    for (const { tf } of docs) for (const t of tf.keys()) seen.set(t, (seen.get(t) ?? 0) + 1)
    yield
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
    if (l < 2) return null
    // The sparse rows of X: log(1 + tf) × idf, each row of unit length.
    const start = new Int32Array(n + 1)
    const col: number[] = []
    const val: number[] = []
    docs.forEach(({ tf }, r) => {
      const from = col.length
      for (const [t, f] of tf) {
        const id = terms.get(t)
        if (id === undefined) continue
        col.push(id)
        val.push(Math.log1p(f) * idf[id]!)
      }
      const norm = Math.sqrt(val.slice(from).reduce((s, x) => s + x * x, 0)) || 1
      for (let p = from; p < val.length; p++) val[p] = val[p]! / norm
      start[r + 1] = col.length
    })
    const x: SparseRows = { rows: n, cols: m, start, col: Int32Array.from(col), val: Float64Array.from(val) }
    yield
    const { k: dims, termVectors: basis } = yield* svdSteps(x, {
      k: this.settings.dimensions,
      oversample: 10,
      powerIterations: 1,
      seed: 0x5eed + n,
    })
    if (dims === 0) return null
    // Folding in weighs each term by its idf, as in the fit.
    for (let t = 0; t < m; t++) for (let j = 0; j < dims; j++) basis[t * dims + j] = basis[t * dims + j]! * idf[t]!
    const fitted: Fitted = { terms, basis, dims, vectors: new Float32Array(this.settings.window * dims) }
    for (let i = 0; i < n; i++) {
      if (i % 500 === 0) yield
      this.project(i, fitted)
    }
    return fitted
  }
}
