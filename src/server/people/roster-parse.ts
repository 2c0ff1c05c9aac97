import { CsvError, parse } from 'csv-parse/sync'
import type { RosterRowError } from '../../shared/schemas.js'

/** The columns of a roster file, in the template's order. */
export const ROSTER_COLUMNS = ['email', 'name', 'title', 'department', 'manager_email', 'location', 'start_date'] as const
export type RosterColumn = (typeof ROSTER_COLUMNS)[number]
const REQUIRED_COLUMNS: readonly RosterColumn[] = ['email', 'name']

/** Longest value accepted per field; they match the profile limits in shared/schemas.ts. */
export const FIELD_LIMITS: Record<RosterColumn, number> = {
  email: 254,
  name: 120,
  title: 120,
  department: 120,
  manager_email: 254,
  location: 120,
  start_date: 10,
}

/** A roster row, cleaned: emails lower-cased, whitespace collapsed, empty optional values as ''. */
export interface RosterRow {
  /** 1-based line where the record starts; the header is line 1. */
  line: number
  email: string
  name: string
  title: string
  department: string
  managerEmail: string
  location: string
  startDate: string
  /** True when the row failed a check of its own fields; cross-row checks skip it. */
  invalid: boolean
}

export interface ParsedRoster {
  rows: RosterRow[]
  /** Columns the file has; an absent optional column leaves that field of existing people alone. */
  columns: ReadonlySet<RosterColumn>
  errors: RosterRowError[]
}

export const ROSTER_TEMPLATE = [
  ROSTER_COLUMNS.join(','),
  'ada.lovelace@example.com,Ada Lovelace,Head of Engineering,Engineering,,London,2019-03-01',
  'grace.hopper@example.com,Grace Hopper,Staff Engineer,Engineering,ada.lovelace@example.com,London,2021-06-14',
  'alan.turing@example.com,Alan Turing,Data Scientist,Engineering,ada.lovelace@example.com,Manchester,2023-09-04',
  '',
].join('\n')

// Deliberately loose: the address must look like local@domain.tld; delivery proves the rest.
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/

/** True when `value` looks like an email address. */
export function isEmail(value: string): boolean {
  return value.length <= FIELD_LIMITS.email && EMAIL.test(value)
}

