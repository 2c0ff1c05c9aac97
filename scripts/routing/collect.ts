// The training rows of the routing weights, from the TRAIN part of a site only: the part is replayed online
// once, cut into `blocks` blocks by time, and each question of a block from the second on is routed against
// the pool of the blocks before it (everyone who answered a question there, less the asker), seeing every
// answer written before it, as the evaluation protocol routes a test question. One replay serves every block:
// the model is fed in the same order whichever block is being routed, only the pool differs.
//
// Every candidate's row is kept (the features without their pairwise products, as float32), so that
// transformations over a question's whole pool can be tried without a replay; the rows are cached under
// .tmp/routing, keyed by the settings and the source of the model, since a replay of a site takes minutes.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { FEATURE_COUNT, FEATURES } from '../../src/server/asks/expertise/features.js'
import { ExpertiseModel } from '../../src/server/asks/expertise/model.js'
import { PRODUCT_FEATURES } from '../../src/server/asks/expertise/products.js'
import type { ExpertiseSettings } from '../../src/server/asks/expertise/settings.js'
import { Feeder } from './protocol.js'
import type { SiteQuestion } from './team2box.js'

/** The features computed by the model; the pairwise products (the last columns) are derived from them. */
export const BASE_COUNT = FEATURE_COUNT - PRODUCT_FEATURES.length

/** One routed training question: every candidate's base features, and which candidates answered it. */
export interface CollectedQuery {
  site: string
  num: number
  block: number
  rows: number
  /** rows × BASE_COUNT. */
  base: Float32Array
  relevant: number[]
  /** The accepted answerer's row, or -1. */
  accepted: number
}

const root = path.resolve(import.meta.dirname, '../..')
const CACHE = path.join(root, '.tmp/routing')

/** A key that changes whenever the rows could: the settings, the blocks and the model's source. */
export function cacheKey(site: string, count: number, settings: ExpertiseSettings, blocks: number): string {
  const hash = crypto.createHash('sha256')
  const { weights: _w, features: _f, trees: _t, ...shaping } = settings
  hash.update(JSON.stringify({ site, count, shaping, blocks, features: FEATURES }))
  const model = path.join(root, 'src/server/asks/expertise')
  const sources = fs
    .readdirSync(model)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(model, f))
  for (const f of ['collect.ts', 'protocol.ts', 'team2box.ts']) sources.push(path.join(import.meta.dirname, f))
  for (const f of sources) hash.update(fs.readFileSync(f))
  return `${site}-${hash.digest('hex').slice(0, 16)}`
}

/** The training questions of a site's train part, in time order; read from the cache when it holds them. */
export function collectSite(site: string, train: readonly SiteQuestion[], settings: ExpertiseSettings, blocks: number): CollectedQuery[] {
  const key = cacheKey(site, train.length, settings, blocks)
  const meta = path.join(CACHE, `${key}.json`)
  const data = path.join(CACHE, `${key}.f32`)
  if (fs.existsSync(meta) && fs.existsSync(data)) {
    const heads = JSON.parse(fs.readFileSync(meta, 'utf8')) as Omit<CollectedQuery, 'base'>[]
    const buf = fs.readFileSync(data)
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4)
    let o = 0
    return heads.map((h) => {
      const base = all.slice(o, o + h.rows * BASE_COUNT)
      o += h.rows * BASE_COUNT
      return { ...h, base }
    })
  }
  const out = replayBlocks(site, train, settings, blocks)
  fs.mkdirSync(CACHE, { recursive: true })
  fs.writeFileSync(meta, JSON.stringify(out.map(({ base: _b, ...h }) => h)))
  const fd = fs.openSync(data, 'w')
  for (const q of out) fs.writeSync(fd, new Uint8Array(q.base.buffer, q.base.byteOffset, q.base.byteLength))
  fs.closeSync(fd)
  return out
}

/** The one online replay of the train part (see the file's comment). */
function replayBlocks(site: string, train: readonly SiteQuestion[], settings: ExpertiseSettings, blocks: number): CollectedQuery[] {
  const model = new ExpertiseModel(settings)
  const feeder = new Feeder(model, [...train])
  const blockOf = (i: number) => Math.min(blocks - 1, Math.floor((i * blocks) / train.length))
  const out: CollectedQuery[] = []
  let pool: string[] = []
  let poolBlock = -1
  train.forEach((q, i) => {
    const block = blockOf(i)
    if (block === 0) return
    if (block !== poolBlock) {
      const before = train.slice(
        0,
        train.findIndex((_, k) => blockOf(k) === block),
      )
      pool = [...new Set(before.flatMap((p) => p.answers.map((a) => a.authorId)))]
      poolBlock = block
    }
    feeder.feedBelow(q.num)
    const candidates = pool.filter((u) => u !== q.askerId)
    const answerers = new Set(q.answers.map((a) => a.authorId))
    const relevant = candidates.flatMap((u, k) => (answerers.has(u) ? [k] : []))
    if (relevant.length === 0) return
    const query = { title: q.title, body: q.body, tags: q.tags, askerId: q.askerId }
    const full = model.featuresFor(query, candidates)
    const base = new Float32Array(candidates.length * BASE_COUNT)
    for (let r = 0; r < candidates.length; r++) for (let j = 0; j < BASE_COUNT; j++) base[r * BASE_COUNT + j] = full[r * FEATURE_COUNT + j]!
    out.push({ site, num: q.num, block, rows: candidates.length, base, relevant, accepted: candidates.indexOf(q.acceptedAnswererId ?? '') })
  })
  return out
}
