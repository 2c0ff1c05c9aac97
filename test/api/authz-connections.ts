import type { FastifyInstance } from 'fastify'
import {
  insertMatches,
  insertMeeting,
  insertProgramme,
  insertRound,
  upsertParticipant,
  type MatchRow,
} from '../../src/server/connections/store.js'
import { setProgrammeEnded } from '../../src/server/connections/lifecycle-store.js'
import { newId, nowIso } from '../../src/server/platform/time.js'
import type { ProgrammeKind } from '../../src/shared/connections.js'
import { MEMBERS, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import type { Caller } from './support.js'

// Connections: managers and admins create programmes; a programme's rounds and participation are its owner's
// (and admins'); a match, its meetings and its log are its members' alone (404 to anyone else, admins too).

const MANAGERS = ['manager', 'admin'] as const
const ownerOnly = { member: 403, manager: 403, admin: 200 }
const hidden = { member: 404, manager: 404, admin: 404 }
const base = '/api/connections'

async function programme(app: FastifyInstance, ownerId: string | null, kind: ProgrammeKind = 'lunch'): Promise<string> {
  const id = newId()
  await insertProgramme(app.db, {
    id,
    kind,
    name: `${kind} ${id.slice(0, 4)}`,
    description: '',
    owner_id: ownerId ?? (await fx.person(app)).id,
    department: '',
    cadence_days: 0,
    duration_weeks: 4,
    repeat_rounds: 1,
    cross_department: 1,
    status: 'open',
    next_round_at: null,
    created_at: nowIso(),
  })
  return id
}

/** An ended programme that `personId` (when given) took part in. */
async function endedProgramme(app: FastifyInstance, personId: string | null): Promise<string> {
  const id = await programme(app, null)
  await setProgrammeEnded(app.db, id)
  if (personId)
    await upsertParticipant(app.db, {
      programme_id: id,
      person_id: personId,
      role: 'member',
      capacity: 1,
      who_am_i: '',
      want_to_become: '',
      goals: '',
      skills_offered: '[]',
      skills_wanted: '[]',
      status: 'active',
      joined_at: nowIso(),
    })
  return id
}

async function draftRound(app: FastifyInstance, ownerId: string | null): Promise<string> {
  const id = newId()
  await insertRound(app.db, {
    id,
    programme_id: await programme(app, ownerId),
    number: 1,
    status: 'draft',
    objective: 0,
    created_at: nowIso(),
    approved_at: null,
    approved_by: null,
  })
  return id
}

/** A match between `personId` (or a new person) and a new person, in an approved round. */
async function match(app: FastifyInstance, personId: string | null, status: MatchRow['status'] = 'proposed'): Promise<string> {
  const programmeId = await programme(app, null)
  const roundId = newId()
  await insertRound(app.db, {
    id: roundId,
    programme_id: programmeId,
    number: 1,
    status: 'approved',
    objective: 0,
    created_at: nowIso(),
    approved_at: nowIso(),
    approved_by: null,
  })
  const id = newId()
  const people = [personId ?? (await fx.person(app)).id, (await fx.person(app)).id]
  const accepted = status === 'active'
  await insertMatches(
    app.db,
    [{ id, round_id: roundId, programme_id: programmeId, status, score: 1, reasons: '["test"]', proposed_by: null, created_at: nowIso() }],
    people.map((p) => ({
      match_id: id,
      person_id: p,
      role: 'member' as const,
      response: accepted ? ('accepted' as const) : ('pending' as const),
      responded_at: null,
      notified_at: nowIso(),
      reflection: null,
      reminded_at: null,
    })),
  )
  return id
}

async function meeting(app: FastifyInstance, personId: string | null): Promise<string> {
  const id = newId()
  await insertMeeting(app.db, {
    id,
    match_id: await match(app, personId, 'active'),
    organizer_id: personId,
    // In the past, so "did you meet?" may be answered (it is refused before the start).
    starts_at: '2025-01-01T10:00:00.000Z',
    minutes: 30,
    location: 'Café',
    sequence: 0,
    status: 'scheduled',
    held: null,
    checked_at: null,
    reminded_at: null,
    checkback_reminded_at: null,
    created_at: nowIso(),
    updated_at: nowIso(),
  })
  return id
}

const me = (c: Caller) => c.person?.id ?? null
const questionnaire = { role: 'member', capacity: 1, whoAmI: '', wantToBecome: '', goals: '', skillsOffered: [], skillsWanted: [] }
const meetingBody = { startsAt: '2030-02-01T10:00:00Z', minutes: 30, location: 'Room 1' }

export const CONNECTION_ROUTES: Record<string, AuthzEntry> = {
  [`GET ${base}/programmes`]: { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: `${base}/programmes` }) },
  [`POST ${base}/programmes`]: {
    allowed: MANAGERS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: `${base}/programmes`,
      payload: { kind: 'lunch', name: 'Coffee', cadenceDays: 14, durationWeeks: 12, repeatRounds: 3, crossDepartment: 1 },
    }),
  },
  [`GET ${base}/departments`]: {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: `${base}/departments` }),
  },
  [`GET ${base}/programmes/:id`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `${base}/programmes/${await programme(app, null)}` }),
  },
  [`GET ${base}/programmes/:id/questionnaire`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `${base}/programmes/${await programme(app, null)}/questionnaire` }),
  },
  [`PUT ${base}/programmes/:id/participation`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({
      method: 'PUT',
      url: `${base}/programmes/${await programme(app, null)}/participation`,
      payload: questionnaire,
    }),
  },
  [`DELETE ${base}/programmes/:id/participation`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => {
      const id = await programme(app, null)
      if (caller.person)
        await upsertParticipant(app.db, {
          programme_id: id,
          person_id: caller.person.id,
          role: 'member',
          capacity: 1,
          who_am_i: '',
          want_to_become: '',
          goals: '',
          skills_offered: '[]',
          skills_wanted: '[]',
          status: 'active',
          joined_at: nowIso(),
        })
      return { method: 'DELETE', url: `${base}/programmes/${id}/participation` }
    },
  },
  [`GET ${base}/programmes/:id/participation`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'GET', url: `${base}/programmes/${await programme(app, me(c))}/participation` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `${base}/programmes/${await programme(app, null)}/participation` }),
      status: ownerOnly,
    },
  },
  [`GET ${base}/programmes/:id/reflection`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'GET', url: `${base}/programmes/${await endedProgramme(app, me(c))}/reflection` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `${base}/programmes/${await endedProgramme(app, null)}/reflection` }),
      status: hidden,
    },
  },
  [`PUT ${base}/programmes/:id/reflection`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({
      method: 'PUT',
      url: `${base}/programmes/${await endedProgramme(app, me(c))}/reflection`,
      payload: { body: 'Mine alone' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PUT',
        url: `${base}/programmes/${await endedProgramme(app, null)}/reflection`,
        payload: { body: 'Not mine' },
      }),
      status: hidden,
    },
  },
  [`GET ${base}/programmes/:id/rounds`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'GET', url: `${base}/programmes/${await programme(app, me(c))}/rounds` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `${base}/programmes/${await programme(app, null)}/rounds` }),
      status: ownerOnly,
    },
  },
  [`POST ${base}/programmes/:id/rounds`]: {
    allowed: MEMBERS,
    status: 202,
    request: async ({ app }, c) => ({ method: 'POST', url: `${base}/programmes/${await programme(app, me(c))}/rounds` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'POST', url: `${base}/programmes/${await programme(app, null)}/rounds` }),
      status: { member: 403, manager: 403, admin: 202 },
    },
  },
  [`POST ${base}/programmes/:id/introductions`]: {
    allowed: MANAGERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `${base}/programmes/${await programme(app, null, 'intro')}/introductions`,
      payload: { personA: (await fx.person(app)).id, personB: (await fx.person(app)).id, reason: 'Both on onboarding tooling' },
    }),
  },
  [`GET ${base}/rounds/:id`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'GET', url: `${base}/rounds/${await draftRound(app, me(c))}` }),
    notOwner: { request: async ({ app }) => ({ method: 'GET', url: `${base}/rounds/${await draftRound(app, null)}` }), status: ownerOnly },
  },
  [`POST ${base}/rounds/:id/approval`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'POST', url: `${base}/rounds/${await draftRound(app, me(c))}/approval` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'POST', url: `${base}/rounds/${await draftRound(app, null)}/approval` }),
      status: ownerOnly,
    },
  },
  [`GET ${base}/matches`]: { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: `${base}/matches` }) },
  [`GET ${base}/matches/:id`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'GET', url: `${base}/matches/${await match(app, me(c))}` }),
    notOwner: { request: async ({ app }) => ({ method: 'GET', url: `${base}/matches/${await match(app, null)}` }), status: hidden },
  },
  [`POST ${base}/matches/:id/response`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({
      method: 'POST',
      url: `${base}/matches/${await match(app, me(c))}/response`,
      payload: { response: 'accepted' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `${base}/matches/${await match(app, null)}/response`,
        payload: { response: 'accepted' },
      }),
      status: hidden,
    },
  },
  [`POST ${base}/matches/:id/meetings`]: {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }, c) => ({
      method: 'POST',
      url: `${base}/matches/${await match(app, me(c), 'active')}/meetings`,
      payload: meetingBody,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `${base}/matches/${await match(app, null, 'active')}/meetings`,
        payload: meetingBody,
      }),
      status: hidden,
    },
  },
  [`POST ${base}/matches/:id/log`]: {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }, c) => ({
      method: 'POST',
      url: `${base}/matches/${await match(app, me(c), 'active')}/log`,
      payload: { kind: 'note', body: 'hi' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `${base}/matches/${await match(app, null, 'active')}/log`,
        payload: { kind: 'note', body: 'hi' },
      }),
      status: hidden,
    },
  },
  [`PUT ${base}/matches/:id/reflection`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({
      method: 'PUT',
      url: `${base}/matches/${await match(app, me(c), 'active')}/reflection`,
      payload: { body: 'good' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PUT',
        url: `${base}/matches/${await match(app, null, 'active')}/reflection`,
        payload: { body: 'good' },
      }),
      status: hidden,
    },
  },
  [`PUT ${base}/meetings/:id`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'PUT', url: `${base}/meetings/${await meeting(app, me(c))}`, payload: meetingBody }),
    notOwner: {
      request: async ({ app }) => ({ method: 'PUT', url: `${base}/meetings/${await meeting(app, null)}`, payload: meetingBody }),
      status: hidden,
    },
  },
  [`DELETE ${base}/meetings/:id`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'DELETE', url: `${base}/meetings/${await meeting(app, me(c))}` }),
    notOwner: { request: async ({ app }) => ({ method: 'DELETE', url: `${base}/meetings/${await meeting(app, null)}` }), status: hidden },
  },
  [`POST ${base}/meetings/:id/check`]: {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({
      method: 'POST',
      url: `${base}/meetings/${await meeting(app, me(c))}/check`,
      payload: { held: true },
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'POST', url: `${base}/meetings/${await meeting(app, null)}/check`, payload: { held: true } }),
      status: hidden,
    },
  },
}
