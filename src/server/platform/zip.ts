import type { Readable } from 'node:stream'
import yauzl, { type Entry, type ZipFile } from 'yauzl'

/** A zip that cannot be imported, with a message a person can act on. */
export class PackageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Limits that keep a hostile archive (a zip bomb, a million tiny files) from filling the disk or the memory. */
export const ZIP_LIMITS = { maxEntries: 10_000, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 200 }

/** One file of an archive: its normalised path and sizes. Directories are left out. */
export interface ZipFileEntry {
  path: string
  size: number
  compressedSize: number
  entry: Entry
}

/** An open archive: its files, and a way to read any of them. Close it when done. */
export interface OpenZip {
  files: ZipFileEntry[]
  read(file: ZipFileEntry): Promise<Readable>
  readText(file: ZipFileEntry, maxBytes: number): Promise<string>
  close(): void
}

/**
 * Refuses a path that could write outside the package's folder: absolute paths, drive letters, backslashes,
 * `..` or empty segments, control characters. Returns the reason, or undefined when the path is safe.
 */
export function unsafePathReason(name: string): string | undefined {
  if (name.includes('\\')) return 'uses a backslash'
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return 'is absolute'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'has a control character'
  const segments = name.replace(/\/$/, '').split('/')
  if (segments.some((s) => s === '..')) return 'climbs out of the package with ..'
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty segment'
  return undefined
}

const open = (file: string): Promise<ZipFile> =>
  new Promise((resolve, reject) =>
    // decodeStrings off: yauzl would reject `..` itself with a bare message; we check every name and say which.
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(new PackageError('not_a_zip', 'the file is not a zip archive')) : resolve(zip),
    ),
  )

/** Lists every entry of the central directory, validating names and sizes before anything is extracted. */
function listEntries(zip: ZipFile): Promise<ZipFileEntry[]> {
  return new Promise((resolve, reject) => {
    const files: ZipFileEntry[] = []
    let total = 0
    zip.on('error', () => reject(new PackageError('not_a_zip', 'the zip archive is damaged')))
    zip.on('end', () => resolve(files))
    zip.on('entry', (entry: Entry) => {
      const raw = entry.fileName as unknown as Buffer
      // General purpose bit 11: the name is UTF-8; otherwise CP437, whose printable ASCII range is the same.
      const name = (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1')
      const reason = unsafePathReason(name)
      if (reason) return reject(new PackageError('unsafe_path', `the package has an entry "${name}" that ${reason}; nothing was imported`))
      if (files.length >= ZIP_LIMITS.maxEntries)
        return reject(new PackageError('too_many_files', `the package has more than ${ZIP_LIMITS.maxEntries} files`))
      total += entry.uncompressedSize
      if (total > ZIP_LIMITS.maxTotalBytes) return reject(new PackageError('too_large', 'the package unpacks to more than 1 GB'))
      if (
        entry.compressedSize > 0 &&
        entry.uncompressedSize / entry.compressedSize > ZIP_LIMITS.maxRatio &&
        entry.uncompressedSize > 1024 * 1024
      ) {
        return reject(new PackageError('suspicious_compression', `"${name}" is compressed suspiciously well (a zip bomb?)`))
      }
      if (!name.endsWith('/')) files.push({ path: name, size: entry.uncompressedSize, compressedSize: entry.compressedSize, entry })
      zip.readEntry()
    })
    zip.readEntry()
  })
}

/** Opens a zip file on disk and lists its files; throws PackageError for anything that is not a safe archive. */
export async function openZip(file: string): Promise<OpenZip> {
  const zip = await open(file)
  let files: ZipFileEntry[]
  try {
    files = await listEntries(zip)
  } catch (err) {
    zip.close()
    throw err
  }
  const read = (f: ZipFileEntry): Promise<Readable> =>
    new Promise((resolve, reject) =>
      zip.openReadStream(f.entry, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream))),
    )
  return {
    files,
    read,
    async readText(f, maxBytes) {
      if (f.size > maxBytes) throw new PackageError('too_large', `${f.path} is larger than ${maxBytes} bytes`)
      const chunks: Buffer[] = []
      for await (const chunk of await read(f)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    close: () => zip.close(),
  }
}
