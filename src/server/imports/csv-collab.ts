// Email metadata and generic interaction CSVs: parsing (csv-parse, RFC 4180), a column mapping guessed from the
// headers, and row validation with line numbers. Pure: the service hands in the file's text. No content is
// read: an email row has a sender, recipients and a date, nothing else.
import { createHash } from 'node:crypto'
import { CsvError, parse } from 'csv-parse/sync'
import { CSV_FIELDS, type CsvFormat, type CsvMapping, type CsvRowError } from '../../shared/collab-imports.js'
import type { CollabAccount, CollabEvent } from './collab-write.js'

export interface CsvTable {
  headers: string[]
  rows: { fields: string[]; line: number }[]
}

/** A mail to more people than this is an announcement, not a tie between its sender and each reader. */
export const MAX_RECIPIENTS = 50
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/
const KIND = /^[a-z][a-z0-9_-]{0,39}$/

/** Parses CSV text into a header and rows with the line each starts on, or a row error for broken quoting. */
export function parseCsvTable(text: string): CsvTable | { error: CsvRowError } {
  // Line endings are normalised first so that line numbers can be counted from the newlines inside fields.
  const normal = text.replace(/\r\n?/g, '\n')
  let parsed: string[][]
  try {
    parsed = parse(normal, { bom: true, relax_column_count: true })
  } catch (err) {
    if (!(err instanceof CsvError)) throw err
    const line = typeof (err as CsvError & { lines?: unknown }).lines === 'number' ? (err as CsvError & { lines: number }).lines : 1
    return { error: { line, field: 'csv', message: err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted value is never closed' : err.message } }
  }
  const rows: { fields: string[]; line: number }[] = []
  let line = 1
  for (const fields of parsed) {
    if (!(fields.length === 1 && fields[0]?.trim() === '')) rows.push({ fields, line })
    line += 1
    for (const f of fields) if (f.includes('\n')) line += f.split('\n').length - 1
  }
  const header = rows.shift()
  if (!header) return { error: { line: 1, field: 'csv', message: 'the file is empty' } }
  return { headers: header.fields.map((h) => h.trim()), rows }
}

const SYNONYMS: Record<string, string[]> = {
  sender: ['sender', 'from', 'from_address', 'author'],
  recipients: ['recipients', 'to', 'to_addresses', 'recipient'],
  cc: ['cc'],
  date: ['date', 'sent', 'sent_at', 'timestamp', 'time'],
  message_id: ['message_id', 'messageid', 'id'],
  from: ['from', 'actor', 'source', 'sender'],
  to: ['to', 'target', 'recipient'],
  at: ['at', 'date', 'time', 'timestamp', 'when'],
  kind: ['kind', 'type', 'event'],
  topic: ['topic', 'channel', 'subject_area', 'tag'],
  weight: ['weight', 'strength'],
}
const key = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

/** The mapping the headers' names suggest: each field to the first header that names it. */
export function suggestMapping(format: CsvFormat, headers: string[]): CsvMapping {
  const out: CsvMapping = {}
  for (const field of [...CSV_FIELDS[format].required, ...CSV_FIELDS[format].optional]) {
    const found = headers.find((h) => (SYNONYMS[field] ?? [field]).includes(key(h)))
    if (found !== undefined) out[field] = found
  }
  return out
}

/** Addresses in a recipients cell: separated by `;`, `,` or spaces, each bare or as `Name <address>`. */
export function parseAddresses(cell: string): string[] {
  const out: string[] = []
  for (const part of cell.split(/[;,]/)) {
    const angled = /<([^>]+)>/.exec(part)
    for (const a of angled ? [angled[1] as string] : part.trim().split(/\s+/)) if (a.trim()) out.push(a.trim().toLowerCase())
  }
  return out
}

function parseTime(value: string): string | undefined {
  const ms = Date.parse(value.trim())
  if (Number.isNaN(ms)) return undefined
  const year = new Date(ms).getUTCFullYear()
  return year >= 1990 && year <= 2100 ? new Date(ms).toISOString() : undefined
}

export interface CsvEvents {
  accounts: CollabAccount[]
  events: CollabEvent[]
  errors: CsvRowError[]
  rows: number
  /** Emails to more than MAX_RECIPIENTS people, left out. */
  broadcasts: number
}

const account = (address: string): CollabAccount => ({
  claimKey: `email:${address}`,
  name: address.split('@')[0] as string,
  email: address,
})
const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)

/**
 * Checks every row against the mapping and turns the valid ones into events. Any error means the import writes
 * nothing; errors name the line (counting the header as line 1) and the field.
 */
export function csvEvents(format: CsvFormat, table: CsvTable, mapping: CsvMapping): CsvEvents {
  const errors: CsvRowError[] = []
  const fields = CSV_FIELDS[format]
  const column = new Map<string, number>()
  for (const [field, header] of Object.entries(mapping)) {
    if (!header) continue
    if (!(fields.required as readonly string[]).includes(field) && !(fields.optional as readonly string[]).includes(field))
      errors.push({ line: 1, field, message: `"${field}" is not a field of this format` })
    const at = table.headers.indexOf(header)
    if (at < 0) errors.push({ line: 1, field, message: `there is no column "${header}"` })
    else column.set(field, at)
  }
  for (const f of fields.required) if (!mapping[f]) errors.push({ line: 1, field: f, message: `choose the column that holds "${f}"` })
  if (errors.length) return { accounts: [], events: [], errors, rows: table.rows.length, broadcasts: 0 }

  const accounts = new Map<string, CollabAccount>()
  const events: CollabEvent[] = []
  const seen = new Map<string, number>()
  let broadcasts = 0
  const cell = (fields: string[], f: string) => {
    const i = column.get(f)
    return i === undefined ? '' : (fields[i] ?? '').trim()
  }
  for (const { fields: row, line } of table.rows) {
    const fail = (field: string, message: string) => errors.push({ line, field, message })
    if (format === 'email') {
      const sender = parseAddresses(cell(row, 'sender'))[0] ?? ''
      const to = [...new Set([...parseAddresses(cell(row, 'recipients')), ...parseAddresses(cell(row, 'cc'))])]
      const at = parseTime(cell(row, 'date'))
      if (!EMAIL.test(sender)) fail('sender', `"${cell(row, 'sender')}" is not an email address`)
      const bad = to.find((a) => !EMAIL.test(a))
      if (to.length === 0) fail('recipients', 'no recipient')
      else if (bad) fail('recipients', `"${bad}" is not an email address`)
      if (!at) fail('date', `"${cell(row, 'date')}" is not a date`)
      if (!EMAIL.test(sender) || to.length === 0 || bad || !at) continue
      if (to.length > MAX_RECIPIENTS) {
        broadcasts++
        continue
      }
      const id = cell(row, 'message_id') || digest(sender, at, to.join(','))
      for (const a of [sender, ...to]) accounts.set(a, account(a))
      for (const r of to)
        events.push({
          actor: `email:${sender}`,
          target: `email:${r}`,
          kind: 'email',
          topics: [],
          at,
          weight: 1 / to.length,
          ref: `email:${id}:${r}`,
        })
    } else {
      const from = parseAddresses(cell(row, 'from'))[0] ?? ''
      const to = parseAddresses(cell(row, 'to'))[0] ?? ''
      const at = parseTime(cell(row, 'at'))
      const kind = (cell(row, 'kind') || 'interaction').toLowerCase()
      const topic = cell(row, 'topic')
      const weightText = cell(row, 'weight')
      const weight = weightText === '' ? 1 : Number(weightText)
      if (!EMAIL.test(from)) fail('from', `"${cell(row, 'from')}" is not an email address`)
      if (!EMAIL.test(to)) fail('to', `"${cell(row, 'to')}" is not an email address`)
      else if (to === from) fail('to', 'from and to are the same person')
      if (!at) fail('at', `"${cell(row, 'at')}" is not a date`)
      if (!KIND.test(kind)) fail('kind', `"${kind}" is not a kind (letters, digits, - and _, starting with a letter)`)
      if (topic.length > 60) fail('topic', 'a topic has at most 60 characters')
      if (!(Number.isFinite(weight) && weight > 0 && weight <= 100)) fail('weight', `"${weightText}" is not a weight between 0 and 100`)
      if (errors.length && errors[errors.length - 1]?.line === line) continue
      // Identical rows are distinct events (two calls on one day): the nth of them keeps its own key.
      const base = digest(from, to, at as string, kind, topic)
      const n = (seen.get(base) ?? 0) + 1
      seen.set(base, n)
      accounts.set(from, account(from)).set(to, account(to))
      events.push({
        actor: `email:${from}`,
        target: `email:${to}`,
        kind,
        topics: topic ? [topic] : [],
        at: at as string,
        weight,
        ref: `csv:${base}:${n}`,
      })
    }
  }
  return { accounts: [...accounts.values()], events, errors, rows: table.rows.length, broadcasts }
}
