import type { Db } from '../platform/db/dialect.js'
import type { CommunityRole } from '../../shared/communities.js'
import type { Tables } from '../platform/db/tables.js'
import { newId, nowIso } from '../platform/time.js'
import { parseRules, roleByRules } from './rules.js'
import {
  bumpMemberCount,
  findCommunityById,
  findMembership,
  insertMembershipEvent,
  insertMembershipIfAbsent,
  updateMembership,
  type CommunityRow,
  type MembershipRow,
} from './store.js'

type Reason = Tables['membership_event']['reason']

/**
 * Adds a person to a community as a newcomer and starts their trajectory. False, with nothing written, when
 * they are a member already (a concurrent request of theirs joined them first).
 */
export async function recordJoin(
  db: Db,
  communityId: string,
  personId: string,
  reason: Reason,
  actorId: string | null,
  at = nowIso(),
): Promise<boolean> {
  const joined = await insertMembershipIfAbsent(db, {
    community_id: communityId,
    person_id: personId,
    role: 'newcomer',
    following: 1,
    joined_at: at,
    role_since: at,
  })
  if (!joined) return false
  await insertMembershipEvent(db, {
    id: newId(),
    community_id: communityId,
    person_id: personId,
    from_role: null,
    to_role: 'newcomer',
    reason,
    actor_id: actorId,
    at,
  })
  await bumpMemberCount(db, communityId, 1)
  return true
}

/** Moves a member to a new role, keeping the change (with its date) in their trajectory. */
export async function changeRole(
  db: Db,
  communityId: string,
  personId: string,
  from: CommunityRole,
  to: CommunityRole,
  reason: Reason,
  actorId: string | null,
): Promise<void> {
  if (from === to) return
  const at = nowIso()
  await updateMembership(db, communityId, personId, { role: to, role_since: at })
  await insertMembershipEvent(db, {
    id: newId(),
    community_id: communityId,
    person_id: personId,
    from_role: from,
    to_role: to,
    reason,
    actor_id: actorId,
    at,
  })
}

/** What the promotion rules count of a member's taking part in one community. */
export interface Participation {
  questions: number
  answers: number
  posts: number
  thanks: number
}

/** Counts a member's taking part; the knowledge domain, which owns posts and thanks, gives it. */
export type ParticipationCounter = (db: Db, communityId: string, personId: string) => Promise<Participation>

/**
 * Applies the community's promotion rules to one member after they took part (posted, answered, were
 * thanked). Rules only promote; returns the new role when it changed. `countParticipation` is asked only when
 * the rules may apply (not for stewards, core members or non-members).
 */
export async function applyPromotionRules(
  db: Db,
  communityId: string,
  personId: string,
  countParticipation: ParticipationCounter,
  known: { community?: CommunityRow; membership?: MembershipRow } = {},
): Promise<CommunityRole | null> {
  // Callers that just read the community and the membership in the same transaction pass them along.
  const [community, membership] = await Promise.all([
    known.community ?? findCommunityById(db, communityId),
    known.membership ?? findMembership(db, communityId, personId),
  ])
  if (!community || !membership || membership.role === 'steward' || membership.role === 'core') return null
  const counts = await countParticipation(db, communityId, personId)
  const weeksActive = Math.floor((Date.now() - Date.parse(membership.joined_at)) / (7 * 24 * 3600_000))
  const next = roleByRules(
    membership.role,
    { questions: counts.questions, answers: counts.answers, posts: counts.posts, thanksReceived: counts.thanks, weeksActive },
    parseRules(community.rules),
  )
  if (next === membership.role) return null
  await changeRole(db, communityId, personId, membership.role, next, 'rule', null)
  return next
}
