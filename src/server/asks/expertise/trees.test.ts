import { describe, expect, it } from 'vitest'
import { FEATURE_COUNT, FEATURES } from './features.js'
import { ExpertiseModel } from './model.js'
import { DEFAULT_SETTINGS } from './settings.js'
import { type BoostedTreesJson, addTreeScores, compileTrees, gatherTreeRow, scoreTrees } from './trees.js'

const col = (name: string) => FEATURES.indexOf(name as (typeof FEATURES)[number])
/** A feature row with these values, every other column 0. */
function row(values: Record<string, number>): Float64Array {
  const out = new Float64Array(FEATURE_COUNT)
  for (const [name, v] of Object.entries(values)) out[col(name)] = v
  return out
}

// By hand: tree 0 asks "tag_count <= 0.5?"; if not, "activity_short <= 1?". Tree 1 has no split.
//           tag_count <= 0.5
//          /                \
//     leaf -1        activity_short <= 1
//                     /              \
//                leaf 0.5          leaf 2
const HAND: BoostedTreesJson = {
  features: ['tag_count', 'activity_short'],
  trees: [
    { feature: [0, 1], threshold: [0.5, 1], left: [-1, -2], right: [1, -3], leaf: [-1, 0.5, 2] },
    { feature: [], threshold: [], left: [], right: [], leaf: [0.25] },
  ],
}

describe('routing trees', () => {
  it('scores a row by the sum of the leaves it reaches', () => {
    const trees = compileTrees(HAND)
    expect(scoreTrees(trees, row({}))).toBeCloseTo(-1 + 0.25)
    expect(scoreTrees(trees, row({ tag_count: 0.5, activity_short: 9 }))).toBeCloseTo(-1 + 0.25)
    expect(scoreTrees(trees, row({ tag_count: 2, activity_short: 1 }))).toBeCloseTo(0.5 + 0.25)
    expect(scoreTrees(trees, row({ tag_count: 2, activity_short: 1.5 }))).toBeCloseTo(2 + 0.25)
  })

  it('compares values rounded to float32, as the training rows were', () => {
    // 0.1 as a float64 is just below its float32 rounding: a threshold between the two sends it the float32 way.
    const between = (0.1 + Math.fround(0.1)) / 2
    const trees = compileTrees({
      features: ['sim_max'],
      trees: [{ feature: [0], threshold: [between], left: [-1], right: [-2], leaf: [1, 2] }],
    })
    expect(0.1 <= between).toBe(true)
    expect(scoreTrees(trees, row({ sim_max: 0.1 }))).toBe(2)
  })

  it('refuses a feature the model does not have and a tree whose leaves do not match its splits', () => {
    expect(() => compileTrees({ features: ['no_such_feature'], trees: [] })).toThrow(/unknown feature/)
    expect(() =>
      compileTrees({ features: ['tag_count'], trees: [{ feature: [0], threshold: [1], left: [-1], right: [-2], leaf: [1] }] }),
    ).toThrow(/leaves/)
  })

  it('skips only candidates that cannot reach the best few: the top of the ranking is the same as scoring everyone', () => {
    const trees = compileTrees(HAND)
    let seed = 3
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const n = 500
    const linear = Float64Array.from({ length: n }, () => random() * 6 - 3)
    const treeRows = new Float32Array(n * trees.width)
    for (let i = 0; i < n; i++) gatherTreeRow(trees, row({ tag_count: random(), activity_short: random() * 2 }), treeRows, i)
    const full = Float64Array.from(linear)
    addTreeScores(trees, full, treeRows, n)
    const pruned = Float64Array.from(linear)
    addTreeScores(trees, pruned, treeRows, 10)
    const top = (s: Float64Array) => [...s.keys()].sort((a, b) => s[b]! - s[a]! || a - b).slice(0, 10)
    expect(top(pruned)).toEqual(top(full))
    for (const i of top(full)) expect(pruned[i]).toBe(full[i])
    // Candidates were skipped: their scores got the trees' least, not their own.
    expect([...pruned].filter((s, i) => s !== full[i]).length).toBeGreaterThan(0)
  })

  it('gives the same top as scoring everyone with the shipped trees, skipping hopeless candidates', () => {
    const shipped = compileTrees(DEFAULT_SETTINGS.trees!)
    let seed = 11
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const n = 2000
    const linear = Float64Array.from({ length: n }, () => random() * 4 - 2)
    const treeRows = new Float32Array(n * shipped.width)
    for (let i = 0; i < treeRows.length; i++) treeRows[i] = random() < 0.5 ? 0 : random() * 3
    const full = Float64Array.from(linear)
    addTreeScores(shipped, full, treeRows, n)
    const pruned = Float64Array.from(linear)
    addTreeScores(shipped, pruned, treeRows, 10)
    const top = (s: Float64Array) => [...s.keys()].sort((a, b) => s[b]! - s[a]! || a - b).slice(0, 10)
    expect(top(pruned)).toEqual(top(full))
    for (const i of top(full)) expect(pruned[i]).toBeCloseTo(full[i]!, 12)
  })

  it('adds the trees to the linear score when the model ranks', () => {
    const history = {
      questions: [{ id: 'q1', askerId: 'x', title: 'vacuum freeze', body: '', tags: ['postgres'] }],
      answers: [{ id: 'a1', questionId: 'q1', authorId: 'bob' }],
    }
    const ask = { title: 'vacuum freeze again', body: '', tags: ['postgres'], askerId: 'zed' }
    const linear = ExpertiseModel.fromHistory(history.questions, history.answers, { ...DEFAULT_SETTINGS, trees: undefined })
    const boosted = ExpertiseModel.fromHistory(history.questions, history.answers, { ...DEFAULT_SETTINGS, trees: HAND })
    const [a] = linear.rank(ask, ['bob'])
    const [b] = boosted.rank(ask, ['bob'])
    // bob answered on the tag and is active now: tag_count > 0.5 and activity_short = log 2 <= 1.
    expect(b!.score - a!.score).toBeCloseTo(0.5 + 0.25)
  })
})
