import { DEFAULT_RULES } from '../../src/server/communities/rules.js'
import type { Visibility } from '../../src/shared/communities.js'
import { between, DAY, iso } from './book.js'
import type { PlantedCommunity } from './communities.js'
import type { DemoSpace } from './knowledge-types.js'
import { chance, sample, type Rng } from './prng.js'
import type { DemoPerson } from './profiles.js'
import { BANKS, type QuestionBank } from './bank/index.js'
import { VOCABULARIES } from './vocab-business.js'
import type { Vocabulary } from './vocabulary.js'

/**
 * Which planted communities have found each other in Wellspring, and how open they are. The others stay
 * undiscovered: they exist only as patterns of help in chat, for community discovery to find.
 */
export const DISCOVERED: Readonly<Record<string, Visibility>> = {
  'data-engineering': 'open',
  testing: 'closed',
  'release-engineering': 'open',
  accessibility: 'closed',
  'deal-craft': 'secret',
}

/** People who started within this many days are newcomers to the organisation. */
export const RECENT_DAYS = 90

export interface Clock {
  /** A year before `end`. */
  start: number
  /** Midnight (UTC) of the demo's today: nothing happens at or after it. */
  end: number
}

/** A planted member and how they take part. */
export interface Participant {
  email: string
  core: boolean
  /** Started in the organisation within the last 90 days. */
  recent: boolean
  /** When they started taking part (and joined the Wellspring community, if they did). */
  joinAt: number
  /** False for those who take part only in chat and never joined the community in Wellspring. */
  joined: boolean
  /** Tags they know best: their answers lean towards questions with these. */
  specialty: string[]
}

export interface CommunityPlan {
  planted: PlantedCommunity
  vocab: Vocabulary
  /** Its questions; null when it has no Wellspring home to ask them in. */
  bank: QuestionBank | null
  /** Null when the community is undiscovered. */
  space: DemoSpace | null
  steward: string
  participants: Participant[]
}

export const startOf = (p: DemoPerson) => Date.parse(`${p.startDate}T09:00:00Z`)

export function isRecent(p: DemoPerson, clock: Clock): boolean {
  const s = startOf(p)
  return s <= clock.end && s > clock.end - RECENT_DAYS * DAY
}

/**
 * Casts every planted community: who founded it (the longest-serving core member), when each member started
 * taking part, and whether they joined it in Wellspring. Core members join in the first weeks, others through
 * the year, newcomers a few days after they start.
 */
export function castCommunities(
  rng: Rng,
  planted: readonly PlantedCommunity[],
  people: ReadonlyMap<string, DemoPerson>,
  clock: Clock,
): CommunityPlan[] {
  return planted.map((c) => {
    const vocab = VOCABULARIES[c.slug]
    if (!vocab) throw new Error(`no vocabulary for the planted community ${c.slug}`)
    const person = (e: string) => people.get(e) as DemoPerson
    const steward = [...c.core].sort((a, b) => person(a).startDate.localeCompare(person(b).startDate) || a.localeCompare(b))[0] as string
    const createdAt = clock.start + between(rng, 0, 20 * DAY)
    const visibility = DISCOVERED[c.slug]
    const bank = visibility ? (BANKS[c.slug] ?? null) : null
    // Specialties are tags its questions carry, so a specialist's answers are where the truth says they are.
    const askedTags = bank ? [...new Set(bank.questions.flatMap((q) => q.tags))].sort() : [...vocab.tags]
    const participants = c.members.map((email): Participant => {
      const p = person(email)
      const core = c.core.includes(email)
      const recent = isRecent(p, clock)
      const earliest = Math.max(createdAt, startOf(p) + (recent ? 5 : 14) * DAY)
      let joinAt: number
      if (email === steward) joinAt = createdAt
      else if (recent) joinAt = startOf(p) + between(rng, 5 * DAY, 25 * DAY)
      else if (core) joinAt = earliest + between(rng, 0, 30 * DAY)
      else joinAt = earliest + Math.round((clock.end - earliest) * 0.85 * rng() ** 1.3)
      joinAt = Math.min(joinAt, clock.end - 2 * DAY)
      return {
        email,
        core,
        recent,
        joinAt,
        joined: core || chance(rng, recent ? 0.9 : 0.85),
        specialty: core ? sample(rng, askedTags, 2) : [],
      }
    })
    const space: DemoSpace | null = visibility
      ? {
          slug: c.slug,
          planted: c.slug,
          name: c.name,
          purpose: vocab.purpose,
          tags: vocab.tags.slice(0, 4),
          visibility,
          // Busy communities raise the bar to core; stewards tune the rules (DESIGN.md, principle 3).
          rules:
            c.members.length >= 16
              ? { ...DEFAULT_RULES, toCore: { ...DEFAULT_RULES.toCore, minAnswers: 8, minThanksReceived: 4, minWeeksActive: 12 } }
              : DEFAULT_RULES,
          createdBy: steward,
          createdAt: iso(createdAt),
        }
      : null
    return { planted: c, vocab, bank, space, steward, participants }
  })
}

/** Members of the Wellspring community who had joined by `at`. */
export function joinedBy(plan: CommunityPlan, at: number): Participant[] {
  return plan.participants.filter((p) => p.joined && p.joinAt <= at)
}
