import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FEATURE_COUNT } from '../../src/server/asks/expertise/features.js'
import { DEFAULT_SETTINGS } from '../../src/server/asks/expertise/settings.js'
import { BASE_COUNT, collectSite } from './collect.js'
import { splitSite } from './protocol.js'
import { trainingRows } from './rows.js'
import { loadSite } from './team2box.js'

const root = path.resolve(import.meta.dirname, '../..')
const FIXTURE = path.join(root, 'test/fixtures/expert-finding/dba-slice')
/** A whole replay of the slice's train part: slow on a shared machine, not hung. */
const SLOW = { timeout: 300_000 }

describe('training rows of the routing weights', () => {
  const site = loadSite(FIXTURE)
  const { train, test } = splitSite(site)

  it('routes each later block of the train part against the earlier blocks, as the protocol routes its test part', SLOW, () => {
    const blocks = 4
    const collected = collectSite(`${site.name}-test`, train, DEFAULT_SETTINGS, blocks)
    const testIds = new Set(test.map((q) => q.num))
    expect(collected.length).toBeGreaterThan(100)
    for (const q of collected) {
      // Only the train part, never the first block (it is only history).
      expect(testIds.has(q.num)).toBe(false)
      const index = train.findIndex((t) => t.num === q.num)
      expect(Math.floor((index * blocks) / train.length)).toBe(q.block)
      expect(q.block).toBeGreaterThan(0)
      // The pool: everyone who answered in the blocks before, less the asker.
      const before = train.slice(0, Math.ceil((q.block * train.length) / blocks))
      const pool = new Set(before.flatMap((t) => t.answers.map((a) => a.authorId)))
      pool.delete(train[index]!.askerId)
      expect(q.rows).toBe(pool.size)
      expect(q.base).toHaveLength(q.rows * BASE_COUNT)
      expect(q.relevant.length).toBeGreaterThan(0)
    }
    // The cache gives the same rows back.
    const again = collectSite(`${site.name}-test`, train, DEFAULT_SETTINGS, blocks)
    expect(again.map((q) => [q.num, q.rows, q.relevant, q.accepted])).toEqual(collected.map((q) => [q.num, q.rows, q.relevant, q.accepted]))
    expect(again[5]!.base).toEqual(collected[5]!.base)
  })

  it('samples candidates without a signal and weighs each kept one for those it stands for', SLOW, () => {
    const q = collectSite(`${site.name}-test`, train, DEFAULT_SETTINGS, 4).at(-1)!
    const all = trainingRows(q)
    const sampled = trainingRows(q, 5)
    expect(all.values).toHaveLength(q.rows * FEATURE_COUNT)
    expect(sampled.relevant).toHaveLength(q.relevant.length)
    const stands = [...sampled.weights!].reduce((a, b) => a + b, 0)
    expect(Math.abs(stands - q.rows)).toBeLessThan(5)
  })
})
