import { PassThrough, Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { S3Config } from './config.js'
import { EMPTY_SHA256, encodeRfc3986, sha256Hex, signRequest } from './sigv4.js'
import { checkStorageKey, pipeLimited, type Storage } from './storage.js'

/** S3 refuses parts under 5 MiB, all but the last; 8 MiB is what the AWS command-line tools use. */
const DEFAULT_PART_SIZE = 8 * 1024 * 1024

/** An S3-compatible store answered a request with an error. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    what: string,
  ) {
    super(`${what}: S3 answered ${status} ${code}`)
  }
}

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph, Garage, R2...), so that every app node sees the
 * same uploads. Requests are signed with SigV4 (sigv4.ts) and sent with fetch; the store's own rules give what
 * the Storage interface promises: an object appears whole or not at all (a PUT, or a multipart upload that is
 * completed or aborted), and a later PUT of a key replaces it whole.
 */
export function createS3Storage(config: S3Config, options: { partSize?: number } = {}): Storage {
  const partSize = options.partSize ?? DEFAULT_PART_SIZE
  const endpoint = new URL(config.endpoint)
  const base = endpoint.pathname.replace(/\/$/, '')

  const urlOf = (key: string, query = ''): URL => {
    checkStorageKey(key)
    const path = key.split('/').map(encodeRfc3986).join('/')
    const url = new URL(endpoint)
    if (config.forcePathStyle) url.pathname = `${base}/${encodeRfc3986(config.bucket)}/${path}`
    else {
      url.host = `${config.bucket}.${endpoint.host}`
      url.pathname = `${base}/${path}`
    }
    url.search = query
    return url
  }

  const send = async (
    method: string,
    url: URL,
    body?: Buffer | string,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<Response> => {
    const payloadHash = body === undefined ? EMPTY_SHA256 : sha256Hex(body)
    const signed = signRequest({ method, url, headers, payloadHash }, config, config.region)
    // A Uint8Array view, not the Buffer itself: that is the type fetch declares, and it sends the same bytes.
    const bytes =
      typeof body === 'string' || body === undefined ? body : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength)
    return fetch(url, { method, headers: signed, body: bytes, signal })
  }

  /** Throws an S3Error for a failed response, with the code from its XML body when it has one. */
  const failed = async (res: Response, what: string): Promise<never> => {
    const text = await res.text().catch(() => '')
    throw new S3Error(res.status, /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? 'unknown', what)
  }

  const storage: Storage = {
    async put(key, data) {
      const res = await send('PUT', urlOf(key), data)
      if (!res.ok) await failed(res, `PUT ${key}`)
      await res.arrayBuffer()
    },
    async get(key) {
      const res = await send('GET', urlOf(key))
      if (res.status === 404) {
        await res.arrayBuffer()
        return undefined
      }
      if (!res.ok) await failed(res, `GET ${key}`)
      return Buffer.from(await res.arrayBuffer())
    },
    async delete(key) {
      const res = await send('DELETE', urlOf(key))
      if (!res.ok && res.status !== 404) await failed(res, `DELETE ${key}`)
      await res.arrayBuffer()
    },
    async putStream(key, data, maxBytes) {
      return putStream(key, data, maxBytes)
    },
    async stat(key) {
      const res = await send('HEAD', urlOf(key))
      if (res.status === 404) return undefined
      if (!res.ok) await failed(res, `HEAD ${key}`)
      return Number(res.headers.get('content-length'))
    },
    createReadStream(key, range) {
      const out = new PassThrough()
      const abort = new AbortController()
      // A reader that stops early (a media player seeking) ends the download too.
      out.on('close', () => abort.abort())
      const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {}
      send('GET', urlOf(key), undefined, headers, abort.signal).then(
        async (res) => {
          if (!res.ok || !res.body) return out.destroy(await failed(res, `GET ${key}`).catch((err: Error) => err))
          const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>)
          body.on('error', (err) => out.destroy(err))
          body.pipe(out)
        },
        (err: Error) => out.destroy(err),
      )
      return out
    },
  }

  /**
   * Reads `data` a part at a time: a file smaller than one part is one PUT; a larger one is a multipart upload,
   * aborted (so nothing is left) if anything fails. At most one part is held in memory.
   */
  async function putStream(key: string, data: Readable, maxBytes: number): Promise<number> {
    // As createDiskStorage does: `data` is piped, never destroyed here, so an HTTP request can still be answered.
    const { counter, release } = pipeLimited(data, maxBytes)
    let uploadId: string | undefined
    try {
      const parts: string[] = []
      let pending: Buffer[] = []
      let pendingBytes = 0
      for await (const chunk of counter as AsyncIterable<Buffer>) {
        pending.push(chunk)
        pendingBytes += chunk.length
        if (pendingBytes < partSize) continue
        uploadId ??= await startMultipart(key)
        parts.push(await uploadPart(key, uploadId, parts.length + 1, Buffer.concat(pending)))
        pending = []
        pendingBytes = 0
      }
      if (uploadId === undefined) await storage.put(key, Buffer.concat(pending))
      else {
        if (pendingBytes > 0) parts.push(await uploadPart(key, uploadId, parts.length + 1, Buffer.concat(pending)))
        await completeMultipart(key, uploadId, parts)
      }
      return counter.bytes
    } catch (err) {
      if (uploadId !== undefined) await abortMultipart(key, uploadId).catch(() => undefined)
      throw err
    } finally {
      release()
    }
  }

  async function startMultipart(key: string): Promise<string> {
    const res = await send('POST', urlOf(key, '?uploads'), '')
    if (!res.ok) await failed(res, `start multipart ${key}`)
    const id = /<UploadId>([^<]+)<\/UploadId>/.exec(await res.text())?.[1]
    if (!id) throw new S3Error(res.status, 'no_upload_id', `start multipart ${key}`)
    return id
  }

  async function uploadPart(key: string, uploadId: string, n: number, part: Buffer): Promise<string> {
    const res = await send('PUT', urlOf(key, `?partNumber=${n}&uploadId=${encodeURIComponent(uploadId)}`), part)
    if (!res.ok) await failed(res, `part ${n} of ${key}`)
    await res.arrayBuffer()
    const etag = res.headers.get('etag')
    if (!etag) throw new S3Error(res.status, 'no_etag', `part ${n} of ${key}`)
    return etag
  }

  async function completeMultipart(key: string, uploadId: string, etags: string[]): Promise<void> {
    const xml = `<CompleteMultipartUpload>${etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`
    const res = await send('POST', urlOf(key, `?uploadId=${encodeURIComponent(uploadId)}`), xml, { 'content-type': 'application/xml' })
    // S3 may answer 200 with an error in the body when completing fails late.
    const text = await res.text()
    if (!res.ok || text.includes('<Error>'))
      throw new S3Error(res.status, /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? 'unknown', `complete ${key}`)
  }

  async function abortMultipart(key: string, uploadId: string): Promise<void> {
    const res = await send('DELETE', urlOf(key, `?uploadId=${encodeURIComponent(uploadId)}`))
    await res.arrayBuffer()
  }

  return storage
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
