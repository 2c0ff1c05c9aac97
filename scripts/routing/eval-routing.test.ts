import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateSite, replay, scoreRanking, splitSite } from './protocol.js'
import { type Site, loadSite } from './team2box.js'

const root = path.resolve(import.meta.dirname, '../..')
const FIXTURE = path.join(root, 'test/fixtures/expert-finding/dba-slice')
/** Whole replays with the latent index refitted as the slice grows: slow on a shared machine, not hung. */
const SLOW = { timeout: 300_000 }

/** MRR of ranking the pool by how many answers each person gave before the question (online). */
function answerCountMrr(site: Site): number {
  const answers = site.questions.flatMap((q) => q.answers.map((a) => ({ a, q })))
  let total = 0
  let n = 0
  replay(site, 'online', undefined, (t) => {
    const counts = new Map<string, number>()
    for (const { a, q } of answers)
      if (a.num < t.question.num && q.num < t.question.num) counts.set(a.authorId, (counts.get(a.authorId) ?? 0) + 1)
    const ranked = [...t.candidates].sort((x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0) || (x < y ? -1 : 1))
    const { first } = scoreRanking(ranked, t.relevant, t.accepted)
    total += first > 0 ? 1 / first : 0
    n++
  })
  return total / n
}

describe('routing evaluation on a slice of dba', () => {
  const site = loadSite(FIXTURE)

  it('follows the protocol: 80/20 split by id, pool from the train answerers', () => {
    const { train, test } = splitSite(site)
    expect(train).toHaveLength(320)
    expect(test).toHaveLength(80)
    expect(train.at(-1)!.num).toBeLessThan(test[0]!.num)
    const pool = new Set(train.flatMap((q) => q.answers.map((a) => a.authorId)))
    const seen: string[] = []
    const poolSize = replay(site, 'online', undefined, (t) => {
      expect(t.candidates).not.toContain(t.question.askerId)
      expect(t.candidates.length).toBeGreaterThanOrEqual(pool.size - 1)
      for (const id of t.relevant) expect(pool.has(id) && id !== t.question.askerId).toBe(true)
      seen.push(t.question.id)
      // Online: nothing from the question itself or later is known to the model.
      expect(t.model.hasQuestion(t.question.id)).toBe(false)
    })
    expect(poolSize).toBe(pool.size)
    expect(seen.length).toBeGreaterThan(30)
  })

  it('beats ranking by answer count, online and static, and is deterministic', SLOW, () => {
    const online = evaluateSite(site, 'online')
    const statik = evaluateSite(site, 'static')
    const baseline = answerCountMrr(site)
    expect(online.n).toBeGreaterThan(30)
    expect(online.mrr).toBeGreaterThan(baseline)
    expect(statik.mrr).toBeGreaterThan(0)
    for (const m of [online, statik]) {
      for (const x of [m.mrr, m.hit1, m.hit10, m.acc10]) expect(x).toBeGreaterThanOrEqual(0)
      expect(m.hit1).toBeLessThanOrEqual(m.mrr)
      expect(m.mrr).toBeLessThanOrEqual(m.hit10 + (1 - m.hit10) / 11)
      expect(m.acc10).toBeLessThanOrEqual(m.hit10)
    }
    expect(evaluateSite(site, 'online')).toEqual(online)
  })

  it('npm run eval:routing prints the figures and ends with one JSON line', SLOW, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/eval-routing.ts'), FIXTURE], {
      encoding: 'utf8',
    })
    const last = JSON.parse(out.trim().split('\n').at(-1)!)
    expect(Object.keys(last).slice(0, 10)).toEqual([
      'mrr',
      'hit1',
      'hit10',
      'acc10',
      'n',
      'pool',
      'mrr_static',
      'hit1_static',
      'hit10_static',
      'acc10_static',
    ])
    // The current model kept as the reference, and the simple baseline, computed in the same run.
    for (const k of ['ref_mrr', 'ref_hit1', 'ref_hit10', 'ref_acc10', 'ref_mrr_static', 'baseline_mrr', 'baseline_mrr_static'])
      expect(last[k]).toBeGreaterThan(0)
    expect(out).toMatch(/reference online\s+MRR/)
    expect(last.n).toBeGreaterThan(30)
    expect(out).toMatch(/online\s+MRR/)
    expect(out).toMatch(/static\s+MRR/)
  })
})
