// Test support for the media tests; not used by the app.
import fs from 'node:fs'
import path from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import type { Client } from '../../../test/helpers/app.js'

/** A real, playable two-second 96×64 VP8 WebM, made in Chromium by test/fixtures/media/make-fixtures.ts. */
export const TINY_WEBM = fs.readFileSync(path.resolve('test/fixtures/media/tiny.webm'))

/** Bytes that start like a PNG (its 8-byte signature). The server checks the signature, not the whole image. */
export function pngLike(size = 300): Buffer {
  const b = Buffer.alloc(size, 7)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b)
  return b
}

/** The start of an ISO base media (MP4) file: an `ftyp` box naming the isom brand, then filler. */
export function mp4Like(size = 200): Buffer {
  const b = Buffer.alloc(size, 0)
  b.writeUInt32BE(24, 0)
  b.write('ftypisom', 4, 'latin1')
  b.writeUInt32BE(0x200, 12)
  b.write('isomiso2', 16, 'latin1')
  return b
}

/** POST /api/media with a raw body. */
export function upload(
  client: Client,
  type: string,
  payload: Buffer | NodeJS.ReadableStream,
  filename?: string,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'content-type': type }
  if (filename !== undefined) headers['x-filename'] = filename
  return client.request({ method: 'POST', url: '/api/media', headers, payload })
}

/** Every file under the media storage folder, temp files included. */
export function storedFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, 'files', 'media')
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
}
