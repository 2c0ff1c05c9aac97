import { describe, expect, it } from 'vitest'
import { addTag, normaliseTag, normaliseTags, parseTags, POST_TAG_LIMIT, TAG_MAX_LENGTH, tagsJson, tagWords } from './tags.js'

describe('normaliseTag', () => {
  it('lower-cases and joins words with one hyphen, as Stack Exchange writes tags', () => {
    expect(normaliseTag('Data Quality')).toBe('data-quality')
    expect(normaliseTag('  data \t quality\n')).toBe('data-quality')
    expect(normaliseTag('SQL-Server-2008')).toBe('sql-server-2008')
    expect(normaliseTag('data - quality')).toBe('data-quality')
    expect(normaliseTag('-backfill-')).toBe('backfill')
  })

  it("keeps Stack Exchange's punctuation", () => {
    for (const tag of ['c#', 'c++', '.net', 'node.js', 'asp.net-mvc-3', 'f#']) expect(normaliseTag(tag)).toBe(tag)
    expect(normaliseTag('C#')).toBe('c#')
    expect(normaliseTag('Node.JS')).toBe('node.js')
  })

  it('folds Unicode compatibility forms and keeps letters of any script', () => {
    expect(normaliseTag('ＳＱＬ')).toBe('sql')
    expect(normaliseTag('Café')).toBe('café')
    expect(normaliseTag('Cafe\u0301')).toBe('café')
    expect(normaliseTag('Überblick')).toBe('überblick')
    expect(normaliseTag('日本語 テスト')).toBe('日本語-テスト')
  })

  it('is empty when nothing is left, and drops control characters', () => {
    expect(normaliseTag('')).toBe('')
    expect(normaliseTag('   ')).toBe('')
    expect(normaliseTag(' - ')).toBe('')
    expect(normaliseTag('a\u0007b')).toBe('a-b')
  })

  it('cuts long tags at TAG_MAX_LENGTH characters, never inside a character and never ending on a hyphen', () => {
    expect(normaliseTag('x'.repeat(100))).toBe('x'.repeat(TAG_MAX_LENGTH))
    expect(normaliseTag(`${'x'.repeat(59)} y`)).toBe('x'.repeat(59))
    const emoji = normaliseTag('😀'.repeat(70))
    expect([...emoji]).toHaveLength(TAG_MAX_LENGTH)
    expect(emoji).toBe('😀'.repeat(TAG_MAX_LENGTH))
  })

  it('changes nothing in a canonical tag (normalising twice is normalising once)', () => {
    for (const raw of ['Data Quality', ' C# ', 'ＳＱＬ Server', 'x'.repeat(80), 'a  --  b', '😀'.repeat(70)]) {
      const once = normaliseTag(raw)
      expect(normaliseTag(once)).toBe(once)
    }
  })
})

describe('normaliseTags', () => {
  it('keeps the distinct canonical tags in first-seen order, empty ones dropped', () => {
    expect(normaliseTags([' MySQL', 'mysql', '', 'InnoDB ', 'data quality', 'Data-Quality'])).toEqual(['mysql', 'innodb', 'data-quality'])
    expect(normaliseTags(undefined)).toEqual([])
  })

  it('keeps at most `limit` tags, counting only distinct ones', () => {
    const many = Array.from({ length: 15 }, (_, i) => `t${i}`)
    expect(normaliseTags(['a', 'A', ...many], POST_TAG_LIMIT)).toEqual(['a', ...many.slice(0, 9)])
    expect(normaliseTags(many)).toHaveLength(15)
  })
})

describe('parseTags', () => {
  it('reads a JSON tag column', () => {
    expect(parseTags('["sql","dbt"]')).toEqual(['sql', 'dbt'])
    expect(parseTags('[]')).toEqual([])
  })

  it('reads anything else as no tags, and drops non-strings', () => {
    for (const bad of ['', null, undefined, 'not json', '{"a":1}', '"sql"', '42']) expect(parseTags(bad)).toEqual([])
    expect(parseTags('["sql", 3, null, "dbt"]')).toEqual(['sql', 'dbt'])
  })
})

describe('tagsJson', () => {
  it('stores the normalised list', () => {
    expect(tagsJson(['Data Quality', 'data-quality', 'SQL'])).toBe('["data-quality","sql"]')
    expect(tagsJson(['a', 'b', 'c'], 2)).toBe('["a","b"]')
    expect(tagsJson(undefined)).toBe('[]')
  })
})

describe('addTag', () => {
  it('adds the canonical tag, so the editor shows what will be stored', () => {
    expect(addTag([], 'Public speaking')).toEqual(['public-speaking'])
    expect(addTag(['sql'], 'SQL')).toEqual(['sql'])
    expect(addTag(['sql'], '  ')).toEqual(['sql'])
    expect(addTag(['a', 'b'], 'c', 2)).toEqual(['a', 'b'])
  })
})

describe('tagWords', () => {
  it('reads the tags as words', () => {
    expect(tagWords(['sql-server-2008', 'dbt'])).toBe('sql server 2008 dbt')
  })
})
