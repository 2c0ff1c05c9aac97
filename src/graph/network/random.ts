// A small seeded generator (mulberry32, Tommy Ettinger's public-domain 32-bit mixer). Every randomised
// algorithm in this folder takes its randomness from here, so a seed reproduces a run exactly.

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number

/** A seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0 || 0x9e3779b9
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Shuffles `values` in place (Fisher–Yates) and returns it. */
export function shuffleInPlace(values: Int32Array, random: Random): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = values[i]!
    values[i] = values[j]!
    values[j] = t
  }
  return values
}

/** 0, 1, ..., n - 1 in a random order. */
export function randomPermutation(n: number, random: Random): Int32Array {
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  return shuffleInPlace(order, random)
}

/**
 * Writes 0, 1, ..., n - 1 into out[0 .. n) in a random order that takes consecutive runs of `block` numbers
 * one at a time: the runs in random order, each shuffled. Every node is still visited once in an order no
 * one chose, but the visits of a run touch memory that is close together. When n ≤ block this is
 * randomPermutation(n) exactly (same numbers drawn, same result).
 */
export function blockedPermutation(out: Int32Array, n: number, block: number, random: Random): void {
  const runs = randomPermutation(Math.ceil(n / block), random)
  let o = 0
  for (let i = 0; i < runs.length; i++) {
    const first = runs[i]! * block
    const size = Math.min(n, first + block) - first
    for (let j = 0; j < size; j++) out[o + j] = first + j
    for (let j = size - 1; j > 0; j--) {
      const r = o + Math.floor(random() * (j + 1))
      const t = out[o + j]!
      out[o + j] = out[r]!
      out[r] = t
    }
    o += size
  }
}
