import { Transform } from 'node:stream'
import { ALL_MEDIA_TYPES, MEDIA_TYPES, type MediaKind, type MediaType } from '../../shared/media.js'
import { AppError, BadRequestError } from '../platform/errors.js'

// Pure checks on what is uploaded: the declared type, the file's first bytes, its name, its captions.

/** How many leading bytes the signatures below need (RIFF....WEBP/WAVE is the longest, at 12). */
export const SNIFF_BYTES = 16

const ascii = (head: Buffer, at: number, text: string) => head.subarray(at, at + text.length).toString('latin1') === text
const riff = (form: string) => (h: Buffer) => ascii(h, 0, 'RIFF') && ascii(h, 8, form)
const isoMedia = (h: Buffer) => ascii(h, 4, 'ftyp')
const ogg = (h: Buffer) => ascii(h, 0, 'OggS')
const ebml = (h: Buffer) => h.length >= 4 && h[0] === 0x1a && h[1] === 0x45 && h[2] === 0xdf && h[3] === 0xa3
// An MP3 starts with an ID3 tag or straight with an MPEG audio frame (11 set sync bits).
const mpegAudio = (h: Buffer) => ascii(h, 0, 'ID3') || (h.length >= 2 && h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0)

/**
 * The container signature each accepted type must show. Audio and video in the same container (WebM, Ogg,
 * MP4) cannot be told apart from a few bytes; the check is that the file is the container it claims to be.
 */
const SIGNATURES: Record<MediaType, (head: Buffer) => boolean> = {
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (h) => h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/gif': (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a'),
  'image/webp': riff('WEBP'),
  'audio/mpeg': mpegAudio,
  'audio/mp4': isoMedia,
  'audio/ogg': ogg,
  'audio/webm': ebml,
  'audio/wav': riff('WAVE'),
  'video/mp4': isoMedia,
  'video/webm': ebml,
  'video/ogg': ogg,
}

export class UnsupportedMediaError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message)
  }
}

/** The declared content type (parameters such as codecs dropped) if it is one we accept; 415 otherwise. */
export function acceptedType(contentType: string | undefined): { mime: MediaType; kind: MediaKind } {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const accepted = ALL_MEDIA_TYPES.find((t) => t === mime)
  if (!accepted) throw new UnsupportedMediaError(`send one of ${ALL_MEDIA_TYPES.join(', ')}`)
  const kind = (Object.keys(MEDIA_TYPES) as MediaKind[]).find((k) => (MEDIA_TYPES[k] as readonly string[]).includes(accepted)) as MediaKind
  return { mime: accepted, kind }
}

/** Whether a file's first bytes are those of the declared type. */
export function matchesSignature(mime: MediaType, head: Buffer): boolean {
  return SIGNATURES[mime](head)
}

/**
 * Passes a stream through once its first bytes show the declared type; fails it with 415 (or 400 when
 * empty) otherwise, before anything reaches storage. Holds back at most SNIFF_BYTES plus one chunk.
 */
export function sniffStream(mime: MediaType): Transform {
  const held: Buffer[] = []
  let heldBytes = 0
  let checked = false
  const release = (done: (err?: Error | null, data?: Buffer) => void) => {
    checked = true
    const head = Buffer.concat(held)
    held.length = 0
    if (head.length === 0) return done(new BadRequestError('empty_media', 'the upload was empty'))
    if (!matchesSignature(mime, head)) return done(new UnsupportedMediaError(`the file is not ${mime}`))
    done(null, head)
  }
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (checked) return done(null, chunk)
      held.push(chunk)
      heldBytes += chunk.length
      if (heldBytes < SNIFF_BYTES) return done()
      release(done)
    },
    flush(done) {
      if (checked) return done()
      release(done)
    },
  })
}

/**
 * A safe display name from the x-filename header: percent-decoded, without directories, control or quote
 * characters, at most 200 characters. It is only ever shown and sent in Content-Disposition, never used as a path.
 */
export function sanitiseFilename(header: string | string[] | undefined, fallback: string): string {
  let name = Array.isArray(header) ? (header[0] ?? '') : (header ?? '')
  try {
    name = decodeURIComponent(name)
  } catch {
    // Not percent-encoded: keep it as sent.
  }
  name = name.split(/[\\/]/).pop() ?? ''
  name = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  return Array.from(name).slice(0, 200).join('') || fallback
}

/** `inline` with the file name, in ASCII and (RFC 6266/8187) UTF-8. */
export function inlineDisposition(filename: string): string {
  const asciiName = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_')
  return `inline; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/** WebVTT files start with "WEBVTT" (after an optional byte order mark), then a space, tab, newline or the end. */
export function assertWebVtt(text: string): void {
  if (!/^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text))
    throw new BadRequestError('invalid_captions', 'captions must be WebVTT: the text starts with "WEBVTT"')
}
