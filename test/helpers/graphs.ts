// Test helpers for src/graph/network: the classic networks committed under test/fixtures/graphs, and the
// Python reference implementations (Debian python3-igraph, python3-leidenalg, python3-networkx) when present.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { CsrGraph } from '../../src/graph/network/csr.js'
import { parseGml } from '../../src/graph/network/edge-list.js'

export const CLASSIC_GRAPHS = ['karate', 'football', 'polbooks', 'dolphins'] as const
export type ClassicGraph = (typeof CLASSIC_GRAPHS)[number]

/** Absolute path of a committed classic network. */
export function classicGraphPath(name: ClassicGraph): string {
  return path.resolve(import.meta.dirname, '../fixtures/graphs', `${name}.gml`)
}

/** A committed classic network with its ground-truth labels. */
export function loadClassicGraph(name: ClassicGraph): ReturnType<typeof parseGml> {
  return parseGml(readFileSync(classicGraphPath(name), 'utf8'))
}

/**
 * Runs a Python oracle script (it prints one JSON line) with /usr/bin/python3; undefined, with a note in the
 * test output, when Python or its modules are absent, so that the test falls back to committed values.
 */
export function runPythonOracle<T>(script: string, args: string[] = []): T | undefined {
  if (!existsSync('/usr/bin/python3')) {
    console.warn('oracle: /usr/bin/python3 is absent; using the committed expected values')
    return undefined
  }
  try {
    const out = execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    return JSON.parse(out.trim().split('\n').at(-1)!) as T
  } catch (error) {
    console.warn(`oracle: python3 oracle failed (${(error as Error).message.split('\n')[0]}); using the committed expected values`)
    return undefined
  }
}

/** Whether every community induces a connected subgraph (the guarantee that sets Leiden apart from Louvain). */
export function communitiesAreConnected(graph: CsrGraph, membership: ArrayLike<number>): boolean {
  const seen = new Uint8Array(graph.n)
  const started = new Set<number>()
  for (let s = 0; s < graph.n; s++) {
    if (seen[s]) continue
    if (started.has(membership[s]!)) return false
    started.add(membership[s]!)
    const stack = [s]
    seen[s] = 1
    while (stack.length) {
      const v = stack.pop()!
      for (let k = graph.offsets[v]!; k < graph.offsets[v + 1]!; k++) {
        const u = graph.targets[k]!
        if (!seen[u] && membership[u] === membership[v]) {
          seen[u] = 1
          stack.push(u)
        }
      }
    }
  }
  return true
}
