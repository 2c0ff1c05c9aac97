// The rules a simulation's graph must keep, checked before anything is stored, and the conditions on choices.
// Pure functions: no I/O.
import type { NewSimulation } from '../../shared/simulation.js'
import { BadRequestError } from '../platform/errors.js'

/** What a choice's condition needs: the bounds on the score so far (null: no bound). */
export interface Condition {
  minScore: number | null
  maxScore: number | null
}

/** Whether a choice is open at this score. */
export function isOpen(c: Condition, score: number): boolean {
  return (c.minScore === null || score >= c.minScore) && (c.maxScore === null || score <= c.maxScore)
}

/** The condition as a learner or an author reads it ("score ≥ 3"), or '' for none. */
export function describeCondition(c: Condition): string {
  if (c.minScore !== null && c.maxScore !== null) return `score ${c.minScore} to ${c.maxScore}`
  if (c.minScore !== null) return `score ≥ ${c.minScore}`
  if (c.maxScore !== null) return `score ≤ ${c.maxScore}`
  return ''
}

/**
 * A score at which none of these choices is open, or undefined when some choice is open at every score. The
 * open sets are intervals, so the union covers every integer exactly when, sorted by lower bound, each starts
 * no later than one past the reach so far.
 */
export function uncoveredScore(conditions: Condition[]): number | undefined {
  const sorted = [...conditions].sort((a, b) => (a.minScore ?? -1e9) - (b.minScore ?? -1e9))
  let reach = -Infinity
  for (const c of sorted) {
    const low = c.minScore ?? -Infinity
    if (low > reach + 1) return reach === -Infinity ? low - 1 : reach + 1
    reach = Math.max(reach, c.maxScore ?? Infinity)
    if (reach === Infinity) return undefined
  }
  return reach === -Infinity ? 0 : reach + 1
}

const bad = (code: string, message: string) => new BadRequestError(code, message)

/**
 * Checks a simulation's graph: unique keys, one start that exists, choices between existing situations,
 * endings without choices, every situation reachable from the start, an ending reachable from every situation,
 * and no situation where the score so far could leave the learner without an open choice. Throws a 400 naming
 * the first situation or choice at fault.
 */
export function validateGraph(input: NewSimulation): void {
  const byKey = new Map<string, NewSimulation['situations'][number]>()
  for (const s of input.situations) {
    if (byKey.has(s.key)) throw bad('duplicate_situation', `two situations have the key ${s.key}`)
    byKey.set(s.key, s)
  }
  const name = (key: string) => `“${byKey.get(key)?.title ?? key}”`
  if (!byKey.has(input.start)) throw bad('unknown_start', `the start ${input.start} is not one of the situations`)
  if (byKey.get(input.start)?.ending) throw bad('start_is_ending', 'the start cannot be an ending')
  const choiceKeys = new Set<string>()
  const out = new Map<string, string[]>()
  const into = new Map<string, string[]>()
  for (const c of input.choices) {
    if (choiceKeys.has(c.key)) throw bad('duplicate_choice', `two choices have the key ${c.key}`)
    choiceKeys.add(c.key)
    if (!byKey.has(c.from)) throw bad('unknown_situation', `choice “${c.label}” starts from ${c.from}, which is not a situation`)
    if (!byKey.has(c.to)) throw bad('unknown_situation', `choice “${c.label}” leads to ${c.to}, which is not a situation`)
    if (byKey.get(c.from)?.ending) throw bad('ending_has_choices', `${name(c.from)} is an ending, so it cannot have choices`)
    const min = c.minScore ?? null
    const max = c.maxScore ?? null
    if (min !== null && max !== null && min > max)
      throw bad('bad_condition', `choice “${c.label}”: its lowest score (${min}) is above its highest (${max})`)
    out.set(c.from, [...(out.get(c.from) ?? []), c.to])
    into.set(c.to, [...(into.get(c.to) ?? []), c.from])
  }
  const reach = (from: string[], edges: Map<string, string[]>) => {
    const seen = new Set(from)
    const queue = [...from]
    for (let next = queue.shift(); next !== undefined; next = queue.shift())
      for (const n of edges.get(next) ?? [])
        if (!seen.has(n)) {
          seen.add(n)
          queue.push(n)
        }
    return seen
  }
  const fromStart = reach([input.start], out)
  const lost = input.situations.find((s) => !fromStart.has(s.key))
  if (lost) throw bad('unreachable_situation', `no path from the start reaches ${name(lost.key)}`)
  const endings = input.situations.filter((s) => s.ending).map((s) => s.key)
  if (endings.length === 0) throw bad('no_ending', 'a simulation needs at least one ending')
  const toEnding = reach(endings, into)
  const stuck = input.situations.find((s) => !toEnding.has(s.key))
  if (stuck) throw bad('no_way_to_end', `no ending can be reached from ${name(stuck.key)}`)
  for (const s of input.situations) {
    if (s.ending) continue
    const gap = uncoveredScore(
      input.choices.filter((c) => c.from === s.key).map((c) => ({ minScore: c.minScore ?? null, maxScore: c.maxScore ?? null })),
    )
    if (gap !== undefined) throw bad('no_open_choice', `at ${name(s.key)} a learner with a score of ${gap} would have no choice open`)
  }
}
