import type { Db } from '../platform/db/dialect.js'

// "Did you mean": the words of active posts' titles and tags as people wrote them (unstemmed, so a correction
// is always a real word), with how many posts use each. A query word that is not among them is replaced by the
// closest word that is (Damerau-Levenshtein distance, then the more common word). Both dialects keep the same
// table and do the same arithmetic here, so corrections agree on SQLite and PostgreSQL.

const TITLED_KINDS = ['question', 'story', 'practice', 'lesson'] as const
const PAGE = 5000
const MIN_LENGTH = 3
const MAX_LENGTH = 30

/** The words of a title or tag list worth correcting to: lower-cased runs of 3 to 30 letters. */
export function vocabularyWords(text: string): string[] {
  const words =
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []
  return words.filter((w) => w.length >= MIN_LENGTH && w.length <= MAX_LENGTH)
}

/** Rebuilds search_term from every active titled post (a job: a full pass over titles and tags). */
export async function rebuildSearchVocabulary(db: Db): Promise<{ terms: number }> {
  const counts = new Map<string, number>()
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('post')
      .select(['id', 'title', 'tags'])
      .where('id', '>', after)
      .where('status', '=', 'active')
      .where('kind', 'in', [...TITLED_KINDS])
      .orderBy('id')
      .limit(PAGE)
      .execute()
    for (const r of rows) {
      // Each post counts once per word, whether it says it once or ten times.
      const words = new Set(vocabularyWords(`${r.title} ${String(r.tags).replace(/[[\]",-]/g, ' ')}`))
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1)
    }
    if (rows.length < PAGE) break
    after = Number(rows[rows.length - 1]!.id)
  }
  const rows = [...counts].map(([term, posts]) => ({ term, first: term[0]!, length: [...term].length, posts }))
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('search_term').execute()
    for (let i = 0; i < rows.length; i += 500)
      await tx
        .insertInto('search_term')
        .values(rows.slice(i, i + 500))
        .execute()
  })
  return { terms: rows.length }
}

/** Three rows of the distance matrix, reused: correcting a word compares it with a thousand candidates or more. */
let rows = new Int32Array(3 * 32)

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), or `max + 1` once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const width = b.length + 1
  if (rows.length < 3 * width) rows = new Int32Array(3 * width)
  // Rows i-2, i-1 and i of the matrix, rotating through the buffer.
  let prev2 = 0
  let prev = width
  let cur = 2 * width
  for (let j = 0; j < width; j++) rows[prev + j] = j
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1)
    rows[cur] = i
    let best = i
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1)
      let d = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + (ai === bj ? 0 : 1))
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, rows[prev2 + j - 2]! + 1)
      rows[cur + j] = d
      if (d < best) best = d
    }
    if (best > max) return max + 1
    const old = prev2
    prev2 = prev
    prev = cur
    cur = old
  }
  return rows[prev + b.length]!
}

/** How far a word of this length may be from its correction: one edit for short words, two for longer ones. */
const allowed = (length: number) => (length <= 4 ? 1 : 2)

/**
 * The closest vocabulary word to each of `terms` that is not in the vocabulary itself; words that are known,
 * or have nothing close, stay as they are. Null when nothing changed.
 */
export async function correctTerms(db: Db, terms: string[]): Promise<string[] | null> {
  const words = terms.filter((t) => t.length >= MIN_LENGTH && /^\p{L}+$/u.test(t))
  if (words.length === 0) return null
  const known = new Set((await db.selectFrom('search_term').select('term').where('term', 'in', words).execute()).map((r) => r.term))
  let changed = false
  const out: string[] = []
  for (const term of terms) {
    if (known.has(term) || !words.includes(term)) {
      out.push(term)
      continue
    }
    const length = [...term].length
    const max = allowed(length)
    // A typo rarely hits the first letter; looking only there keeps the candidates few.
    const candidates = await db
      .selectFrom('search_term')
      .select(['term', 'posts'])
      .where('first', '=', term[0]!)
      .where('length', '>=', length - max)
      .where('length', '<=', length + max)
      .execute()
    let best: { term: string; distance: number; posts: number } | undefined
    for (const c of candidates) {
      const distance = editDistance(term, c.term, max)
      if (distance > max) continue
      const posts = Number(c.posts)
      if (!best || distance < best.distance || (distance === best.distance && posts > best.posts)) best = { term: c.term, distance, posts }
    }
    if (best) changed = true
    out.push(best?.term ?? term)
  }
  return changed ? out : null
}
