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

/** The fewest edits between `word` and `token`, or the start of it; `max + 1` when they are further apart. */
function closest(word: string, token: string, max: number): number {
  const length = [...word].length
  const chars = [...token]
  let best = max + 1
  for (let n = Math.max(1, length - max); n <= Math.min(chars.length, length + max) && best > 0; n++) {
    best = Math.min(best, editDistance(word, n === chars.length ? token : chars.slice(0, n).join(''), Math.min(max, best)))
  }
  return best
}

/**
 * A scorer for the words of one query: how far a search text (someone's, lower case) is from matching every
 * word, as the sum of each word's fewest edits (0 when the text contains the word as typed); undefined when
 * some word is too far. Scores candidates by the thousand, so each word's distance to each distinct token is
 * worked out once (a directory repeats its departments, titles and places).
 */
export function fuzzyScorer(words: string[]): (text: string) => number | undefined {
  const memo = words.map(() => new Map<string, number>())
  const limits = words.map((w) => editsAllowed([...w].length))
  return (text) => {
    let total = 0
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string
      if (text.includes(word)) continue
      const max = limits[i] as number
      if (max === 0) return undefined
      const seen = memo[i] as Map<string, number>
      let best = max + 1
      for (const token of text.split(' ')) {
        if (!token) continue
        let d = seen.get(token)
        if (d === undefined) seen.set(token, (d = closest(word, token, max)))
        if (d < best) best = d
      }
      if (best > max) return undefined
      total += best
    }
    return total
  }
}

/** fuzzyScorer's answer for one text. */
export function fuzzyDistance(words: string[], text: string): number | undefined {
  return fuzzyScorer(words)(text)
}
