import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

// `--help` for the command-line entry points of bench/ and scripts/. Each one's usage is its header comment,
// so that is what it prints: one text, kept beside the code that reads the options.

/** The leading comment of a source file without its markers: a `/** … *\/` block, or a run of `//` lines. */
export function headerComment(source: string): string {
  const text = source.replace(/^#!.*\n/, '')
  const block = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(text)
  if (block) {
    return block[1]!
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n')
      .trim()
  }
  const lines: string[] = []
  for (const line of text.split('\n')) {
    const comment = /^\s*\/\/ ?(.*)$/.exec(line)
    if (!comment) break
    lines.push(comment[1]!)
  }
  return lines.join('\n').trim()
}

/**
 * With `--help` or `-h` among the arguments, prints the usage of the entry point at `moduleUrl` (pass
 * `import.meta.url`): its header comment. Then it exits 0, before the entry point reads its options, since
 * parseArgs (strict) would refuse `--help` and a positional reader would take it for a file.
 */
export function exitWithUsageOnHelp(moduleUrl: string, args: readonly string[] = process.argv.slice(2)): void {
  if (!args.includes('--help') && !args.includes('-h')) return
  console.log(headerComment(fs.readFileSync(fileURLToPath(moduleUrl), 'utf8')))
  process.exit(0)
}
