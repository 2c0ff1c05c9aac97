import { describe, expect, it } from 'vitest'
import { stem } from './stem.js'
import { tokenize } from './text.js'

describe('stem (Porter)', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['generalizations', 'gener'],
    ['indexes', 'index'],
    ['indexing', 'index'],
    ['replication', 'replic'],
    ['databases', 'databas'],
    ['adjustable', 'adjust'],
    ['controll', 'control'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected)
  })

  it('leaves short words, digits and non-ASCII words alone', () => {
    expect(stem('is')).toBe('is')
    expect(stem('2008')).toBe('2008')
    expect(stem('données')).toBe('données')
  })
})

describe('tokenize', () => {
  it('lower-cases, splits on punctuation, drops stop words and stems', () => {
    expect(tokenize('How do I rebuild the Indexes of a *PostgreSQL* table?')).toEqual(['rebuild', 'index', 'postgresql', 'tabl'])
  })

  it('keeps numbers and drops one-letter words', () => {
    expect(tokenize('SQL Server 2008 R2 x')).toEqual(['sql', 'server', '2008', 'r2'])
  })

  it('gives nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([])
    expect(tokenize('?!... --')).toEqual([])
  })
})
