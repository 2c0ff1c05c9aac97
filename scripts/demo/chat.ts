import { between, DAY, type Book } from './book.js'
import { startOf, type Clock, type CommunityPlan, type Participant } from './cast.js'
import type { DemoInteraction } from './knowledge-types.js'
import { chance, int, pick, sample, weighted, type Rng } from './prng.js'
import type { DemoPerson } from './profiles.js'

type Kind = DemoInteraction['kind']
const WEIGHT: Partial<Record<Kind, number>> = { answer: 1, comment: 0.3, mention: 0.5, thanks: 1 }

/** How strongly each kind of member is drawn to each side of a chat exchange: helpers are core, the helped peripheral. */
function side(p: Participant, role: 'helper' | 'helped' | 'talker'): number {
  const recent = p.recent ? 0.3 : 1
  if (role === 'helper') return (p.core ? 4 : 1) * (p.recent ? 0.1 : 1)
  if (role === 'helped') return (p.core ? 0.5 : 2) * recent
  return (p.core ? 2 : 1) * recent
}

/**
 * Help given in chat channels, outside Wellspring (source `demo-chat`, no community): the only trace of the
 * undiscovered communities, and a second channel for the discovered ones. Everyone who takes part chats,
 * including those who never joined the community in Wellspring.
 */
function communityChat(rng: Rng, book: Book, plan: CommunityPlan, clock: Clock): void {
  const topics = plan.vocab.tags.slice(0, 4)
  const total = plan.planted.members.length * (plan.space ? int(rng, 5, 8) : int(rng, 14, 20))
  for (let i = 0; i < total; i++) {
    const at = between(rng, clock.start, clock.end)
    const active = plan.participants.filter((p) => p.joinAt <= at)
    if (active.length < 2) continue
    const kind = weighted(rng, [
      ['answer', 35],
      ['comment', 40],
      ['mention', 15],
      ['thanks', 10],
    ] as const)
    const [actorRole, targetRole] =
      kind === 'answer'
        ? (['helper', 'helped'] as const)
        : kind === 'thanks'
          ? (['helped', 'helper'] as const)
          : (['talker', 'talker'] as const)
    const actor = weighted(
      rng,
      active.map((p) => [p, side(p, actorRole)] as const),
    )
    const targets = active.filter((p) => p !== actor)
    const target = weighted(
      rng,
      targets.map((p) => [p, side(p, targetRole)] as const),
    )
    book.talk(
      {
        actor: actor.email,
        target: target.email,
        kind,
        space: null,
        topics: sample(rng, topics, int(rng, 1, 2)),
        weight: WEIGHT[kind] ?? 1,
      },
      at,
    )
  }
}

/**
 * Thanks and "I learned this from you" given to a person in Wellspring, with a note, outside any post:
 * peripheral members thank the core of their practice (more so where the community has no home in
 * Wellspring yet), and newcomers thank the teammates who showed them around.
 */
function personThanks(
  rng: Rng,
  book: Book,
  plans: readonly CommunityPlan[],
  teams: ReadonlyMap<string, DemoPerson[]>,
  recent: readonly DemoPerson[],
  clock: Clock,
): void {
  for (const plan of plans) {
    const core = plan.participants.filter((p) => p.core)
    const rest = plan.participants.filter((p) => !p.core)
    if (core.length === 0 || rest.length === 0) continue
    const n = plan.space ? int(rng, 1, 3) : int(rng, Math.floor(rest.length / 2), rest.length)
    for (let i = 0; i < n; i++) {
      const giver = pick(rng, rest)
      const receiver = pick(rng, core)
      const kind = chance(rng, 0.5) ? 'learned' : 'thanks'
      book.thank(
        { kind, giver: giver.email, receiver: receiver.email, post: null, space: null, note: pick(rng, plan.vocab.thanksNotes) },
        between(rng, Math.max(giver.joinAt, receiver.joinAt), clock.end),
      )
    }
  }
  for (const p of recent) {
    const mates = (teams.get(p.managerEmail ?? '') ?? []).filter((m) => m !== p && startOf(m) < startOf(p))
    for (let i = int(rng, 1, 2); i > 0 && mates.length > 0; i--) {
      const mate = pick(rng, mates)
      const note = pick(rng, [
        'Thanks for showing me around in my first week.',
        'Thank you for the walk through our systems.',
        'Thanks for the patient answers to all my questions.',
      ])
      book.thank(
        { kind: chance(rng, 0.4) ? 'learned' : 'thanks', giver: p.email, receiver: mate.email, post: null, space: null, note },
        between(rng, startOf(p) + 2 * DAY, clock.end),
      )
    }
  }
}

/**
 * Everyday talk between teammates and with their manager (replies, source `demo-chat`, no topics): the
 * background that community discovery must see through. Isolated people and those who have not started
 * take no part.
 */
function teamChatter(rng: Rng, book: Book, people: readonly DemoPerson[], excluded: ReadonlySet<string>, clock: Clock): void {
  const byEmail = new Map(people.map((p) => [p.email, p]))
  const active = people.filter((p) => !excluded.has(p.email) && startOf(p) < clock.end)
  const activeSet = new Set(active.map((p) => p.email))
  for (const p of active) {
    const mates = active.filter(
      (m) => m !== p && (m.managerEmail === p.managerEmail || m.email === p.managerEmail || m.managerEmail === p.email),
    )
    const from = Math.max(clock.start, startOf(p))
    for (let i = int(rng, 2, 6); i > 0 && mates.length > 0; i--) {
      const mate = pick(rng, mates)
      if (!activeSet.has(mate.email) || !byEmail.has(mate.email)) continue
      book.talk(
        { actor: p.email, target: mate.email, kind: 'comment', space: null, topics: [], weight: 0.3 },
        between(rng, Math.max(from, startOf(mate)), clock.end),
      )
    }
  }
}

/** All help and talk outside Wellspring's posts: community chat, team chatter and thanks to people. */
export function simulateChat(
  rng: Rng,
  book: Book,
  plans: readonly CommunityPlan[],
  people: readonly DemoPerson[],
  excluded: ReadonlySet<string>,
  recent: ReadonlySet<string>,
  clock: Clock,
): void {
  for (const plan of plans) communityChat(rng, book, plan, clock)
  teamChatter(rng, book, people, excluded, clock)
  const teams = new Map<string, DemoPerson[]>()
  for (const p of people) {
    if (excluded.has(p.email) || p.managerEmail === null) continue
    teams.set(p.managerEmail, [...(teams.get(p.managerEmail) ?? []), p])
  }
  personThanks(
    rng,
    book,
    plans,
    teams,
    people.filter((p) => recent.has(p.email) && !excluded.has(p.email)),
    clock,
  )
}
