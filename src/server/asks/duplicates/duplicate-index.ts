// Questions asked before, found while a new one is typed. Three views of a past question are combined, each
// scaled to its best match so no one dominates: BM25 over its title (counted twice) and body, BM25 over the
// answers it received (they restate the question in other words), and latent semantic analysis over all of
// it (150 dimensions, log-TF-IDF, routing's SVD in ../expertise/svd.ts), which matches "dehydrate" to "pee out more beer than I drink". A small
// prior favours answered questions: an answered one is what the asker wants to find. The weights are set by
// hand (train:duplicates learns a set, LEARNED_WEIGHTS, that eval:duplicates compares); the same settings
// serve every corpus.
import { Bm25Index } from '../expertise/bm25.js'
import learned from './learned-weights.json' with { type: 'json' }
import { tokenize } from '../expertise/text.js'
import { GrowingBm25 } from './answer-field.js'
import { type SparseRows, type SvdOptions, truncatedSvd } from '../expertise/svd.js'

/** Weights of the three views and of the answered prior (log of 1 + answers). */
export interface DuplicateWeights {
  questionWeight: number
  answerWeight: number
  semanticWeight: number
  answeredPrior: number
}

export interface DuplicateSettings extends DuplicateWeights {
  lsa: SvdOptions
  /** The semantic index is rebuilt once the corpus has grown by this share since it was built. */
  rebuildGrowth: number
  /** Only the newest this many questions take part in the semantic view (memory and build time stay bounded). */
  semanticDocs: number
  /** Terms kept in the semantic view: the most frequent, seen in at least two questions. */
  semanticTerms: number
}

/** The weights set by hand, which the app uses (see LEARNED_WEIGHTS for why). */
export const HAND_WEIGHTS: DuplicateWeights = { questionWeight: 1, answerWeight: 1, semanticWeight: 1, answeredPrior: 0.1 }

/**
 * The weights scripts/train-duplicates.ts learned (learned-weights.json) from the Beer dump's related links in
 * its first 80%. Not used by the app: on the dump's duplicate links (eval:duplicates, which prints both) they
 * found fewer originals than the hand weights, so the related links are not yet a good enough teacher.
 */
export const LEARNED_WEIGHTS: DuplicateWeights = {
  questionWeight: learned.questionWeight,
  answerWeight: learned.answerWeight,
  semanticWeight: learned.semanticWeight,
  answeredPrior: learned.answeredPrior,
}

export const DUPLICATE_DEFAULTS: DuplicateSettings = {
  ...HAND_WEIGHTS,
  lsa: { k: 150, oversample: 20, powerIterations: 2, seed: 1 },
  rebuildGrowth: 0.25,
  semanticDocs: 20_000,
  semanticTerms: 40_000,
}

interface Semantic {
  /** term -> column */
  vocab: Map<string, number>
  idf: Float64Array
  k: number
  termVectors: Float32Array
  /** The first document it covers; documents before it have no vector. */
  firstDoc: number
  /** Unit vectors of documents firstDoc.. (k each), grown as questions are added. */
  docVectors: Float32Array
  builtAt: number
}

function counts(terms: readonly string[], weight = 1, into = new Map<string, number>()): Map<string, number> {
  for (const t of terms) into.set(t, (into.get(t) ?? 0) + weight)
  return into
}

/** One past question's scores for a query, view by view (see DuplicateIndex.views). */
export interface DuplicateViews {
  doc: number
  id: string
  /** BM25 over its title and body, scaled to the best match. */
  question: number
  /** BM25 over its answers, scaled to the best match. */
  answer: number
  /** Cosine in the latent space (positive only). */
  semantic: number
  /** log(1 + its answers). */
  answered: number
}

/**
 * A past question's score under the settings' weights, or null when no view with a weight found it (the
 * answered prior alone never brings a question in).
 */
export function combineViews(s: DuplicateWeights, v: DuplicateViews): number | null {
  const found = (s.questionWeight > 0 && v.question > 0) || (s.answerWeight > 0 && v.answer > 0) || (s.semanticWeight > 0 && v.semantic > 0)
  if (!found) return null
  return s.questionWeight * v.question + s.answerWeight * v.answer + s.semanticWeight * v.semantic + s.answeredPrior * v.answered
}

export class DuplicateIndex {
  private readonly questionField = new Bm25Index({ k1: 1.2, b: 0.75 })
  private readonly answerField = new GrowingBm25()
  private readonly ids: string[] = []
  private readonly docs = new Map<string, number>()
  private readonly questionTerms: Map<string, number>[] = []
  private answerCounts = new Uint32Array(16)
  private semantic: Semantic | null = null

  constructor(readonly settings: DuplicateSettings = DUPLICATE_DEFAULTS) {}

  get size(): number {
    return this.ids.length
  }

  /** Adds a past question; adding a known one again changes nothing. */
  addQuestion(id: string, title: string, body: string): void {
    if (this.docs.has(id)) return
    const terms = counts(tokenize(body), 1, counts(tokenize(title), 2))
    const doc = this.questionField.add(terms)
    this.ids[doc] = id
    this.docs.set(id, doc)
    this.questionTerms[doc] = terms
    if (doc >= this.answerCounts.length) {
      const grown = new Uint32Array(this.answerCounts.length * 2)
      grown.set(this.answerCounts)
      this.answerCounts = grown
    }
    if (this.semantic) this.foldIn(this.semantic, doc)
  }

  /** Adds an answer's text to its question (unknown questions are ignored). */
  addAnswer(questionId: string, body: string): void {
    const doc = this.docs.get(questionId)
    if (doc === undefined) return
    this.answerCounts[doc] = this.answerCounts[doc]! + 1
    this.answerField.append(doc, counts(tokenize(body)))
  }

