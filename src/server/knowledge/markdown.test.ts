import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { RENDER_VERSION, renderMarkdown } from './markdown.js'

// Inputs that exercise every rule of the renderer: emphasis, lists, code, links (allowed and refused),
// linkify, raw HTML (escaped), images, headings, quotes and tables.
const CORPUS = [
  '# Title\n\nSome **bold**, _italic_ and `code`.',
  '- one\n- two\n\n1. first\n2. second',
  '```\nconst x = 1 < 2\n```',
  '[web](https://example.com) [mail](mailto:a@example.com) [rel](/posts/1) [hash](#x) [bad](javascript:alert(1)) [vb](vbscript:x) [file](file:///etc/passwd)',
  'Visit https://example.com/path?q=1 or www.example.org.',
  '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>',
  '![alt](https://example.com/a.png) ![data](data:image/png;base64,AAAA) ![svg](data:image/svg+xml;base64,PHN2Zz4=)',
  '> quoted\n> text\n\n| a | b |\n|---|---|\n| 1 | 2 |',
  'line one\nline two\n\n"quotes" -- dashes...',
]

/** The output of RENDER_VERSION for the corpus, by its hash. A new version records its own. */
const OUTPUT_SHA256: Record<number, string> = {
  1: '2b0f3f5f0082830fd525bf3451659866613166f3c2e7d8abb2fefa0effd47513',
}

describe('renderMarkdown', () => {
  it('has a RENDER_VERSION that matches its output (bump it when the output changes, so stored HTML is redone)', () => {
    const hash = crypto.createHash('sha256').update(CORPUS.map(renderMarkdown).join('\u0000')).digest('hex')
    expect(hash, `renderer output changed: bump RENDER_VERSION in markdown.ts and record ${hash} for it here`).toBe(
      OUTPUT_SHA256[RENDER_VERSION],
    )
  })
})
