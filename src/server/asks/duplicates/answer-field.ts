// BM25 over the answers each question has received so far: answers say in other words what the question was
// about, which is how a question typed in different words still finds the one answered before. A question's
// answers form one document that grows as answers come.

export interface FieldScore {
  doc: number
  score: number
}

/** The documents that contain a term, each with its count (parallel arrays: no lookups while scoring). */
interface Postings {
  docs: number[]
  tfs: number[]
}

export class GrowingBm25 {
  private readonly postings = new Map<string, Postings>()
  /** Per document: term -> its place in that term's postings. */
  private readonly docTerms: Map<string, number>[] = []
  private lengths = new Float64Array(16)
  private total = 0
  private docsWithText = 0

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  /** Adds text (term counts) to document `doc`, creating it if needed. */
  append(doc: number, terms: ReadonlyMap<string, number>): void {
    while (this.lengths.length <= doc) {
      const grown = new Float64Array(this.lengths.length * 2)
      grown.set(this.lengths)
      this.lengths = grown
    }
    let own = this.docTerms[doc]
    if (!own) {
      own = new Map()
      this.docTerms[doc] = own
    }
    if (this.lengths[doc] === 0 && terms.size > 0) this.docsWithText++
    for (const [t, c] of terms) {
      let list = this.postings.get(t)
      if (!list) {
        list = { docs: [], tfs: [] }
        this.postings.set(t, list)
      }
      const at = own.get(t)
      if (at === undefined) {
        own.set(t, list.docs.length)
        list.docs.push(doc)
        list.tfs.push(c)
      } else list.tfs[at] = list.tfs[at]! + c
      this.lengths[doc] = this.lengths[doc]! + c
      this.total += c
    }
  }

  /**
   * Every matching document's score for the query (term -> weight), as a sparse list. Terms in more than half
   * the documents are skipped: their idf is next to nothing, and their postings are the longest.
   */
  search(query: ReadonlyMap<string, number>): FieldScore[] {
    const n = this.docsWithText
    if (n === 0) return []
    const avg = this.total / n || 1
    const acc = new Map<number, number>()
    const { k1, b } = this
    for (const [t, w] of query) {
      const list = this.postings.get(t)
      if (!list || list.docs.length > n / 2) continue
      const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5))
      const { docs, tfs } = list
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!
        const tf = tfs[i]!
        const norm = k1 * (1 - b + (b * this.lengths[doc]!) / avg)
        acc.set(doc, (acc.get(doc) ?? 0) + (w * idf * tf * (k1 + 1)) / (tf + norm))
      }
    }
    return [...acc].map(([doc, score]) => ({ doc, score }))
  }

  /** The document's term counts so far (for building the semantic index). */
  termsOf(doc: number): Map<string, number> {
    const out = new Map<string, number>()
    for (const [t, at] of this.docTerms[doc] ?? []) out.set(t, this.postings.get(t)!.tfs[at]!)
    return out
  }
}
