import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { acceptedType, assertWebVtt, inlineDisposition, matchesSignature, sanitiseFilename, sniffStream } from './media-format.js'
import { decideRange, etagMatches, ifRangeAllows } from './media-range.js'
import { mp4Like, pngLike, TINY_WEBM } from './media-test-support.js'

describe('decideRange', () => {
  const size = 1000
  it.each([
    ['bytes=0-99', { type: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { type: 'partial', start: 100, end: 999 }],
    ['bytes=-50', { type: 'partial', start: 950, end: 999 }],
    ['bytes=-5000', { type: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { type: 'partial', start: 990, end: 999 }],
    ['BYTES = 1-2', { type: 'partial', start: 1, end: 2 }],
    ['bytes=1000-', { type: 'unsatisfiable' }],
    ['bytes=1000-1001', { type: 'unsatisfiable' }],
    ['bytes=-0', { type: 'unsatisfiable' }],
    [undefined, { type: 'full' }],
    ['bytes=0-9,20-29', { type: 'full' }],
    ['bytes=5-2', { type: 'full' }],
    ['bytes=abc', { type: 'full' }],
    ['bytes=-', { type: 'full' }],
    ['bytes=', { type: 'full' }],
    ['items=0-9', { type: 'full' }],
    ['bytes=0x10-', { type: 'full' }],
  ] as const)('%s', (header, expected) => {
    expect(decideRange(header, size)).toEqual(expected)
  })

  it('validates If-Range and If-None-Match against a strong ETag', () => {
    expect(ifRangeAllows(undefined, '"a"', 'date')).toBe(true)
    expect(ifRangeAllows('"a"', '"a"', 'date')).toBe(true)
    expect(ifRangeAllows('W/"a"', '"a"', 'date')).toBe(false)
    expect(ifRangeAllows('date', '"a"', 'date')).toBe(true)
    expect(ifRangeAllows('other date', '"a"', 'date')).toBe(false)
    expect(etagMatches('"b", "a"', '"a"')).toBe(true)
    expect(etagMatches('*', '"a"')).toBe(true)
    expect(etagMatches('"b"', '"a"')).toBe(false)
  })
})

describe('media types and signatures', () => {
  it('accepts the listed types, parameters dropped, and nothing else', () => {
    expect(acceptedType('Video/WebM; codecs="vp8, opus"')).toEqual({ mime: 'video/webm', kind: 'video' })
    expect(acceptedType('audio/wav')).toEqual({ mime: 'audio/wav', kind: 'audio' })
    for (const t of ['image/svg+xml', 'text/html', 'application/octet-stream', '', undefined])
      expect(() => acceptedType(t)).toThrow(/send one of/)
  })

  it('knows each container by its first bytes', () => {
    const riff = (form: string) => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from(form), Buffer.alloc(4)])
    expect(matchesSignature('image/png', pngLike())).toBe(true)
    expect(matchesSignature('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true)
    expect(matchesSignature('image/gif', Buffer.from('GIF89a..'))).toBe(true)
    expect(matchesSignature('image/webp', riff('WEBP'))).toBe(true)
    expect(matchesSignature('audio/wav', riff('WAVE'))).toBe(true)
    expect(matchesSignature('image/webp', riff('WAVE'))).toBe(false)
    expect(matchesSignature('audio/mpeg', Buffer.from('ID3\x04'))).toBe(true)
    expect(matchesSignature('audio/mpeg', Buffer.from([0xff, 0xfb, 0x90, 0x00]))).toBe(true)
    expect(matchesSignature('audio/ogg', Buffer.from('OggS\0'))).toBe(true)
    expect(matchesSignature('video/mp4', mp4Like())).toBe(true)
    expect(matchesSignature('video/webm', TINY_WEBM)).toBe(true)
    expect(matchesSignature('video/mp4', TINY_WEBM)).toBe(false)
    expect(matchesSignature('image/png', Buffer.from('\x89PN'))).toBe(false)
  })

  it('passes a stream through unchanged once its first bytes match, even one byte at a time', async () => {
    const bytes = [...TINY_WEBM.subarray(0, 40)].map((b) => Buffer.from([b]))
    const out = await buffer(Readable.from(bytes).pipe(sniffStream('video/webm')))
    expect(out.equals(TINY_WEBM.subarray(0, 40))).toBe(true)
    const whole = await buffer(Readable.from([TINY_WEBM]).pipe(sniffStream('video/webm')))
    expect(whole.equals(TINY_WEBM)).toBe(true)
  })

  it('fails a stream whose first bytes are another type, or that is empty', async () => {
    await expect(buffer(Readable.from([pngLike()]).pipe(sniffStream('video/webm')))).rejects.toMatchObject({ status: 415 })
    await expect(buffer(Readable.from([Buffer.from('GIF')]).pipe(sniffStream('image/gif')))).rejects.toMatchObject({ status: 415 })
    await expect(buffer(Readable.from([]).pipe(sniffStream('image/gif')))).rejects.toMatchObject({ status: 400, code: 'empty_media' })
  })
})

describe('file names and captions', () => {
  it.each([
    ['holiday.png', 'holiday.png'],
    [encodeURIComponent('Été à Zürich.webm'), 'Été à Zürich.webm'],
    ['..%2F..%2Fetc%2Fpasswd', 'passwd'],
    ['C:\\Users\\me\\clip.mp4', 'clip.mp4'],
    ['a"b<c>\u0001.png', 'abc.png'],
    ['...hidden', 'hidden'],
    ['%E0%A4%A', '%E0%A4%A'],
    ['', 'fallback'],
    ['../', 'fallback'],
  ])('%s → %s', (header, expected) => {
    expect(sanitiseFilename(header, 'fallback')).toBe(expected)
  })

  it('keeps long names to 200 characters and quotes them safely for Content-Disposition', () => {
    expect(sanitiseFilename('x'.repeat(500), 'f')).toHaveLength(200)
    expect(inlineDisposition('Été.webm')).toBe(`inline; filename="_t_.webm"; filename*=UTF-8''%C3%89t%C3%A9.webm`)
  })

  it('takes WebVTT and refuses anything else', () => {
    for (const ok of ['WEBVTT', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHi', 'WEBVTT - title\n', '\uFEFFWEBVTT\r\n'])
      expect(() => assertWebVtt(ok)).not.toThrow()
    for (const bad of ['', 'webvtt', 'WEBVTTX', ' WEBVTT', '1\n00:00:00,000 --> 00:00:01,000\nSRT'])
      expect(() => assertWebVtt(bad)).toThrow(/WebVTT/)
  })
})
