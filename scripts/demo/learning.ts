import type { DemoKnowledge } from './knowledge-types.js'
import { LESSONS, SESSIONS } from './learning-bank.js'
import { chance, int, pick, sample, type Rng } from './prng.js'

// The demo's learning year: the lessons of the bank, written by a specialist of their community and read by
// some of its members; each session of the bank run once in the past (with attendance and feedback) and once
// more soon (with people enrolled, and a waitlist where it is full). Pure: people are named by email.

export interface DemoLesson {
  space: string
  author: string
  title: string
  description: string
  pages: { title: string; body: string }[]
  createdAt: string
  /** Who read it: the pages they read, the page they are on, when they finished (null: not yet). */
  readers: { email: string; done: number[]; position: number; startedAt: string; completedAt: string | null }[]
}

export interface DemoSession {
  space: string
  facilitator: string
  title: string
  description: string
  location: string
  startsAt: string
  endsAt: string
  capacity: number
  /** In order of arrival; past the capacity they wait. */
  enrolled: string[]
  attended: string[]
  feedback: { email: string; rating: number; comment: string | null }[]
  createdAt: string
}

export interface DemoLearning {
  lessons: DemoLesson[]
  sessions: DemoSession[]
}

const DAY = 86_400_000
const COMMENTS = [
  'Exactly what I needed this quarter.',
  'Good pace, and the examples were ours.',
  'Would have liked more time for questions.',
  'I changed how I work the next day.',
  null,
  null,
]

/** Generates the catalogue's use over the year ending `today` (YYYY-MM-DD). */
export function generateLearning(
  rng: Rng,
  input: { today: string; activity: DemoKnowledge; specialists: readonly { space: string; email: string }[] },
): DemoLearning {
  const todayMs = Date.parse(`${input.today}T00:00:00.000Z`)
  const spaceOf = (planted: string) => input.activity.spaces.find((s) => s.planted === planted)
  const membersOf = (space: string) => input.activity.members.filter((m) => m.space === space).map((m) => m.email)
  const expertOf = (space: string, fallback: string) => {
    const experts = input.specialists.filter((s) => s.space === space).map((s) => s.email)
    return experts.length > 0 ? pick(rng, experts) : fallback
  }
  const at = (ms: number) => new Date(ms).toISOString()

  const lessons: DemoLesson[] = []
  for (const spec of LESSONS) {
    const space = spaceOf(spec.planted)
    if (!space) continue
    const author = expertOf(space.slug, space.createdBy)
    const createdMs = todayMs - int(rng, 60, 200) * DAY
    const members = membersOf(space.slug).filter((e) => e !== author)
    const readers = sample(rng, members, Math.round(members.length * 0.5)).map((email) => {
      const startedMs = createdMs + int(rng, 1, 50) * DAY
      const read = chance(rng, 0.45) ? spec.pages.length : int(rng, 1, spec.pages.length - 1)
      const done = Array.from({ length: read }, (_, i) => i)
      return {
        email,
        done,
        position: Math.min(read, spec.pages.length - 1),
        startedAt: at(startedMs),
        completedAt: read === spec.pages.length ? at(startedMs + int(rng, 0, 3) * DAY + 20 * 60_000) : null,
      }
    })
    lessons.push({
      space: space.slug,
      author,
      title: spec.title,
      description: spec.description,
      pages: spec.pages.map((p) => ({ ...p })),
      createdAt: at(createdMs),
      readers,
    })
  }

  const sessions: DemoSession[] = []
  for (const spec of SESSIONS) {
    const space = spaceOf(spec.planted)
    if (!space) continue
    const facilitator = expertOf(space.slug, space.createdBy)
    const members = membersOf(space.slug).filter((e) => e !== facilitator)
    for (const when of ['past', 'soon'] as const) {
      const day = when === 'past' ? -int(rng, 10, 45) : int(rng, 4, 24)
      const startMs = todayMs + day * DAY + int(rng, 9, 15) * 3_600_000
      // The soonest of the small sessions fills up, so the demo shows a waitlist.
      const wanted = when === 'soon' && spec.capacity <= 8 ? spec.capacity + 2 : int(rng, Math.ceil(spec.capacity * 0.5), spec.capacity)
      const enrolled = sample(rng, members, Math.min(wanted, members.length))
      const seated = enrolled.slice(0, spec.capacity)
      const attended = when === 'past' ? seated.filter(() => chance(rng, 0.85)) : []
      const feedback = attended
        .filter(() => chance(rng, 0.75))
        .map((email) => ({ email, rating: pick(rng, [3, 4, 4, 5, 5, 5]), comment: pick(rng, COMMENTS) }))
      sessions.push({
        space: space.slug,
        facilitator,
        title: spec.title,
        description: spec.description,
        location: spec.location,
        startsAt: at(startMs),
        endsAt: at(startMs + spec.minutes * 60_000),
        capacity: spec.capacity,
        enrolled,
        attended,
        feedback,
        createdAt: at(startMs - int(rng, 14, 30) * DAY),
      })
    }
  }
  return { lessons, sessions }
}
