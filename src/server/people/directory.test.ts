import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, deletePersonRow } from '../../../test/helpers/factories.js'
import { editDistance, fuzzyDistance } from './directory-match.js'

interface Page {
  items: { id: string; name: string }[]
  total: number
}

describe('directory typo matching', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('hopper', 'hoper', 2)).toBe(1)
    expect(editDistance('grace', 'grcae', 2)).toBe(1)
    expect(editDistance('smith', 'smyth', 2)).toBe(1)
    expect(editDistance('smith', 'jones', 2)).toBe(3)
    expect(fuzzyDistance(['enginer'], 'ana smith data engineer porto')).toBe(1)
    expect(fuzzyDistance(['enginering'], 'grace hopper engineering')).toBe(1)
    expect(fuzzyDistance(['smiht', 'porto'], 'ana smith data engineer porto')).toBe(1)
    // Below four characters nothing is a typo.
    expect(fuzzyDistance(['smt'], 'ana smith')).toBeUndefined()
  })
})

// The directory is served by a trigram index (migration 0017) and a page cache (directory.ts). Results must be
// what the scan of every row gave, follow every people write at once, and tolerate typos.
describe.each(DIALECTS)('%s: directory search', (dialect) => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    const people = [
      { name: 'Grace Hopper', title: 'Rear admiral', department: 'Engineering', location: 'Arlington' },
      { name: 'Ana Smith', title: 'Data engineer', department: 'Data', location: 'Porto' },
      { name: 'Raj Patel', title: 'Analyst', department: 'Data', location: 'Lisbon' },
      { name: 'Zoë Ångström', title: 'Field_engineer 100%', department: 'Sales', location: 'Malmö' },
      { name: 'Tom "Tommy" O\'Neil', title: 'Back\\slash', department: 'Sales', location: 'Cork' },
    ]
    for (const p of people) await buildPerson(t.app, p)
    await buildPerson(t.app, { name: 'Ana Gone', title: 'Data engineer', status: 'invited' })
  })
  afterAll(async () => t.close())

  const search = async (q: string, extra = '') => {
    const res = await admin.get(`/api/people?q=${encodeURIComponent(q)}${extra}`)
    expect(res.statusCode).toBe(200)
    return res.json<Page>()
  }

  /** What the directory answered before the index: active people whose search text contains every word, by name. */
  async function scanned(q: string) {
    const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)
    const rows = await t.app.db.selectFrom('person').select(['id', 'name', 'search_text']).where('status', '=', 'active').execute()
    return rows
      .filter((r) => words.every((w) => r.search_text.includes(w)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
      .map((r) => r.name)
  }

  it('finds what a scan of every row finds, for words of any length and any characters', async () => {
    const queries = ['smith', 'ANA', 'an', 'a', 'data porto', 'eng', 'engineer data', 'ö', 'zoë', 'ångström', 'malmö']
    queries.push('100%', '0%', 'field_eng', 'd_e', '"tommy"', "o'neil", 'back\\slash', '\\', '%', '_', 'gone', 'data lisbon analyst')
    for (const q of queries) {
      const expected = await scanned(q)
      expect(expected.length, q).toBeGreaterThan(q === 'gone' || q === '0%' || q === 'd_e' || q === '%' || q === '_' ? -1 : 0)
      const page = await search(q)
      expect({ q, names: page.items.map((p) => p.name), total: page.total }).toEqual({ q, names: expected, total: expected.length })
    }
  })

  it('pages the same whichever way it walks (people in name order, or the index’s matches)', async () => {
    for (let i = 0; i < 24; i++) await buildPerson(t.app, { name: `Crew ${String.fromCharCode(90 - i)}${i}`, department: 'Crewing' })
    const expected = await scanned('crew')
    expect(expected).toHaveLength(24)
    // At offset 0 with a page of 1 the matches are many for the page (walked in name order); further on, few.
    for (const offset of [0, 1, 5, 23, 24]) {
      const page = await search('crew', `&limit=1&offset=${offset}`)
      expect({ offset, names: page.items.map((p) => p.name), total: page.total }).toEqual({
        offset,
        names: expected.slice(offset, offset + 1),
        total: 24,
      })
    }
  })

  it('follows people writes at once: a new person, a new title, a deletion', async () => {
    expect((await search('quartermaster')).total).toBe(0)
    const leo = await buildPerson(t.app, { name: 'Leo Quartermaster', title: 'Chef' })
    expect((await search('quartermaster')).items.map((p) => p.name)).toEqual(['Leo Quartermaster'])
    expect((await admin.patch(`/api/people/${leo.id}`, { title: 'Navigator' })).statusCode).toBe(200)
    expect((await search('navigator')).items.map((p) => p.name)).toEqual(['Leo Quartermaster'])
    expect((await search('chef')).total).toBe(0)
    await deletePersonRow(t.app, leo.id)
    expect((await search('quartermaster')).total).toBe(0)
    expect((await search('navigator')).total).toBe(0)
  })

  it('tolerates typos when nothing matches as typed, closest first', async () => {
    expect((await search('hoper')).items.map((p) => p.name)).toEqual(['Grace Hopper'])
    expect((await search('grcae')).items.map((p) => p.name)).toEqual(['Grace Hopper'])
    expect((await search('smiht porto')).items.map((p) => p.name)).toEqual(['Ana Smith'])
    expect((await search('enginer', '&department=Data')).items.map((p) => p.name)).toEqual(['Ana Smith'])
    expect((await search('enginering')).items.map((p) => p.name)).toEqual(['Grace Hopper'])
    expect((await search('lisbno')).items.map((p) => p.name)).toEqual(['Raj Patel'])
    // Too far, or too short to be a typo: nobody.
    expect((await search('hopper zzzz')).total).toBe(0)
    expect((await search('xqzwv')).total).toBe(0)
    // A match as typed is never mixed with near ones.
    expect((await search('smith')).items.map((p) => p.name)).toEqual(['Ana Smith'])
  })

  it('serves admins’ people list through the same index', async () => {
    const res = await admin.get('/api/admin/people?q=gone')
    expect(res.statusCode).toBe(200)
    expect(res.json<Page>().items.map((p) => p.name)).toEqual(['Ana Gone'])
  })
})
