import { roleByRules } from '../../src/server/communities/rules.js'
import type { CommunityRole } from '../../src/shared/communities.js'
import { between, DAY, HOUR, iso, type Book } from './book.js'
import { startOf, type Clock, type CommunityPlan } from './cast.js'
import type { DemoJoinRequest, DemoMember, DemoRoleEvent, DemoSpace } from './knowledge-types.js'
import { int, pick, sample, type Rng } from './prng.js'
import type { DemoPerson } from './profiles.js'
import { JOIN_MESSAGES } from './vocabulary.js'

const WEEK = 7 * DAY

interface Entrant {
  email: string
  at: number
  reason: DemoRoleEvent['reason']
  actor: string | null
}

/** How someone got in: open communities are joined, closed and secret ones approved by the steward. */
function entry(space: DemoSpace, email: string, at: number): Entrant {
  if (email === space.createdBy) return { email, at, reason: 'created', actor: email }
  return space.visibility === 'open'
    ? { email, at, reason: 'join', actor: email }
    : { email, at, reason: 'approved', actor: space.createdBy }
}

/**
 * Replays the community's promotion rules over a member's year, as the product applies them after each post
 * they write and each thanks they receive: newcomer → member → core, each change with its date.
 */
function replay(space: DemoSpace, e: Entrant, book: Book): DemoRoleEvent[] {
  const first: DemoRoleEvent = {
    from: null,
    to: e.reason === 'created' ? 'steward' : 'newcomer',
    reason: e.reason,
    actor: e.actor,
    at: iso(e.at),
  }
  if (first.to === 'steward') return [first]
  const triggers: { at: string; post?: (typeof book.posts)[number]; thanks?: boolean }[] = [
    ...book.posts.filter((p) => p.space === space.slug && p.author === e.email).map((post) => ({ at: post.createdAt, post })),
    ...book.thanks.filter((t) => t.space === space.slug && t.receiver === e.email).map((t) => ({ at: t.at, thanks: true })),
  ].sort((a, b) => a.at.localeCompare(b.at))
  const counts = { questions: 0, answers: 0, posts: 0, thanksReceived: 0 }
  const events = [first]
  let role: CommunityRole = 'newcomer'
  for (const t of triggers) {
    if (t.post) {
      counts.posts++
      if (t.post.kind === 'question') counts.questions++
      if (t.post.kind === 'answer') counts.answers++
      if (t.post.anonymous) continue
    } else counts.thanksReceived++
    const weeksActive = Math.floor((Date.parse(t.at) - e.at) / WEEK)
    const next = roleByRules(role, { ...counts, weeksActive }, space.rules)
    if (next !== role) {
      events.push({ from: role, to: next, reason: 'rule', actor: null, at: t.at })
      role = next
    }
  }
  return events
}

function member(space: DemoSpace, email: string, events: DemoRoleEvent[]): DemoMember {
  const last = events[events.length - 1] as DemoRoleEvent
  return { space: space.slug, email, role: last.to, joinedAt: (events[0] as DemoRoleEvent).at, roleSince: last.at, events }
}

/**
 * Memberships and trajectories of every discovered community: its practitioners who joined, everyone who
 * posted there (posting joins an open community), people who joined and only read, and the stewards who came
 * to adopt a practice. Planted core members the rules have not made core yet are promoted by hand, and busy
 * communities get a second steward. Closed communities also have a couple of pending join requests.
 */
export function buildMemberships(
  rng: Rng,
  plans: readonly CommunityPlan[],
  book: Book,
  people: readonly DemoPerson[],
  excluded: ReadonlySet<string>,
  clock: Clock,
): { members: DemoMember[]; joinRequests: DemoJoinRequest[] } {
  const members: DemoMember[] = []
  const joinRequests: DemoJoinRequest[] = []
  for (const plan of plans) {
    const space = plan.space
    if (!space) continue
    const created = Date.parse(space.createdAt)
    const entrants = new Map<string, Entrant>()
    const add = (email: string, at: number) => {
      const known = entrants.get(email)
      if (!known || known.at > at) entrants.set(email, entry(space, email, at))
    }
    for (const p of plan.participants) if (p.joined) add(p.email, p.joinAt)
    for (const p of book.posts)
      if (p.space === space.slug && !plan.participants.some((x) => x.email === p.author && x.joined)) add(p.author, Date.parse(p.createdAt))
    for (const j of book.joins) if (j.space === space.slug) add(j.email, j.at)
    if (space.visibility !== 'secret') {
      const readers = people.filter(
        (p) => !excluded.has(p.email) && p.level !== 'ceo' && !entrants.has(p.email) && startOf(p) + 3 * DAY < clock.end,
      )
      for (const r of sample(rng, readers, int(rng, 2, 5)))
        add(r.email, between(rng, Math.max(created, startOf(r) + 3 * DAY), clock.end - DAY))
    }
    for (const e of entrants.values()) {
      const events = replay(space, e, book)
      const planted = plan.planted.core.includes(e.email)
      let last = events[events.length - 1] as DemoRoleEvent
      if (planted && last.to !== 'core' && last.to !== 'steward') {
        const at = Math.max(Date.parse(last.at) + WEEK, e.at + 10 * WEEK)
        if (at < clock.end - HOUR)
          events.push((last = { from: last.to, to: 'core', reason: 'manual', actor: space.createdBy, at: iso(at) }))
      }
      members.push(member(space, e.email, events))
    }
    // A second steward for busy communities: the core member who answered most, some weeks after becoming core.
    if (plan.planted.members.length >= 14) {
      const answers = (email: string) =>
        book.posts.filter((p) => p.space === space.slug && p.kind === 'answer' && p.author === email).length
      const candidates = members
        .filter((m) => m.space === space.slug && m.role === 'core')
        .sort((a, b) => answers(b.email) - answers(a.email) || a.email.localeCompare(b.email))
      const chosen = candidates[0]
      const at = chosen ? Date.parse(chosen.roleSince) + 4 * WEEK : clock.end
      if (chosen && at < clock.end) {
        chosen.events.push({ from: 'core', to: 'steward', reason: 'manual', actor: space.createdBy, at: iso(at) })
        Object.assign(chosen, { role: 'steward', roleSince: iso(at) })
      }
    }
    if (space.visibility === 'closed') {
      const waiting = people.filter(
        (p) => !excluded.has(p.email) && p.level === 'ic' && !entrants.has(p.email) && startOf(p) + DAY < clock.end,
      )
      for (const p of sample(rng, waiting, 2))
        joinRequests.push({
          space: space.slug,
          email: p.email,
          message: pick(rng, JOIN_MESSAGES),
          createdAt: iso(between(rng, Math.max(clock.end - 10 * DAY, startOf(p)), clock.end - HOUR)),
        })
    }
  }
  return { members, joinRequests }
}
