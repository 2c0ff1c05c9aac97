import { describe, expect, it } from 'vitest'
import { MARK_END, MARK_START } from '../platform/db/dialect.js'
import { searchTerms, snippetToHtml, splitWords, suggestTerms } from './search-terms.js'

describe('search terms', () => {
  it('keeps only words: operators, quotes and punctuation separate them', () => {
    expect(splitWords('"Backfill" OR -partition* NEAR(a, b) title:x {y}: ^z')).toEqual([
      'backfill',
      'or',
      'partition',
      'near',
      'a',
      'b',
      'title',
      'x',
      'y',
      'z',
    ])
    expect(splitWords("'; drop table post; --")).toEqual(['drop', 'table', 'post'])
    expect(splitWords('Café 日本語 naïve')).toEqual(['café', '日本語', 'naïve'])
    expect(splitWords('x '.repeat(40))).toEqual(['x'])
    expect(splitWords('a b c d e f g h i j k l')).toHaveLength(10)
  })

  it('drops English stop words for search, but not the word being typed for suggestions', () => {
    expect(searchTerms('How do we backfill the partition?')).toEqual(['backfill', 'partition'])
    expect(searchTerms('the of and')).toEqual([])
    expect(suggestTerms('how do we back')).toEqual(['back'])
    expect(suggestTerms('partition the')).toEqual(['partition', 'the'])
    expect(suggestTerms('partition b')).toEqual(['partition'])
    expect(suggestTerms('partition ba')).toEqual(['partition'])
    expect(suggestTerms('partition bac')).toEqual(['partition', 'bac'])
  })
})

describe('snippetToHtml', () => {
  const m = (s: string) => s.replaceAll('[', MARK_START).replaceAll(']', MARK_END)

  it('escapes the text and turns only the markers into <mark>', () => {
    expect(snippetToHtml(m('<b onclick="x()">[zanzibar]</b> & \'it\''))).toBe(
      '&lt;b onclick=&quot;x()&quot;&gt;<mark>zanzibar</mark>&lt;/b&gt; &amp; &#39;it&#39;',
    )
  })

  it('balances stray markers and drops control characters', () => {
    expect(snippetToHtml(m('a ] b [[c] d ['))).toBe('a  b <mark>c</mark> d <mark></mark>')
    expect(snippetToHtml('a\u0000b\u202ec\n\td')).toBe('abc d')
  })
})