  /** Builds the semantic view if there is none or the corpus has grown enough since; returns whether it did. */
  refresh(): boolean {
    const n = this.ids.length
    if (n < 2) return false
    if (this.semantic && n < this.semantic.builtAt * (1 + this.settings.rebuildGrowth)) return false
    this.semantic = this.buildSemantic()
    return true
  }

  /** The past questions most like `text`, best first. */
  search(text: string, k: number): { id: string; score: number }[] {
    const ranked = this.views(text).flatMap((v) => {
      const score = combineViews(this.settings, v)
      return score === null ? [] : [{ doc: v.doc, score }]
    })
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc)
    return ranked.slice(0, k).map((r) => ({ id: this.ids[r.doc]!, score: r.score }))
  }

  /**
   * Each view's score of every past question any view found for `text`, each view scaled to its best match,
   * and the answered prior (log of 1 + answers): what `search` weighs, and what train:duplicates learns from.
   */
  views(text: string): DuplicateViews[] {
    const query = counts(tokenize(text))
    if (query.size === 0 || this.ids.length === 0) return []
    const n = this.ids.length
    const byDoc = new Map<number, DuplicateViews>()
    const at = (doc: number): DuplicateViews => {
      let v = byDoc.get(doc)
      if (!v) {
        v = { doc, id: this.ids[doc]!, question: 0, answer: 0, semantic: 0, answered: Math.log1p(this.answerCounts[doc]!) }
        byDoc.set(doc, v)
      }
      return v
    }
    const scaled = (hits: { doc: number; score: number }[], view: 'question' | 'answer') => {
      const best = hits.reduce((m, h) => Math.max(m, h.score), 0)
      if (best > 0) for (const h of hits) at(h.doc)[view] += h.score / best
    }
    scaled(this.questionField.search(query, 200), 'question')
    scaled(this.answerField.search(query), 'answer')
    const sem = this.semantic
    const q = sem && this.project(sem, query)
    if (sem && q) {
      const { k, docVectors, firstDoc } = sem
      const covered = Math.min(n - firstDoc, docVectors.length / k)
      for (let i = 0; i < covered; i++) {
        let dot = 0
        const o = i * k
        for (let j = 0; j < k; j++) dot += q[j]! * docVectors[o + j]!
        if (dot > 0) at(firstDoc + i).semantic = dot
      }
    }
    return [...byDoc.values()]
  }

  /** A document's full text as term counts: its question (title twice) and its answers. */
  private fullTerms(doc: number): Map<string, number> {
    const all = new Map(this.questionTerms[doc])
    for (const [t, c] of this.answerField.termsOf(doc) ?? []) all.set(t, (all.get(t) ?? 0) + c)
    return all
  }

  /** The unit k-vector of log-TF-IDF term counts, or null when none of the terms is known. */
  private project(sem: Semantic, terms: ReadonlyMap<string, number>): Float32Array | null {
    const v = new Float32Array(sem.k)
    let any = false
    for (const [t, c] of terms) {
      const col = sem.vocab.get(t)
      if (col === undefined) continue
      any = true
      const w = (1 + Math.log(c)) * sem.idf[col]!
      const o = col * sem.k
      for (let j = 0; j < sem.k; j++) v[j] = v[j]! + w * sem.termVectors[o + j]!
    }
    if (!any) return null
    let norm = 0
    for (let j = 0; j < sem.k; j++) norm += v[j]! ** 2
    norm = Math.sqrt(norm)
    if (norm === 0) return null
    for (let j = 0; j < sem.k; j++) v[j] = v[j]! / norm
    return v
  }

  private foldIn(sem: Semantic, doc: number): void {
    const k = sem.k
    const at = doc - sem.firstDoc
    if (at < 0) return
    if ((at + 1) * k > sem.docVectors.length) {
      const grown = new Float32Array(Math.max((at + 1) * k, sem.docVectors.length * 2))
      grown.set(sem.docVectors)
      sem.docVectors = grown
    }
    const v = this.project(sem, this.fullTerms(doc))
    if (v) sem.docVectors.set(v, at * k)
  }

  private buildSemantic(): Semantic {
    const s = this.settings
    const n = this.ids.length
    const firstDoc = Math.max(0, n - s.semanticDocs)
    const docs: Map<string, number>[] = []
    const df = new Map<string, number>()
    for (let d = firstDoc; d < n; d++) {
      const terms = this.fullTerms(d)
      docs.push(terms)
      for (const t of terms.keys()) df.set(t, (df.get(t) ?? 0) + 1)
    }
    const kept = [...df]
      .filter(([, c]) => c >= 2)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, s.semanticTerms)
    const vocab = new Map(kept.map(([t], i) => [t, i]))
    const idf = Float64Array.from(kept, ([, c]) => Math.log(docs.length / c))
    const start = new Int32Array(docs.length + 1)
    const col: number[] = []
    const val: number[] = []
    docs.forEach((terms, r) => {
      for (const [t, c] of terms) {
        const j = vocab.get(t)
        if (j === undefined) continue
        col.push(j)
        val.push((1 + Math.log(c)) * idf[j]!)
      }
      start[r + 1] = col.length
    })
    const m: SparseRows = { rows: docs.length, cols: vocab.size, start, col: Int32Array.from(col), val: Float64Array.from(val) }
    const basis = truncatedSvd(m, s.lsa)
    const sem: Semantic = {
      vocab,
      idf,
      k: basis.k,
      termVectors: basis.termVectors,
      firstDoc,
      docVectors: new Float32Array(docs.length * basis.k),
      builtAt: n,
    }
    for (let d = firstDoc; d < n; d++) this.foldIn(sem, d)
    return sem
  }
}
