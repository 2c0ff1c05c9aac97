import fs from 'node:fs'
import readline from 'node:readline'
import { normaliseTags, POST_TAG_LIMIT } from '../../shared/tags.js'

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes the XML entities Stack Exchange dumps use in attribute values. */
export function decodeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** Parses the attributes of one `<row ... />` element. */
export function parseRow(line: string): Record<string, string> | undefined {
  const start = line.indexOf('<row ')
  if (start < 0) return undefined
  const row: Record<string, string> = {}
  for (const m of line.slice(start + 5).matchAll(/([A-Za-z][A-Za-z0-9]*)="([^"]*)"/g)) {
    row[m[1] as string] = decodeXml(m[2] as string)
  }
  return row
}

/**
 * Streams the rows of a Stack Exchange dump file. The dumps put one `<row/>` per line, which keeps memory
 * flat for large exports; a file in another layout is refused rather than misread.
 */
export async function* readRows(file: string): AsyncGenerator<Record<string, string>> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  let sawRoot = false
  for await (const line of lines) {
    const trimmed = line.trim()
    if (!trimmed) continue
    if (trimmed.startsWith('<row ')) {
      if (!trimmed.endsWith('/>')) throw new Error(`${file}: a <row> spans several lines; this is not a Stack Exchange dump layout`)
      const row = parseRow(trimmed)
      if (row) yield row
    } else if (/^(\uFEFF)?<(\?xml|[a-z]+>|\/[a-z]+>)/i.test(trimmed)) {
      sawRoot = true
    } else {
      throw new Error(`${file}: unexpected content: ${trimmed.slice(0, 60)}`)
    }
  }
  if (!sawRoot) throw new Error(`${file}: not an XML dump file`)
}

/** `2014-01-21T20:26:05.383` (UTC without a zone in the dumps) as ISO-8601 with Z. */
export function seDate(value: string | undefined): string {
  if (!value) return new Date(0).toISOString()
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString()
}

/** `<beer><hops>` or `|beer|hops|` as a post's tag list (src/shared/tags.ts), as the app would store it. */
export function seTags(value: string | undefined): string[] {
  if (!value) return []
  const tags = value.includes('<') ? [...value.matchAll(/<([^>]+)>/g)].map((m) => m[1] as string) : value.split('|')
  return normaliseTags(tags, POST_TAG_LIMIT)
}
