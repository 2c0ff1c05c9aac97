// Pairwise products of the key features: a linear score over them is a quadratic one over the features,
// so that, say, knowing the topic counts for more in someone who is around right now, or similar answers
// for more in someone whose answers get accepted. Names are 'a*b'; features.ts resolves them to columns.

/** The features whose pairwise products are features of their own. */
export const PRODUCT_KEYS = [
  'sim_recent',
  'sim_max',
  'lsa_sum',
  'tag_recent',
  'tag_lm',
  'tag_share',
  'activity_short',
  'accept_rate',
] as const

export const PRODUCT_FEATURES = [
  'sim_recent*sim_max',
  'sim_recent*lsa_sum',
  'sim_recent*tag_recent',
  'sim_recent*tag_lm',
  'sim_recent*tag_share',
  'sim_recent*activity_short',
  'sim_recent*accept_rate',
  'sim_max*lsa_sum',
  'sim_max*tag_recent',
  'sim_max*tag_lm',
  'sim_max*tag_share',
  'sim_max*activity_short',
  'sim_max*accept_rate',
  'lsa_sum*tag_recent',
  'lsa_sum*tag_lm',
  'lsa_sum*tag_share',
  'lsa_sum*activity_short',
  'lsa_sum*accept_rate',
  'tag_recent*tag_lm',
  'tag_recent*tag_share',
  'tag_recent*activity_short',
  'tag_recent*accept_rate',
  'tag_lm*tag_share',
  'tag_lm*activity_short',
  'tag_lm*accept_rate',
  'tag_share*activity_short',
  'tag_share*accept_rate',
  'activity_short*accept_rate',
] as const

/**
 * Column triples (product, left, right) for `names`, given each feature's column. Resolved once: the hot
 * loop then only multiplies.
 */
export function productColumns(column: (name: string) => number): Int32Array {
  const out: number[] = []
  for (const name of PRODUCT_FEATURES) {
    const [a, b] = name.split('*') as [string, string]
    out.push(column(name), column(a), column(b))
  }
  return Int32Array.from(out)
}

/** Fills the product columns of a feature row from its other columns. */
export function addProducts(values: Float64Array, columns: Int32Array): void {
  for (let k = 0; k < columns.length; k += 3) values[columns[k]!] = values[columns[k + 1]!]! * values[columns[k + 2]!]!
}
