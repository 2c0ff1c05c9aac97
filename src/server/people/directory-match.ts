// Typo-tolerant matching for the people directory, used when a query finds nobody as typed. A query word may be
// a few edits (insertions, deletions, substitutions, swaps of neighbours) from a word of someone's search text,
// or from the start of one, as the exact search matches parts of words. Pure functions: the candidates come
// from the trigram index (store.ts, findDirectoryCandidates).

/** How many edits a query word of `length` characters may be from a word it should find: none below 4. */
export function editsAllowed(length: number): number {
  if (length >= 8) return 2
  return length >= 4 ? 1 : 0
}

/** The distinct trigrams of ` word ` (a space on each side, as the index stores the text). */
export function paddedTrigrams(word: string): string[] {
  const chars = [...` ${word} `]
  const out = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''))
  return [...out]
}

/**
 * How many of a word's padded trigrams a match must share with it: an edit changes at most three of them (four
 * for a swap of neighbours), so a word within the allowed edits keeps the rest.
 */
export function trigramsNeeded(word: string): number {
  return Math.max(1, paddedTrigrams(word).length - 4 * editsAllowed([...word].length))
}

/**
 * The optimal-string-alignment distance between `a` and `b` (Levenshtein plus swaps of neighbours), or `max + 1`
 * as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a]
  const t = [...b]
  if (Math.abs(s.length - t.length) > max) return max + 1
  let before = new Array<number>(t.length + 1).fill(0)
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1)
      current.push(d)
      rowMin = Math.min(rowMin, d)
    }
    if (rowMin > max) return max + 1
    before = previous
    previous = current
  }
  return Math.min(previous[t.length] as number, max + 1)
}

/** The fewest edits between `word` and a word of `tokens`, or the start of one; `max + 1` when none is close enough. */
function closest(word: string, tokens: string[], max: number): number {
  const length = [...word].length
  let best = max + 1
  for (const token of tokens) {
    const chars = [...token]
    for (let n = Math.max(1, length - max); n <= Math.min(chars.length, length + max) && best > 0; n++) {
      best = Math.min(best, editDistance(word, n === chars.length ? token : chars.slice(0, n).join(''), Math.min(max, best)))
    }
  }
  return best
}

/**
 * How far `text` (someone's lower-case search text) is from matching every word of the query: the sum of each
 * word's fewest edits (0 when the text contains the word as typed); undefined when some word is too far.
 */
export function fuzzyDistance(words: string[], text: string): number | undefined {
  const tokens = text.split(/\s+/).filter(Boolean)
  let total = 0
  for (const word of words) {
    if (text.includes(word)) continue
    const max = editsAllowed([...word].length)
    const d = max === 0 ? 1 : closest(word, tokens, max)
    if (d > max) return undefined
    total += d
  }
  return total
}
