import { describe, expect, it } from 'vitest'
import { RENDER_VERSION } from './markdown.js'
import { buildPostRow } from './post-row.js'

const AT = '2024-05-01T10:00:00.000Z'

describe('buildPostRow', () => {
  it("gives a new native post's defaults, timestamps from `at`", () => {
    const row = buildPostRow({ communityId: 'c1', kind: 'answer', authorId: 'p1', body: 'Hi', at: AT, parentId: 7, rootId: 7 })
    expect(row).toEqual({
      community_id: 'c1',
      kind: 'answer',
      parent_id: 7,
      root_id: 7,
      author_id: 'p1',
      anonymous: 0,
      title: '',
      body: 'Hi',
      fields: '{}',
      tags: '[]',
      accepted_answer_id: null,
      answer_count: 0,
      comment_count: 0,
      score: 0,
      series_id: null,
      series_order: null,
      status: 'active',
      source: 'wellspring',
      source_ref: null,
      source_url: null,
      created_at: AT,
      updated_at: AT,
      edited_at: null,
      last_activity_at: AT,
    })
  })

  it('stores tags by the tag rule, at most ten', () => {
    const tags = ['Data Quality', 'data-quality', ...Array.from({ length: 12 }, (_, i) => `t${i}`)]
    const row = buildPostRow({ communityId: 'c1', kind: 'question', authorId: 'p1', body: '', at: AT, tags })
    expect(JSON.parse(row.tags)).toEqual(['data-quality', 't0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'])
  })

  it("stores the rendering only when asked (the app's own posts), not for bulk imports", () => {
    const spec = { communityId: 'c1', kind: 'practice', authorId: null, body: '**b**', at: AT, fields: { steps: '*s*' } } as const
    expect(buildPostRow(spec)).not.toHaveProperty('html')
    expect(buildPostRow({ ...spec, render: true })).toMatchObject({
      html: '<p><strong>b</strong></p>\n',
      fields_html: JSON.stringify({ steps: '<p><em>s</em></p>\n' }),
      render_version: RENDER_VERSION,
    })
  })
})
