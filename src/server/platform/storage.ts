import { createReadStream as openReadStream, createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { newId } from './time.js'

/**
 * Where uploaded files live: local disk by default (createDiskStorage), or an S3-compatible object store that
 * every app node shares (createS3Storage in storage-s3.ts: putStream as a multipart upload, stat as HEAD,
 * createReadStream as a ranged GET piped into the stream it returns).
 */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>
  get(key: string): Promise<Buffer | undefined>
  delete(key: string): Promise<void>
  /**
   * Stores a stream without holding it in memory and returns how many bytes were written. The file appears
   * under `key` only once complete. Past `maxBytes` it rejects with a StorageLimitError, and if the stream
   * fails it rejects with that error; either way nothing is left behind. It does not destroy `data` on
   * failure (an HTTP request must stay open to be answered); the caller decides what to do with the rest.
   */
  putStream(key: string, data: Readable, maxBytes: number): Promise<number>
  /** The stored size in bytes, or undefined when there is no such file. */
  stat(key: string): Promise<number | undefined>
  /** Reads a file, or the inclusive byte range `start`..`end` of it. Call stat first: a missing file errors the stream. */
  createReadStream(key: string, range?: { start: number; end: number }): Readable
}

/** A stream passed to putStream was longer than its limit. */
export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`)
  }
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i

/** Refuses a key that could name a file outside the store: keys are like `photos/<id>`. */
export function checkStorageKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`)
}

/** Counts bytes through a stream and fails it as soon as they pass `maxBytes`. */
export function limitBytes(maxBytes: number): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length
      if (counter.bytes > maxBytes) done(new StorageLimitError(maxBytes))
      else done(null, chunk)
    },
  }) as Transform & { bytes: number }
  counter.bytes = 0
  return counter
}

/**
 * Pipes `data` into a limitBytes counter for putStream, failing the counter if `data` fails or closes before its
 * end. `data` is piped rather than put in a pipeline, so a failure here never destroys it: when it is an HTTP
 * request, destroying it would reset the connection before the caller could answer 413. Call `release` when done.
 */
export function pipeLimited(data: Readable, maxBytes: number): { counter: Transform & { bytes: number }; release: () => void } {
  // It may have failed while we waited (a transform checking its first bytes, a client that went away).
  if (data.errored) throw data.errored
  if (data.destroyed) throw new Error('the stream closed before its end')
  const counter = limitBytes(maxBytes)
  const onError = (err: Error) => counter.destroy(err)
  const onClose = () => {
    if (!data.readableEnded) counter.destroy(new Error('the stream closed before its end'))
  }
  data.on('error', onError)
  data.on('close', onClose)
  data.pipe(counter)
  const release = () => {
    data.off('error', onError)
    data.off('close', onClose)
    data.unpipe(counter)
  }
  return { counter, release }
}

/** Files under `root`, with keys like `photos/<id>`. */
export function createDiskStorage(root: string): Storage {
  const resolve = (key: string) => {
    checkStorageKey(key)
    return path.join(root, key)
  }
  return {
    async put(key, data) {
      const file = resolve(key)
      await fs.mkdir(path.dirname(file), { recursive: true })
      // A temp name of its own per write ('wx' fails rather than share one), then a rename, which replaces the
      // file atomically: concurrent writers of one key each leave a whole file, and the last rename wins. A name
      // by process id alone was shared by every write of the process, so they wrote into and renamed each other's.
      const tmp = `${file}.${newId()}.tmp`
      try {
        await fs.writeFile(tmp, data, { flag: 'wx' })
        await fs.rename(tmp, file)
      } catch (err) {
        await fs.rm(tmp, { force: true })
        throw err
      }
    },
    async get(key) {
      try {
        return await fs.readFile(resolve(key))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
    },
    async delete(key) {
      await fs.rm(resolve(key), { force: true })
    },
    async putStream(key, data, maxBytes) {
      const file = resolve(key)
      await fs.mkdir(path.dirname(file), { recursive: true })
      // A unique temp name per upload, so that two writers never share one, and a rename so readers never see half a file.
      const tmp = `${file}.${newId()}.tmp`
      const { counter, release } = pipeLimited(data, maxBytes)
      try {
        await pipeline(counter, createWriteStream(tmp, { flags: 'wx' }))
        await fs.rename(tmp, file)
      } catch (err) {
        await fs.rm(tmp, { force: true })
        throw err
      } finally {
        release()
      }
      return counter.bytes
    },
    async stat(key) {
      try {
        const s = await fs.stat(resolve(key))
        return s.isFile() ? s.size : undefined
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
    },
    createReadStream(key, range) {
      return openReadStream(resolve(key), range ? { start: range.start, end: range.end } : {})
    },
  }
}
