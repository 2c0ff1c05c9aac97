import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { headerComment } from './usage.js'

// `--help` on every command-line entry point of bench/ and scripts/ prints its usage (the header comment) and
// exits 0, instead of failing on an unknown option or taking `--help` for a file.

const root = path.resolve(import.meta.dirname, '..')
const run = promisify(execFile)

/** Modules in bench/ and scripts/ that other code imports: no command line of their own. */
const LIBRARIES = new Set(['scripts/slack-fixture.ts', 'scripts/usage.ts', 'scripts/zip.ts'])

/** Every entry point: the TypeScript files at the top of bench/ and scripts/, and the one in scripts/routing. */
function entryPoints(): string[] {
  const top = ['bench', 'scripts'].flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${dir}/${f}`),
  )
  return [...top, 'scripts/routing/slice-site.ts'].filter((f) => !LIBRARIES.has(f)).sort()
}

describe('command-line help', () => {
  it('reads a header comment of either kind', () => {
    expect(headerComment('/**\n * Benchmark of x.\n *\n * Run:   npm run bench:x\n *   --n N\n */\nimport a from "a"\n')).toBe(
      'Benchmark of x.\n\nRun:   npm run bench:x\n  --n N',
    )
    expect(headerComment('// `npm run eval:x -- DIR`: does x.\n// More.\nimport a from "a"\n// not this\n')).toBe(
      '`npm run eval:x -- DIR`: does x.\nMore.',
    )
  })

  it('covers every package.json script that runs a file of bench/ or scripts/', () => {
    const scripts = Object.values(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>)
    const named = scripts.flatMap((s) => [...s.matchAll(/\btsx ((?:bench|scripts)\/\S+\.ts)/g)].map((m) => m[1]!))
    expect(named.length).toBeGreaterThan(10)
    expect(named.filter((f) => !entryPoints().includes(f))).toEqual([])
  })

  // Two at a time: each starts tsx and loads its imports, on a machine the other tests share.
  it('prints the usage and exits 0 for --help, on every entry point', async () => {
    const files = entryPoints()
    const failures: string[] = []
    const check = async (file: string) => {
      const first = headerComment(fs.readFileSync(path.join(root, file), 'utf8')).split('\n')[0]!
      try {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', file, '--help'], { cwd: root, timeout: 60_000 })
        if (!stdout.trim() || !stdout.startsWith(first)) failures.push(`${file}: printed ${JSON.stringify(stdout.slice(0, 120))}`)
      } catch (err) {
        const e = err as { code?: number; stderr?: string }
        const said = String(e.stderr ?? err)
          .split('\n')
          .slice(0, 3)
        failures.push(`${file}: exit ${e.code}: ${said.join(' ')}`)
      }
    }
    const queue = [...files]
    await Promise.all(
      [0, 1].map(async () => {
        for (let file = queue.shift(); file; file = queue.shift()) await check(file)
      }),
    )
    expect(failures).toEqual([])
  }, 300_000)
})
