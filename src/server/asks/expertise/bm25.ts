// Okapi BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009) over a
// growing set of documents. Adding a document appends to the posting lists of its terms and nothing else:
// idf and the average length are read from the running counts at query time, so an index built one
// document at a time ranks exactly like one built from all of them at once.

/** A growable pair of typed arrays: postings stay compact (8 bytes each) even with millions of them. */
class PostingList {
  docs = new Int32Array(4)
  tfs = new Float32Array(4)
  length = 0

  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2)
      docs.set(this.docs)
      this.docs = docs
      const tfs = new Float32Array(this.length * 2)
      tfs.set(this.tfs)
      this.tfs = tfs
    }
    this.docs[this.length] = doc
    this.tfs[this.length] = tf
    this.length++
  }
}

export interface Bm25Settings {
  /** Term-frequency saturation. */
  k1: number
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number
}

export interface ScoredDoc {
  doc: number
  score: number
}

/** An incremental BM25 index; documents are numbered 0, 1, 2... in the order they are added. */
export class Bm25Index {
  private readonly terms = new Map<string, PostingList>()
  private lengths = new Float32Array(16)
  private totalLength = 0
  private count = 0
  private scratch = new Float64Array(16)

  constructor(private readonly settings: Bm25Settings) {}

  get size(): number {
    return this.count
  }

  /** Adds a document given as term → (possibly weighted) frequency; returns its number. */
  add(termFreqs: ReadonlyMap<string, number>): number {
    const doc = this.count++
    if (doc === this.lengths.length) {
      const lengths = new Float32Array(doc * 2)
      lengths.set(this.lengths)
      this.lengths = lengths
    }
    let length = 0
    for (const [term, tf] of termFreqs) {
      let list = this.terms.get(term)
      if (!list) {
        list = new PostingList()
        this.terms.set(term, list)
      }
      list.push(doc, tf)
      length += tf
    }
    this.lengths[doc] = length
    this.totalLength += length
    return doc
  }

  /** How many documents contain the term. */
  documentFrequency(term: string): number {
    return this.terms.get(term)?.length ?? 0
  }

  /** The BM25 idf, never negative (the "+1" variant used by Lucene). */
  idf(term: string): number {
    const df = this.documentFrequency(term)
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5))
  }

  /**
   * The k best documents for a query given as term → weight (its frequency in the query), best first,
   * ties broken by the older document. Only the `maxTerms` most informative query terms (by weight × idf)
   * are used, and terms found in more than `maxDf` of the documents are skipped: they say little, and their
   * long posting lists would dominate the cost on a large corpus.
   */
  search(query: ReadonlyMap<string, number>, k: number, maxDf = 1, maxTerms = Infinity): ScoredDoc[] {
    if (this.count === 0 || k <= 0) return []
    if (this.scratch.length < this.count) this.scratch = new Float64Array(Math.max(this.count, this.scratch.length * 2))
    const acc = this.scratch
    const touched: number[] = []
    const { k1, b } = this.settings
    const avg = this.totalLength / this.count || 1
    const terms: { list: PostingList; w: number; term: string }[] = []
    for (const [term, qtf] of query) {
      const list = this.terms.get(term)
      if (list && list.length <= Math.max(maxDf * this.count, COMMON_AFTER)) terms.push({ list, w: qtf * this.idf(term), term })
    }
    terms.sort((x, y) => y.w - x.w || (x.term < y.term ? -1 : 1))
    for (const { list, w } of terms.slice(0, maxTerms)) {
      const { docs, tfs, length } = list
      for (let i = 0; i < length; i++) {
        const doc = docs[i]!
        const tf = tfs[i]!
        const norm = k1 * (1 - b + (b * this.lengths[doc]!) / avg)
        if (acc[doc] === 0) touched.push(doc)
        acc[doc] = acc[doc]! + (w * tf * (k1 + 1)) / (tf + norm)
      }
    }
    const best = selectTop(touched, acc, k)
    for (const doc of touched) acc[doc] = 0
    return best
  }
}

/**
 * A word is only dropped as common (see `maxDf` in `search`) once it is in more than this many documents: in a
 * young community with a few dozen questions, its key words are in half of them and are not stop words.
 */
export const COMMON_AFTER = 50

/** The k highest-scoring documents among `docs`, with a bounded min-heap, best first. */
function selectTop(docs: readonly number[], scores: Float64Array, k: number): ScoredDoc[] {
  const heap: ScoredDoc[] = []
  // "worse" orders by score, then prefers to drop the newer document, so ties keep the older one.
  const worse = (a: ScoredDoc, c: ScoredDoc) => a.score < c.score || (a.score === c.score && a.doc > c.doc)
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
  for (const doc of docs) {
    const item = { doc, score: scores[doc]! }
    if (heap.length < k) {
      heap.push(item)
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1
        if (!worse(heap[i]!, heap[p]!)) break
        ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
        i = p
      }
    } else if (worse(heap[0]!, item)) {
      heap[0] = item
      siftDown(0)
    }
  }
  return heap.sort((a, c) => c.score - a.score || a.doc - c.doc)
}
