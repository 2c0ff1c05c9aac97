// The candidate graph of a mentoring round: each mentee's best-scoring mentors, found through an inverted index
// of what mentors offer, so scoring touches only pairs that share something (never all n² pairs).

import type { AssignmentInstance } from './assignment.js'

/** Weighted tokens per person in CSR form: person p's tokens are `start[p]..start[p+1]`. */
export interface SparseFeatures {
  start: Int32Array
  token: Int32Array
  weight: Float64Array
}

export interface CandidateOptions {
  /** Candidates kept per mentee. */
  k: number
  /** Score every allowed pair gets: being matched at all is worth something. */
  base: number
  /** Added when mentee and mentor are in different departments (0 for no preference). */
  crossDeptBonus: number
  /** Added per mentor (network position, for instance). */
  mentorBonus?: Float64Array
  /** Pairs that may never be matched (own manager or report, a recent repeat, the same person). */
  forbidden(mentee: number, mentor: number): boolean
  /** Scores become integer costs `-round(score · scale)`, so the optimum is exact. */
  scale: number
  /** Seed of the filler order (mentees without enough scored candidates get others at the base score). */
  seed: number
}

export const CANDIDATE_DEFAULTS = { k: 12, base: 1, crossDeptBonus: 0.5, scale: 1000, seed: 1 } as const

/** Packs each person's (token, weight) list into CSR form. */
export function featuresOf(lists: readonly (readonly [number, number][])[]): SparseFeatures {
  const start = new Int32Array(lists.length + 1)
  let n = 0
  for (let p = 0; p < lists.length; p++) {
    start[p] = n
    n += lists[p]!.length
  }
  start[lists.length] = n
  const token = new Int32Array(n)
  const weight = new Float64Array(n)
  let i = 0
  for (const list of lists)
    for (const [t, w] of list) {
      token[i] = t
      weight[i++] = w
    }
  return { start, token, weight }
}

/** A small seeded generator (mulberry32), so rounds are reproducible. */
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

/**
 * The candidate graph: for each mentee, the `k` allowed mentors with the highest score
 * `base + Σ seek·give over shared tokens + crossDeptBonus·[departments differ] + mentorBonus`, topped up with
 * other allowed mentors when fewer share anything. Returns the assignment instance (unmatched penalty 0) and
 * each arc's score.
 */
export function buildCandidates(
  seek: SparseFeatures,
  menteeDept: Int32Array,
  give: SparseFeatures,
  mentorDept: Int32Array,
  capacity: Int32Array,
  opts: CandidateOptions,
): AssignmentInstance & { arcScore: Float64Array } {
  const nA = menteeDept.length
  const nB = mentorDept.length
  // Inverted index token → (mentor, weight).
  let maxToken = 0
  for (const t of give.token) maxToken = Math.max(maxToken, t)
  for (const t of seek.token) maxToken = Math.max(maxToken, t)
  const postStart = new Int32Array(maxToken + 2)
  for (const t of give.token) postStart[t + 1]!++
  for (let t = 0; t <= maxToken; t++) postStart[t + 1]! += postStart[t]!
  const postMentor = new Int32Array(give.token.length)
  const postWeight = new Float64Array(give.token.length)
  const fill = postStart.slice()
  for (let j = 0; j < nB; j++)
    for (let x = give.start[j]!; x < give.start[j + 1]!; x++) {
      const at = fill[give.token[x]!]!++
      postMentor[at] = j
      postWeight[at] = give.weight[x]!
    }

  const acc = new Float64Array(nB)
  const seen = new Uint8Array(nB)
  const hit: number[] = []
  const rng = seededRandom(opts.seed)
  const arcStart = new Int32Array(nA + 1)
  const mentors: number[] = []
  const scores: number[] = []
  const scoreOf = (i: number, j: number) =>
    opts.base + acc[j]! + (menteeDept[i] !== mentorDept[j] ? opts.crossDeptBonus : 0) + (opts.mentorBonus?.[j] ?? 0)

  for (let i = 0; i < nA; i++) {
    for (let x = seek.start[i]!; x < seek.start[i + 1]!; x++) {
      const t = seek.token[x]!
      const w = seek.weight[x]!
      for (let p = postStart[t]!; p < postStart[t + 1]!; p++) {
        const j = postMentor[p]!
        if (!seen[j]) {
          seen[j] = 1
          hit.push(j)
        }
        acc[j] = acc[j]! + w * postWeight[p]!
      }
    }
    // Top k by score, kept in a small sorted buffer: most hits fall below its threshold at once.
    const chosen: number[] = []
    const chosenScore: number[] = []
    for (const j of hit) {
      const s = scoreOf(i, j)
      if (chosen.length === opts.k && s <= chosenScore[opts.k - 1]!) continue
      if (opts.forbidden(i, j)) continue
      let at = chosen.length
      while (at > 0 && chosenScore[at - 1]! < s) at--
      chosen.splice(at, 0, j)
      chosenScore.splice(at, 0, s)
      if (chosen.length > opts.k) {
        chosen.pop()
        chosenScore.pop()
      }
    }
    // Top up from random mentors: everyone can be matched, if only for the base score.
    for (let tries = 0; chosen.length < Math.min(opts.k, nB) && tries < opts.k * 4; tries++) {
      const j = Math.floor(rng() * nB)
      if (!seen[j] && !opts.forbidden(i, j)) {
        seen[j] = 1
        hit.push(j)
        chosen.push(j)
      }
    }
    arcStart[i] = mentors.length
    for (const j of chosen) {
      mentors.push(j)
      scores.push(scoreOf(i, j))
    }
    for (const j of hit) {
      acc[j] = 0
      seen[j] = 0
    }
    hit.length = 0
  }
  arcStart[nA] = mentors.length
  const arcScore = Float64Array.from(scores)
  return {
    menteeCount: nA,
    mentorCount: nB,
    capacity,
    arcStart,
    arcMentor: Int32Array.from(mentors),
    arcCost: arcScore.map((s) => -Math.round(s * opts.scale)),
    unmatchedPenalty: 0,
    arcScore,
  }
}
