// Comparing two partitions of the same nodes: normalised mutual information, NMI = 2 I(X;Y) / (H(X) + H(Y))
// (Danon, Díaz-Guilera, Duch & Arenas 2005, the definition igraph's compare_communities uses).

/** NMI of two labellings (any integer labels); 1 when both put every node in one community. */
export function normalizedMutualInformation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length
  if (n !== b.length) throw new RangeError(`labellings have ${a.length} and ${b.length} nodes`)
  if (n === 0) return 1
  const ca = new Map<number, number>()
  const cb = new Map<number, number>()
  const joint = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    ca.set(a[i]!, (ca.get(a[i]!) ?? 0) + 1)
    cb.set(b[i]!, (cb.get(b[i]!) ?? 0) + 1)
    const key = `${a[i]!} ${b[i]!}`
    joint.set(key, (joint.get(key) ?? 0) + 1)
  }
  const entropy = (counts: Map<number, number>) => {
    let h = 0
    for (const c of counts.values()) h -= (c / n) * Math.log(c / n)
    return h
  }
  const ha = entropy(ca)
  const hb = entropy(cb)
  if (ha + hb === 0) return 1
  let mi = 0
  for (const [key, c] of joint) {
    const [x, y] = key.split(' ').map(Number) as [number, number]
    mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!))
  }
  return (2 * mi) / (ha + hb)
}

/** Mean NMI over every pair of labellings: how much runs agree with each other. */
export function meanPairwiseNmi(labellings: ArrayLike<number>[]): number {
  let sum = 0
  let pairs = 0
  for (let i = 0; i < labellings.length; i++)
    for (let j = i + 1; j < labellings.length; j++) {
      sum += normalizedMutualInformation(labellings[i]!, labellings[j]!)
      pairs++
    }
  return pairs === 0 ? 1 : sum / pairs
}
