/**
 * The search queries of bench/knowledge.ts: one to three words, drawn the way people search a knowledge base.
 * Most name a topic; some use everyday words that match a large share of all posts; some look for a rare
 * name or a community's jargon; a third are limited to one community.
 */
import { AREAS, GENERAL, rngFrom, type CommunityVocabulary, type TextGenerator } from './knowledge-text.js'

export type QueryClass = 'topic' | 'common' | 'rare' | 'mixed'

export interface BenchQuery {
  q: string
  /** Slug of a community to search in, when the query is limited to one. */
  community?: string
  cls: QueryClass
}

/** `count` queries (the first `warmup` of them for warming up, the rest measured), deterministic from `seed`. */
export function buildQueries(
  text: TextGenerator,
  readable: { slug: string; vocab: CommunityVocabulary }[],
  seed: number,
  count = 220,
): BenchQuery[] {
  const rnd = rngFrom(seed + 11)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const topicWord = (v: CommunityVocabulary) => pick(AREAS[v.area]!.words)
  // Everyday words between rank 10 and 100: each is in roughly 3% to 30% of all posts.
  const commonWord = () => GENERAL[10 + Math.floor(rnd() * 90)]!
  const rareWord = (v: CommunityVocabulary) => (rnd() < 0.5 ? pick(v.jargon) : text.rare[200 + Math.floor(rnd() * 20_000)]!)
  const queries: BenchQuery[] = []
  for (let i = 0; i < count; i++) {
    const home = pick(readable)
    const x = rnd()
    let cls: QueryClass
    let words: string[]
    if (x < 0.4) {
      cls = 'topic'
      words = [topicWord(home.vocab)]
      if (rnd() < 0.5) words.push(topicWord(home.vocab))
      if (rnd() < 0.3) words.push(GENERAL[20 + Math.floor(rnd() * 180)]!)
    } else if (x < 0.55) {
      cls = 'common'
      words = [commonWord()]
      if (rnd() < 0.5) words.push(commonWord())
    } else if (x < 0.75) {
      cls = 'rare'
      words = [rareWord(home.vocab)]
      if (rnd() < 0.3) words.push(topicWord(home.vocab))
    } else {
      cls = 'mixed'
      words = [topicWord(home.vocab), GENERAL[Math.floor(rnd() * 150)]!, rareWord(home.vocab)]
    }
    queries.push({ q: [...new Set(words)].join(' '), cls, ...(rnd() < 0.3 ? { community: home.slug } : {}) })
  }
  return queries
}
