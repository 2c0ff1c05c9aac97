import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import S3rver from '@20minutes/s3rver'
import type { S3Config } from '../../src/server/platform/config.js'

/** The one account of s3rver. */
export const S3_ACCESS_KEY_ID = 'S3RVER'
export const S3_SECRET_ACCESS_KEY = 'S3RVER'

export interface TestS3 {
  /** Settings for the app's S3 storage, path-style, on a bucket made for this server. */
  config: S3Config
  /** Every request the store was sent, in order: method and path with query. */
  requests: { method: string; url: string }[]
  close(): Promise<void>
}

/**
 * A real S3-compatible server on the loopback (s3rver, which stores objects as files and checks SigV4
 * signatures), behind a small proxy that adds the two checks s3rver leaves out and S3 makes: every request
 * must be signed (s3rver serves unsigned requests as anonymous), and x-amz-content-sha256 must be the hash of
 * the body that arrived (s3rver does not compare it).
 */
export async function startS3(bucket = 'wellspring-test'): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-s3-'))
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  })
  const upstream = await s3.run()
  const requests: TestS3['requests'] = []
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      requests.push({ method: req.method ?? '', url: req.url ?? '' })
      const refuse = (code: string) => {
        res.writeHead(403, { 'content-type': 'application/xml' })
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`)
      }
      if (!req.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) return refuse('AccessDenied')
      const declared = req.headers['x-amz-content-sha256']
      if (declared !== 'UNSIGNED-PAYLOAD' && declared !== crypto.createHash('sha256').update(body).digest('hex')) {
        return refuse('XAmzContentSHA256Mismatch')
      }
      const forward = http.request(
        { host: upstream.address, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      forward.on('error', () => res.destroy())
      forward.end(body)
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    config: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: 'us-east-1',
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      sessionToken: undefined,
      forcePathStyle: true,
    },
    requests,
    async close() {
      proxy.closeAllConnections()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      await s3.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
