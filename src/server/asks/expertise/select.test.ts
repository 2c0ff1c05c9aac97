import { describe, expect, it } from 'vitest'
import { orderTop } from './select.js'

describe('orderTop', () => {
  const ids = ['e', 'b', 'd', 'a', 'c', 'f', 'g', 'h', 'i', 'j']
  const scores = new Float64Array([1, 3, 3, 0, 2, 5, -1, 3, 0, 4])

  it('orders by score, then by id, whether it sorts everything or keeps a small heap', () => {
    const full = orderTop(scores, ids, ids.length).map((i) => ids[i])
    expect(full).toEqual(['f', 'j', 'b', 'd', 'h', 'c', 'e', 'a', 'i', 'g'])
    for (let k = 0; k <= ids.length; k++) expect(orderTop(scores, ids, k).map((i) => ids[i])).toEqual(full.slice(0, k))
  })

  it('handles an empty list and a limit past the end', () => {
    expect(orderTop(new Float64Array(0), [], 5)).toEqual([])
    expect(orderTop(scores, ids, 99)).toHaveLength(10)
  })
})
