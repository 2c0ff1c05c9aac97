import type { RosterRowError } from '../../shared/schemas.js'
import type { PersonRow } from './store.js'
import { isEmail, type ParsedRoster, type RosterRow } from './roster-parse.js'

/** The HR fields of a person already in the database whose email is in the file. */
export type ExistingPerson = Pick<
  PersonRow,
  'id' | 'email' | 'name' | 'title' | 'department' | 'location' | 'start_date' | 'manager_id' | 'status'
>

/** Who reports to whom in the database now, for manager lookups and cycle checks. */
export interface ManagerLink {
  id: string
  email: string
  managerId: string | null
  status: PersonRow['status']
}

/** What the database holds that a roster is checked against. */
export interface RosterSnapshot {
  /** People whose email is in the file, with the fields an import may change. */
  byEmail: ReadonlyMap<string, ExistingPerson>
  /** Every person's manager link, by id and by email. */
  linksById: ReadonlyMap<string, ManagerLink>
  linksByEmail: ReadonlyMap<string, ManagerLink>
}

/** A row as it will be written: the file's values, or the person's current ones for columns the file lacks. */
export interface PlannedPerson {
  existingId: string | null
  email: string
  name: string
  title: string
  department: string
  location: string
  startDate: string | null
  managerEmail: string | null
}

export interface RosterCheck {
  /** Every error, ordered by line. */
  errors: RosterRowError[]
  creates: PlannedPerson[]
  updates: PlannedPerson[]
  unchanged: number
}

/** Builds the lookups of a snapshot from the rows the store returns. */
export function makeSnapshot(existing: ExistingPerson[], links: ManagerLink[]): RosterSnapshot {
  return {
    byEmail: new Map(existing.map((p) => [p.email, p])),
    linksById: new Map(links.map((l) => [l.id, l])),
    linksByEmail: new Map(links.map((l) => [l.email, l])),
  }
}

function managerEmailOf(snapshot: RosterSnapshot, managerId: string | null): string | null {
  return managerId === null ? null : (snapshot.linksById.get(managerId)?.email ?? null)
}

/** Finds manager chains that loop, through the file and through people already in the database. */
function findCycles(rows: Map<string, RosterRow>, snapshot: RosterSnapshot): string[][] {
  const managerOf = (email: string): string | null => {
    const row = rows.get(email)
    if (row) return row.managerEmail === '' || row.managerEmail === email ? null : row.managerEmail
    return managerEmailOf(snapshot, snapshot.linksByEmail.get(email)?.managerId ?? null)
  }
  const state = new Map<string, 'walking' | 'done'>()
  const cycles: string[][] = []
  for (const start of rows.keys()) {
    const path: string[] = []
    let current: string | null = start
    while (current !== null && !state.has(current)) {
      state.set(current, 'walking')
      path.push(current)
      current = managerOf(current)
    }
    if (current !== null && state.get(current) === 'walking') cycles.push(path.slice(path.indexOf(current)))
    for (const email of path) state.set(email, 'done')
  }
  return cycles
}

function describeCycle(cycle: string[], from: string): string {
  const i = cycle.indexOf(from)
  const ordered = [...cycle.slice(i), ...cycle.slice(0, i)]
  const shown = ordered.length > 6 ? [...ordered.slice(0, 5), `… (${ordered.length - 5} more)`] : ordered
  return `the manager chain loops: ${[...shown, from].join(' → ')}`
}

function plan(
  row: RosterRow,
  columns: ParsedRoster['columns'],
  existing: ExistingPerson | undefined,
  snapshot: RosterSnapshot,
): PlannedPerson {
  const pick = <T>(column: Parameters<ParsedRoster['columns']['has']>[0], fromFile: T, current: T, fallback: T): T =>
    columns.has(column) ? fromFile : existing ? current : fallback
  return {
    existingId: existing?.id ?? null,
    email: row.email,
    name: row.name,
    title: pick('title', row.title, existing?.title ?? '', ''),
    department: pick('department', row.department, existing?.department ?? '', ''),
    location: pick('location', row.location, existing?.location ?? '', ''),
    startDate: pick('start_date', row.startDate || null, existing?.start_date ?? null, null),
    managerEmail: pick('manager_email', row.managerEmail || null, managerEmailOf(snapshot, existing?.manager_id ?? null), null),
  }
}

