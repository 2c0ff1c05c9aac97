// Independent checks of a round's result against its hard constraints, for tests, the evaluation and the
// benchmark: a violation count must be 0.

/** Forbidden pairs given as each person's list of partners they must not meet. */
export type ForbiddenLists = readonly (readonly number[])[]

/** Violations in groups (pairs, trios, circles): forbidden pairs inside a group, and people placed twice. */
export function groupViolations(groups: readonly (readonly number[])[], forbidden: ForbiddenLists): number {
  let violations = 0
  const seen = new Set<number>()
  for (const g of groups) {
    for (const p of g) {
      if (seen.has(p)) violations++
      seen.add(p)
    }
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) if (forbidden[g[a]!]!.includes(g[b]!)) violations++
  }
  return violations
}

/**
 * Violations of a mentoring assignment: a mentor over capacity, a forbidden pair (`forbidden(mentee, mentor)`),
 * or someone matched with themselves (`sameMentee[mentee] === mentor`, when both sides share people).
 */
export function assignmentViolations(
  mentorOf: Int32Array,
  capacity: Int32Array,
  forbidden: (mentee: number, mentor: number) => boolean,
): number {
  let violations = 0
  const load = new Int32Array(capacity.length)
  mentorOf.forEach((j, i) => {
    if (j < 0) return
    load[j]!++
    if (forbidden(i, j)) violations++
  })
  load.forEach((l, j) => {
    if (l > capacity[j]!) violations++
  })
  return violations
}

/** Groups of indices from each person's group number. */
export function groupsFromLabels(groupOf: Int32Array): number[][] {
  const groups = new Map<number, number[]>()
  groupOf.forEach((g, p) => {
    const list = groups.get(g)
    if (list) list.push(p)
    else groups.set(g, [p])
  })
  return [...groups.values()]
}
