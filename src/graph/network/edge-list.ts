// Text formats for graphs, parsed from strings (reading files is the caller's business): a whitespace
// separated edge list, and the GML files of Newman's network data collection.
import { buildCsr, type CsrGraph } from './csr.js'

/** A parsed graph with the original node names in index order. */
export interface NamedGraph {
  graph: CsrGraph
  names: string[]
  index: Map<string, number>
}

/**
 * Parses `a b [weight]` per line, tabs or spaces, CRLF (and stray CRs) tolerated, `#` and `%` comments and
 * blank lines skipped. Edges are undirected; duplicates (a b and b a) are merged by summing, or kept at
 * weight 1 each when `simple` is set, self-loops are dropped when `simple` is set.
 */
export function parseEdgeList(text: string, options: { simple?: boolean } = {}): NamedGraph {
  const index = new Map<string, number>()
  const names: string[] = []
  const id = (name: string) => {
    let i = index.get(name)
    if (i === undefined) {
      index.set(name, (i = names.length))
      names.push(name)
    }
    return i
  }
  const sources: number[] = []
  const targets: number[] = []
  const weights: number[] = []
  const seen = new Set<string>()
  const lines = text.split(/\r*\n|\r+/)
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line]!.trim()
    if (raw === '' || raw.startsWith('#') || raw.startsWith('%')) continue
    const parts = raw.split(/\s+/)
    if (parts.length < 2) throw new SyntaxError(`line ${line + 1}: expected "a b [weight]", got "${raw}"`)
    const w = parts.length > 2 ? Number(parts[2]) : 1
    if (!Number.isFinite(w)) throw new SyntaxError(`line ${line + 1}: weight "${parts[2]}" is not a number`)
    const a = id(parts[0]!)
    const b = id(parts[1]!)
    if (options.simple) {
      if (a === b) continue
      const key = a < b ? `${a} ${b}` : `${b} ${a}`
      if (seen.has(key)) continue
      seen.add(key)
    }
    sources.push(a)
    targets.push(b)
    weights.push(options.simple ? 1 : w)
  }
  return { graph: buildCsr({ n: names.length, sources, targets, weights }), names, index }
}

/** Reads a labelling `node label` per line against the node names of a parsed graph (-1 where missing). */
export function parseLabels(text: string, index: Map<string, number>): Int32Array {
  const labels = new Int32Array(index.size).fill(-1)
  const codes = new Map<string, number>()
  for (const raw of text.split(/\r*\n|\r+/)) {
    const parts = raw.trim().split(/\s+/)
    if (parts.length < 2) continue
    const v = index.get(parts[0]!)
    if (v === undefined) continue
    let c = codes.get(parts[1]!)
    if (c === undefined) codes.set(parts[1]!, (c = codes.size))
    labels[v] = c
  }
  return labels
}

/** A GML graph's edges and each node's named attribute (e.g. the ground truth `gt` or `value`). */
export function parseGml(text: string, attribute = 'gt'): { graph: CsrGraph; labels: string[] } {
  const ids = new Map<number, number>()
  const labels: string[] = []
  const sources: number[] = []
  const targets: number[] = []
  const block = /(node|edge)\s*\[([^\]]*)\]/g
  const field = (body: string, key: string) => new RegExp(`(?:^|\\s)${key}\\s+("([^"]*)"|\\S+)`).exec(body)
  for (let m = block.exec(text); m; m = block.exec(text)) {
    const body = m[2]!
    if (m[1] === 'node') {
      const idField = field(body, 'id')
      if (!idField) throw new SyntaxError('a GML node without id')
      ids.set(Number(idField[1]), labels.length)
      const value = field(body, attribute)
      labels.push(value ? (value[2] ?? value[1]!) : '')
    } else {
      sources.push(ids.get(Number(field(body, 'source')?.[1]))!)
      targets.push(ids.get(Number(field(body, 'target')?.[1]))!)
    }
  }
  return { graph: buildCsr({ n: labels.length, sources, targets }), labels }
}
