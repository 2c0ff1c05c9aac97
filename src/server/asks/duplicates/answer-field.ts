// BM25 over the answers each question has received so far: answers say in other words what the question was
// about, which is how a question typed in different words still finds the one answered before. A question's
// answers form one document that grows as answers come.

export interface FieldScore {
  doc: number
  score: number
}

export class GrowingBm25 {
  private readonly postings = new Map<string, number[]>()
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
      const had = own.get(t)
      if (had === undefined) {
        let list = this.postings.get(t)
        if (!list) {
          list = []
          this.postings.set(t, list)
        }
        list.push(doc)
      }
      own.set(t, (had ?? 0) + c)
      this.lengths[doc] = this.lengths[doc]! + c
      this.total += c
    }
  }

  /** Every document's score for the query (term -> weight), as a sparse list. */
  search(query: ReadonlyMap<string, number>): FieldScore[] {
    const n = this.docsWithText
    if (n === 0) return []
    const avg = this.total / n || 1
    const acc = new Map<number, number>()
    for (const [t, w] of query) {
      const list = this.postings.get(t)
      if (!list) continue
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5))
      for (const doc of list) {
        const tf = this.docTerms[doc]!.get(t)!
        const norm = this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / avg)
        acc.set(doc, (acc.get(doc) ?? 0) + (w * idf * tf * (this.k1 + 1)) / (tf + norm))
      }
    }
    return [...acc].map(([doc, score]) => ({ doc, score }))
  }

  /** The document's term counts so far (for building the semantic index). */
  termsOf(doc: number): ReadonlyMap<string, number> | undefined {
    return this.docTerms[doc]
  }
}
