import { stem } from './stem.js'

// English stop words (the Snowball list) plus words that appear in nearly every question ("how", "can",
// "use", "want", "get"). They carry no topic; BM25's idf would shrink them anyway, but dropping them keeps
// the posting lists short, which is what makes ranking fast on a large corpus.
const STOP_WORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its
  itself they them their theirs themselves what which who whom this that these those am is are was were be been being
  have has had having do does did doing a an the and but if or because as until while of at by for with about against
  between into through during before after above below to from up down in out on off over under again further then
  once here there when where why how all any both each few more most other some such no nor not only own same so than
  too very s t can will just don should now would could might must shall may also get got getting use using used want
  wants need needs like one two way ways know think thanks thank please help question questions anyone someone something
  im ive id dont doesnt didnt cant isnt wont thats theres whats etc eg ie http https www com`.split(/\s+/),
)

const MIN_LENGTH = 2
const MAX_LENGTH = 40
// Stemming is the costly part of tokenizing, and a vocabulary repeats a lot: remember recent stems.
const STEM_CACHE_SIZE = 50_000
let stems = new Map<string, string>()

function cachedStem(word: string): string {
  let s = stems.get(word)
  if (s === undefined) {
    if (stems.size >= STEM_CACHE_SIZE) stems = new Map()
    s = stem(word)
    stems.set(word, s)
  }
  return s
}

/**
 * The index terms of a text: lower-cased words (letters and digits), without stop words, Porter-stemmed.
 * Markdown, code and punctuation all fall apart into words, which is what we want for topic matching.
 */
export function tokenize(text: string): string[] {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
  if (!words) return []
  const out: string[] = []
  for (const w of words) {
    if (w.length < MIN_LENGTH || w.length > MAX_LENGTH || STOP_WORDS.has(w)) continue
    out.push(cachedStem(w))
  }
  return out
}

/**
 * The words of a post's tags as topic keys of their own ("~sql", "~server", "~2008" for
 * "sql-server-2008"): someone who knows sql-server-2012 probably knows sql-server-2008 too. The "~" keeps
 * them apart from real tags.
 */
export function tagWordKeys(tags: readonly string[]): string[] {
  const words = new Set<string>()
  for (const t of tags) for (const w of t.match(/[\p{L}\p{N}]+/gu) ?? []) words.add(`~${w}`)
  return [...words]
}
