import fs from 'node:fs'
import path from 'node:path'

interface SevenZipModule {
  FS: {
    mkdir(p: string): void
    mount(type: unknown, opts: { root: string }, mountpoint: string): void
    unmount(mountpoint: string): void
  }
  NODEFS: unknown
  callMain(args: string[]): number
}

/**
 * Unpacks a .7z archive into `outDir` with 7-Zip compiled to WebAssembly (npm 7z-wasm), so no system
 * package is needed. Throws when 7-Zip reports an error.
 */
export async function extract7z(archive: string, outDir: string): Promise<string[]> {
  const { default: SevenZip } = (await import('7z-wasm')) as unknown as { default: (opts: object) => Promise<SevenZipModule> }
  const errors: string[] = []
  const sz = await SevenZip({ print: () => undefined, printErr: (line: string) => errors.push(line) })
  fs.mkdirSync(outDir, { recursive: true })
  sz.FS.mkdir('/in')
  sz.FS.mount(sz.NODEFS, { root: path.dirname(path.resolve(archive)) }, '/in')
  sz.FS.mkdir('/out')
  sz.FS.mount(sz.NODEFS, { root: path.resolve(outDir) }, '/out')
  let code: number
  try {
    code = sz.callMain(['x', `/in/${path.basename(archive)}`, '-o/out', '-y', '-bd'])
  } catch (err) {
    throw new Error(`7-Zip failed: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (code !== 0) throw new Error(`7-Zip could not unpack the archive (exit ${code}): ${errors.slice(-3).join(' ')}`)
  return fs.readdirSync(outDir)
}
