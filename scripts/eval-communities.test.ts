import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The evaluation script runs the production Leiden; these check its input formats and its last line, which
// the figures (karate, football, polbooks, dolphins, email-Eu-core) are read from.
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval-communities.ts', ...args], { encoding: 'utf8', timeout: 60_000 })
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, number | null>

describe('npm run eval:communities', () => {
  it('reads a GML file with its own truth and ends with {"modularity", "communities", "nmi", "ms"}', () => {
    const out = run('test/fixtures/graphs/karate.gml', '--seeds', '3')
    expect(out.status, out.stderr).toBe(0)
    const report = lastJson(out.stdout)
    expect(Object.keys(report)).toEqual(['modularity', 'communities', 'nmi', 'ms'])
    expect(report.modularity).toBeCloseTo(0.4198, 3)
    expect(report.nmi).toBeGreaterThan(0.5)
    expect(out.stdout.match(/^seed \d+:/gm)).toHaveLength(3)
  }, 60_000)

  it('reads an edge list with tabs, spaces, CRLF and weights, and a truth file; without truth the NMI is null', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-eval-'))
    try {
      // Two 4-cliques (a* and b*) joined by one light edge.
      const clique = (p: string) => [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].filter((j) => j > i).map((j) => `${p}${i}\t${p}${j} 2`))
      const edges = ['# two groups', ...clique('a'), ...clique('b'), 'a0 b0 0.5'].join('\r\n') + '\r\n'
      fs.writeFileSync(path.join(dir, 'edges.txt'), edges)
      fs.writeFileSync(path.join(dir, 'truth.txt'), ['a', 'b'].flatMap((p) => [0, 1, 2, 3].map((i) => `${p}${i} ${p}`)).join('\n'))
      const out = run(path.join(dir, 'edges.txt'), path.join(dir, 'truth.txt'))
      expect(out.status, out.stderr).toBe(0)
      expect(out.stdout).toMatch(/8 nodes, 24\.5 edge weight/)
      expect(lastJson(out.stdout)).toMatchObject({ communities: 2, nmi: 1 })
      expect(lastJson(run(path.join(dir, 'edges.txt')).stdout).nmi).toBeNull()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('exits 2 with its usage when given no edge list', () => {
    const out = run()
    expect(out.status).toBe(2)
    expect(out.stderr).toMatch(/usage: npm run eval:communities/)
  })
})