/** True for a real calendar date written YYYY-MM-DD (so 2023-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim()
const headerName = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

function parseRecords(csv: string): { records: { fields: string[]; line: number }[] } | { error: RosterRowError } {
  // Line endings are normalised first so that line numbers can be counted from the newlines in the fields.
  const text = csv.replace(/\r\n?/g, '\n')
  try {
    // Without csv-parse's `info` (which doubles its time), lines are counted here: one per record, plus the
    // newlines inside quoted values. Empty lines come through as a single empty value and are skipped.
    const parsed: string[][] = parse(text, { bom: true, relax_column_count: true })
    const records: { fields: string[]; line: number }[] = []
    let line = 1
    for (const fields of parsed) {
      if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ fields, line })
      line += 1
      for (const f of fields) if (f.includes('\n')) line += f.split('\n').length - 1
    }
    return { records }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err
    const line = typeof (err as CsvError & { lines?: unknown }).lines === 'number' ? (err as CsvError & { lines: number }).lines : 1
    const message =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted value is never closed (unbalanced quotes): the file ends inside quotes at line ${line}`
        : `the file is not valid CSV: ${err.message}`
    return { error: { line, email: '', field: 'csv', message } }
  }
}

function checkHeader(header: string[]): { columns: (RosterColumn | undefined)[]; errors: RosterRowError[] } {
  const names = header.map(headerName)
  const known = new Set<string>(ROSTER_COLUMNS)
  const errors: RosterRowError[] = []
  const seen = new Set<string>()
  for (const name of names) {
    if (name === '') errors.push({ line: 1, email: '', field: 'header', message: 'a column has no name' })
    else if (!known.has(name))
      errors.push({ line: 1, email: '', field: name, message: `unknown column "${name}"; the columns are ${ROSTER_COLUMNS.join(', ')}` })
    else if (seen.has(name)) errors.push({ line: 1, email: '', field: name, message: `column "${name}" appears twice` })
    seen.add(name)
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) errors.push({ line: 1, email: '', field: required, message: `the required column "${required}" is missing` })
  }
  return { columns: names.map((n) => (known.has(n) ? (n as RosterColumn) : undefined)), errors }
}

/** Checks one row's own fields; pushes an error per problem. */
function checkRowFields(row: RosterRow, present: ReadonlySet<RosterColumn>, errors: RosterRowError[]): void {
  const fail = (field: string, message: string) => {
    errors.push({ line: row.line, email: row.email, field, message })
    row.invalid = true
  }
  if (row.email === '') fail('email', 'email is required')
  else if (!isEmail(row.email)) fail('email', `"${row.email.slice(0, 80)}" is not a valid email address`)
  if (row.name === '') fail('name', 'name is required')
  const values: Record<RosterColumn, string> = {
    email: row.email,
    name: row.name,
    title: row.title,
    department: row.department,
    manager_email: row.managerEmail,
    location: row.location,
    start_date: row.startDate,
  }
  for (const column of ROSTER_COLUMNS) {
    if (column !== 'start_date' && values[column].length > FIELD_LIMITS[column])
      fail(column, `${column} is longer than ${FIELD_LIMITS[column]} characters`)
  }
  if (present.has('manager_email') && row.managerEmail !== '' && !isEmail(row.managerEmail))
    fail('manager_email', `"${row.managerEmail.slice(0, 80)}" is not a valid email address`)
  if (row.startDate !== '' && !isIsoDate(row.startDate))
    fail('start_date', `"${row.startDate.slice(0, 40)}" is not a real date written YYYY-MM-DD`)
}

/**
 * Parses a roster CSV and checks everything that needs no database: the header, the shape of each record and
 * each row's own fields. A file that is not CSV at all (say, an unclosed quote) gives one error and no rows.
 */
export function parseRoster(csv: string): ParsedRoster {
  const none: ParsedRoster = { rows: [], columns: new Set(), errors: [] }
  if (csv.replace(/^\ufeff/, '').trim() === '')
    return { ...none, errors: [{ line: 1, email: '', field: 'csv', message: 'the file is empty' }] }
  const parsed = parseRecords(csv)
  if ('error' in parsed) return { ...none, errors: [parsed.error] }
  const [header, ...records] = parsed.records
  if (!header) return { ...none, errors: [{ line: 1, email: '', field: 'csv', message: 'the file is empty' }] }
  const { columns, errors } = checkHeader(header.fields)
  const present = new Set(columns.filter((c): c is RosterColumn => c !== undefined))
  if (errors.length > 0) return { rows: [], columns: present, errors }
  if (records.length === 0)
    return { rows: [], columns: present, errors: [{ line: 2, email: '', field: 'csv', message: 'the file has a header but no rows' }] }

  const rows: RosterRow[] = []
  for (const record of records) {
    const value = (column: RosterColumn) => clean(record.fields[columns.indexOf(column)])
    const row: RosterRow = {
      line: record.line,
      email: value('email').toLowerCase(),
      name: value('name'),
      title: value('title'),
      department: value('department'),
      managerEmail: value('manager_email').toLowerCase(),
      location: value('location'),
      startDate: value('start_date'),
      invalid: false,
    }
    rows.push(row)
    if (record.fields.length !== columns.length) {
      errors.push({
        line: row.line,
        email: row.email,
        field: 'csv',
        message: `expected ${columns.length} values, found ${record.fields.length}`,
      })
      row.invalid = true
      continue
    }
    checkRowFields(row, present, errors)
  }
  return { rows, columns: present, errors }
}
