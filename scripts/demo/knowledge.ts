import { Book, DAY } from './book.js'
import { castCommunities, isRecent, type Clock } from './cast.js'
import { simulateChat } from './chat.js'
import type { PlantedCommunity } from './communities.js'
import { simulateGuests, simulateIsolatedAskers, simulateNewcomerQuestions } from './guests.js'
import type { DemoKnowledge } from './knowledge-types.js'
import { deriveLog } from './log.js'
import { stageRng } from './prng.js'
import type { DemoPerson } from './profiles.js'
import { simulateQuestions, type NewcomerCaps } from './qa.js'
import { simulateSharing } from './sharing.js'
import { buildMemberships } from './trajectories.js'

export interface KnowledgeInput {
  seed: number
  /** YYYY-MM-DD: the year of activity ends at its midnight (UTC). */
  today: string
  people: readonly DemoPerson[]
  communities: readonly PlantedCommunity[]
  isolated: readonly string[]
}

export interface GeneratedKnowledge extends DemoKnowledge {
  /** People who started within the last 90 days. */
  recent: string[]
  /** Core members and the question tags they know best, per Wellspring community: their answers lean there. */
  specialists: { space: string; email: string; tags: string[] }[]
}

/** The year of activity ends at the start of `today` (UTC) and begins 365 days before. */
export function clockOf(today: string): Clock {
  const end = Date.parse(`${today}T00:00:00Z`)
  return { start: end - 365 * DAY, end }
}

/**
 * A year of traces left by the planted communities of practice: Wellspring communities for some of them,
 * memberships with trajectories, questions, answers, comments, stories, practices, lessons, thanks,
 * adoptions, chat, and the interaction log all of it implies. Pure: the same input gives the same year.
 */
export function generateKnowledge(input: KnowledgeInput): GeneratedKnowledge {
  const { seed } = input
  const clock = clockOf(input.today)
  const byEmail = new Map(input.people.map((p) => [p.email, p]))
  const plans = castCommunities(stageRng(seed, 'cast'), input.communities, byEmail, clock)
  const recent = input.people.filter((p) => isRecent(p, clock)).map((p) => p.email)
  const upcoming = input.people.filter((p) => p.startDate > input.today).map((p) => p.email)
  const excluded = new Set([...input.isolated, ...upcoming])
  const caps: NewcomerCaps = { recent: new Set(recent), questions: new Map(), answers: new Map() }
  const book = new Book(clock.end)

  for (const plan of plans) simulateQuestions(stageRng(seed, `questions:${plan.planted.slug}`), book, plan, clock, caps)
  simulateNewcomerQuestions(stageRng(seed, 'newcomers'), book, plans, input.people, clock, caps)
  simulateGuests(stageRng(seed, 'guests'), book, plans, input.people, excluded, clock, caps)
  simulateIsolatedAskers(stageRng(seed, 'isolated'), book, plans, input.isolated, byEmail, clock)
  simulateSharing(stageRng(seed, 'sharing'), book, plans, clock)
  simulateChat(stageRng(seed, 'chat'), book, plans, input.people, excluded, caps.recent, clock)
  const { members, joinRequests } = buildMemberships(stageRng(seed, 'members'), plans, book, input.people, excluded, clock)

  return {
    spaces: plans.flatMap((p) => (p.space ? [p.space] : [])),
    members,
    joinRequests,
    posts: book.posts,
    thanks: book.thanks,
    adoptions: book.adoptions,
    interactions: deriveLog(
      book,
      input.people.map((p) => p.email),
    ),
    recent: recent.sort(),
    specialists: plans.flatMap((plan) =>
      plan.space && plan.bank
        ? plan.participants
            .filter((p) => p.specialty.length > 0)
            .map((p) => ({ space: plan.planted.slug, email: p.email, tags: p.specialty }))
        : [],
    ),
  }
}
