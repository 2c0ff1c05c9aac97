// A synthetic Q&A history for the routing benchmark, shaped like a real site: topics (tags) of Zipf-like
// popularity, each with its own vocabulary on top of a shared one, and people who answer mostly on a few
// favourite topics with very unequal activity. Seeded, so every run routes over the same corpus.
import type { AnswerInput, QuestionInput } from '../../src/server/asks/expertise/types.js'

/** mulberry32: a small seeded generator, good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An index in [0, n) drawn with probability proportional to 1/(i+1)^s, by inverting the CDF. */
function zipfSampler(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n)
  let total = 0
  for (let i = 0; i < n; i++) cdf[i] = total += 1 / (i + 1) ** s
  return () => {
    const x = rnd() * total
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cdf[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const SYLLABLES =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu'.split(
    ' ',
  )

function makeWords(count: number, rnd: () => number, prefix: string): string[] {
  const words = new Set<string>()
  while (words.size < count) {
    let w = prefix
    const n = 2 + Math.floor(rnd() * 3)
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]
    words.add(w)
  }
  return [...words]
}

export interface CorpusOptions {
  questions: number
  answers: number
  people: number
  tags: number
  seed: number
}

export class SyntheticSite {
  private readonly rnd: () => number
  private readonly common: string[]
  private readonly topicWords: string[][]
  private readonly pickCommon: () => number
  private readonly pickTopicWord: () => number
  private readonly pickTag: () => number
  private readonly pickActivity: () => number
  /** For each tag, the people who like it, most active first. */
  private readonly fans: string[][]
  readonly people: string[]
  readonly tagNames: string[]

  constructor(readonly options: CorpusOptions) {
    this.rnd = seededRandom(options.seed)
    this.common = makeWords(20_000, this.rnd, '')
    this.topicWords = Array.from({ length: options.tags }, (_, t) => makeWords(150, this.rnd, SYLLABLES[t % SYLLABLES.length]!))
    this.tagNames = Array.from({ length: options.tags }, (_, t) => `topic-${t}`)
    this.pickCommon = zipfSampler(this.common.length, 1.05, this.rnd)
    this.pickTopicWord = zipfSampler(150, 0.9, this.rnd)
    this.pickTag = zipfSampler(options.tags, 0.9, this.rnd)
    this.people = Array.from({ length: options.people }, (_, i) => `person-${i}`)
    this.fans = Array.from({ length: options.tags }, () => [])
    for (const p of this.people) {
      const favourites = 1 + Math.floor(this.rnd() * 4)
      for (let i = 0; i < favourites; i++) this.fans[this.pickTag()]!.push(p)
    }
    this.pickActivity = zipfSampler(64, 1.1, this.rnd)
  }

  /** A new question's text and tags. */
  question(id: string, askerId: string | null = this.person()): QuestionInput {
    const tagCount = 1 + Math.floor(this.rnd() * 4)
    const tags = [...new Set(Array.from({ length: tagCount }, () => this.pickTag()))]
    const text = (n: number) => {
      const words: string[] = []
      for (let i = 0; i < n; i++) {
        const own = this.rnd() < 0.4
        const t = tags[Math.floor(this.rnd() * tags.length)]!
        words.push(own ? this.topicWords[t]![this.pickTopicWord()]! : this.common[this.pickCommon()]!)
      }
      return words.join(' ')
    }
    return {
      id,
      askerId,
      title: text(6 + Math.floor(this.rnd() * 6)),
      body: text(40 + Math.floor(this.rnd() * 60)),
      tags: tags.map((t) => this.tagNames[t]!),
    }
  }

  /** An answer by someone who likes one of the question's tags (mostly the active ones), else anyone. */
  answer(id: string, question: QuestionInput): AnswerInput {
    const tag = this.tagNames.indexOf(question.tags[Math.floor(this.rnd() * question.tags.length)]!)
    const fans = this.fans[tag]!
    const authorId = fans.length > 0 && this.rnd() < 0.85 ? fans[this.pickActivity() % fans.length]! : this.person()
    return { id, questionId: question.id, authorId, accepted: this.rnd() < 0.3, score: Math.floor(this.rnd() * 8) - 1 }
  }

  person(): string {
    return this.people[Math.floor(this.rnd() * this.people.length)]!
  }

  /** The whole history, question by question, each followed by its answers. */
  *history(): Generator<{ question: QuestionInput; answers: AnswerInput[] }> {
    const { questions, answers } = this.options
    let a = 0
    for (let q = 0; q < questions; q++) {
      const question = this.question(`q${q}`)
      const due = Math.round(((q + 1) * answers) / questions)
      const list: AnswerInput[] = []
      while (a < due) list.push(this.answer(`a${a++}`, question))
      yield { question, answers: list }
    }
  }
}