function isUnchanged(p: PlannedPerson, existing: ExistingPerson, snapshot: RosterSnapshot): boolean {
  return (
    p.name === existing.name &&
    p.title === existing.title &&
    p.department === existing.department &&
    p.location === existing.location &&
    p.startDate === existing.start_date &&
    p.managerEmail === managerEmailOf(snapshot, existing.manager_id)
  )
}

/**
 * Checks a parsed roster against the database: duplicate emails, erased accounts, unknown managers, people
 * managing themselves and manager loops (through the file and existing people alike); then sorts the
 * error-free rows into creates, updates and unchanged. Pure: the same input always gives the same answer.
 */
export function checkRoster(parsed: ParsedRoster, snapshot: RosterSnapshot): RosterCheck {
  const errors = [...parsed.errors]
  const failed = new Set<RosterRow>(parsed.rows.filter((r) => r.invalid))
  const fail = (row: RosterRow, field: string, message: string) => {
    errors.push({ line: row.line, email: row.email, field, message })
    failed.add(row)
  }

  const first = new Map<string, RosterRow>()
  for (const row of parsed.rows) {
    if (!isEmail(row.email)) continue
    const earlier = first.get(row.email)
    if (earlier) fail(row, 'email', `${row.email} is also on line ${earlier.line}`)
    else first.set(row.email, row)
  }

  const hasManagers = parsed.columns.has('manager_email')
  for (const row of first.values()) {
    if (snapshot.linksByEmail.get(row.email)?.status === 'erased')
      fail(row, 'email', `${row.email} belongs to an erased account and cannot be imported again`)
    if (!hasManagers || row.managerEmail === '' || !isEmail(row.managerEmail)) continue
    if (row.managerEmail === row.email) {
      fail(row, 'manager_email', 'a person cannot manage themself')
      continue
    }
    const inDb = snapshot.linksByEmail.get(row.managerEmail)
    if (!first.has(row.managerEmail) && (!inDb || inDb.status === 'erased')) {
      fail(row, 'manager_email', `no one with the email ${row.managerEmail} is in the file or in Wellspring`)
    }
  }
  if (hasManagers) {
    for (const cycle of findCycles(first, snapshot)) {
      for (const email of cycle) {
        const row = first.get(email)
        if (row) fail(row, 'manager_email', describeCycle(cycle, email))
      }
    }
  }

  const result: RosterCheck = { errors: errors.sort((a, b) => a.line - b.line), creates: [], updates: [], unchanged: 0 }
  for (const row of first.values()) {
    if (failed.has(row)) continue
    const existing = snapshot.byEmail.get(row.email)
    const planned = plan(row, parsed.columns, existing, snapshot)
    if (!existing) result.creates.push(planned)
    else if (isUnchanged(planned, existing, snapshot)) result.unchanged += 1
    else result.updates.push(planned)
  }
  return result
}

/** The people in an order where each manager comes before their reports (the check has ruled out loops). */
export function orderManagersFirst(people: PlannedPerson[]): PlannedPerson[] {
  const byEmail = new Map(people.map((p) => [p.email, p]))
  const depth = new Map<string, number>()
  const depthOf = (start: PlannedPerson): number => {
    const chain: PlannedPerson[] = []
    let current: PlannedPerson | undefined = start
    while (current && !depth.has(current.email) && chain.length <= people.length) {
      chain.push(current)
      current = current.managerEmail === null ? undefined : byEmail.get(current.managerEmail)
    }
    let d = current ? (depth.get(current.email) ?? 0) + 1 : 0
    for (let i = chain.length - 1; i >= 0; i--) depth.set((chain[i] as PlannedPerson).email, d++)
    return depth.get(start.email) ?? 0
  }
  return people
    .map((p) => ({ p, d: depthOf(p) }))
    .sort((a, b) => a.d - b.d)
    .map(({ p }) => p)
}
