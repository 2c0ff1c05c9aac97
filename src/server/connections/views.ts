import type { Match, Meeting, Programme } from '../../shared/connections.js'
import type { PersonSummary } from '../../shared/schemas.js'
import { personSummariesById } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { findMembers, type MatchRow, type MeetingRow, type ProgrammeRow } from './store.js'

// Rows to API shapes.

/** Whether the viewer may preview and approve the programme's rounds: its owner, or an admin. */
export function canManage(viewer: Viewer, programme: ProgrammeRow): boolean {
  return viewer.isAdmin || programme.owner_id === viewer.id
}

export function toProgramme(row: ProgrammeRow, viewer: Viewer, owner: PersonSummary | null, myRole: Programme['myRole']): Programme {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    department: row.department,
    cadenceDays: row.cadence_days,
    durationWeeks: row.duration_weeks,
    repeatRounds: row.repeat_rounds,
    crossDepartment: row.cross_department,
    groupSize: row.group_size,
    endsAt: row.ends_at,
    status: row.status,
    owner,
    canManage: canManage(viewer, row),
    myRole,
  }
}

export function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    matchId: row.match_id,
    startsAt: row.starts_at,
    minutes: row.minutes,
    location: row.location,
    sequence: row.sequence,
    status: row.status,
    held: row.held === null ? null : row.held === 1,
  }
}

export function parseReasons(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Matches with their members' summaries (erased people are left out of the members). */
export async function toMatches(db: Db, rows: MatchRow[], programmes: Map<string, ProgrammeRow>): Promise<Match[]> {
  const members = await findMembers(
    db,
    rows.map((r) => r.id),
  )
  const people = await personSummariesById(
    db,
    members.map((m) => m.person_id),
    { exceptErased: true },
  )
  return rows.map((r) => {
    const p = programmes.get(r.programme_id)
    return {
      id: r.id,
      programme: { id: r.programme_id, name: p?.name ?? '', kind: p?.kind ?? 'mentoring' },
      status: r.status,
      score: r.score,
      reasons: parseReasons(r.reasons),
      members: members
        .filter((m) => m.match_id === r.id && people.has(m.person_id))
        .map((m) => ({ person: people.get(m.person_id)!, role: m.role, response: m.response })),
      createdAt: r.created_at,
    }
  })
}
