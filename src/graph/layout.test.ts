import { describe, expect, it } from 'vitest'
import { plantedPartition } from '../../bench/lib/planted-partition.js'
import { layoutByCommunity } from './layout.js'
import { buildCsr } from './network/csr.js'

const planted = plantedPartition(600, 3000, 6, 0.85, 3)
const graph = buildCsr({ n: planted.n, sources: planted.sources, targets: planted.targets })

describe('layoutByCommunity', () => {
  it('gives the same positions for the same seed, and others for another seed', () => {
    const a = layoutByCommunity(graph, planted.truth, { seed: 5 })
    const b = layoutByCommunity(graph, planted.truth, { seed: 5 })
    const c = layoutByCommunity(graph, planted.truth, { seed: 6 })
    expect(Array.from(a.x)).toEqual(Array.from(b.x))
    expect(Array.from(a.y)).toEqual(Array.from(b.y))
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x))
    for (const v of [...a.x, ...a.y, ...a.communityX, ...a.communityY]) expect(Number.isFinite(v)).toBe(true)
  })

  it('separates the communities: discs do not overlap, and every member lies in its own disc', () => {
    const l = layoutByCommunity(graph, planted.truth, { seed: 1 })
    const k = l.radius.length
    expect(k).toBe(6)
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++)
        expect(Math.hypot(l.communityX[a]! - l.communityX[b]!, l.communityY[a]! - l.communityY[b]!)).toBeGreaterThanOrEqual(
          l.radius[a]! + l.radius[b]!,
        )
    for (let v = 0; v < planted.n; v++) {
      const c = planted.truth[v]!
      expect(Math.hypot(l.x[v]! - l.communityX[c]!, l.y[v]! - l.communityY[c]!)).toBeLessThanOrEqual(l.radius[c]! + 1e-9)
    }
  })

  it("places a community's most tied member nearer its centre than the average member", () => {
    // One community: a hub tied to everyone, and a ring among the others.
    const n = 40
    const sources: number[] = []
    const targets: number[] = []
    for (let v = 1; v < n; v++) {
      sources.push(0, v)
      targets.push(v, v === n - 1 ? 1 : v + 1)
    }
    const l = layoutByCommunity(buildCsr({ n, sources, targets }), new Int32Array(n), { seed: 2 })
    const dist = (v: number) => Math.hypot(l.x[v]! - l.communityX[0]!, l.y[v]! - l.communityY[0]!)
    let mean = 0
    for (let v = 1; v < n; v++) mean += dist(v) / (n - 1)
    expect(dist(0)).toBeLessThan(mean / 2)
  })

  it('keeps the communities near their previous places when given them', () => {
    const first = layoutByCommunity(graph, planted.truth, { seed: 1 })
    const again = layoutByCommunity(graph, planted.truth, { seed: 9, initial: { x: first.communityX, y: first.communityY } })
    const fresh = layoutByCommunity(graph, planted.truth, { seed: 9 })
    const moved = (l: typeof first) => {
      let sum = 0
      for (let c = 0; c < 6; c++) sum += Math.hypot(l.communityX[c]! - first.communityX[c]!, l.communityY[c]! - first.communityY[c]!)
      return sum / 6
    }
    expect(moved(again)).toBeLessThan(moved(fresh) / 2)
    expect(moved(again)).toBeLessThan(first.radius[0]!)
  })

  it('handles isolated nodes, empty labels and a graph without edges', () => {
    const l = layoutByCommunity(buildCsr({ n: 5, sources: [], targets: [] }), [0, 1, 3, 3, 4], { seed: 1 })
    expect(l.radius[2]).toBe(0)
    for (const v of [...l.x, ...l.y]) expect(Number.isFinite(v)).toBe(true)
    const none = layoutByCommunity(buildCsr({ n: 0, sources: [], targets: [] }), [], { seed: 1 })
    expect(none.x.length).toBe(0)
  })
})
