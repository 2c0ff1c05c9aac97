import fs from 'node:fs/promises'
import path from 'node:path'

/** Where uploaded files live. Local disk by default; an S3-compatible backend can implement the same. */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>
  get(key: string): Promise<Buffer | undefined>
  delete(key: string): Promise<void>
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i

/** Files under `root`, with keys like `photos/<id>`. */
export function createDiskStorage(root: string): Storage {
  const resolve = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`)
    return path.join(root, key)
  }
  return {
    async put(key, data) {
      const file = resolve(key)
      await fs.mkdir(path.dirname(file), { recursive: true })
      const tmp = `${file}.${process.pid}.tmp`
      await fs.writeFile(tmp, data)
      await fs.rename(tmp, file)
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
  }
}
