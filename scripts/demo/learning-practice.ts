import type { DemoKnowledge } from './knowledge-types.js'
import type { DemoLesson } from './learning.js'
import { QUIZZES, type QuizSpec } from './learning-quiz-bank.js'
import type { OrgPerson } from './org.js'
import { chance, int, pick, sample, type Rng } from './prng.js'

// The rest of the demo's catalogue in use: quizzes that go with the lessons, answered by the lessons' readers
// and others of the community (the answers' dates spread so that some reviews are due today, some not yet); a
// team challenge on one quiz; a couple of managers who assigned learning to their reports; and the company's
// own SCORM module ("Looking after customer data", scripts/demo/scorm/) with tracked attempts. Pure: people
// are named by email and items by title.

export interface DemoQuizAnswer {
  email: string
  /** Index of the question in the quiz's spec. */
  question: number
  right: boolean
  at: string
}

export interface DemoQuiz {
  space: string
  author: string
  spec: QuizSpec
  createdAt: string
  /** In time order, so FSRS cards are scheduled as they were answered. */
  answers: DemoQuizAnswer[]
}

export interface DemoChallenge {
  space: string
  quiz: string
  by: string
  startsAt: string
  endsAt: string
}

export interface DemoAssignment {
  by: string
  to: string
  /** A lesson's title, or the SCORM module. */
  item: { kind: 'lesson'; title: string } | { kind: 'scorm' }
  dueAt: string | null
  note: string
  createdAt: string
}

export interface DemoScormAttempt {
  email: string
  /** The page reached (lesson_location), and the check's score once submitted. */
  page: number
  score: number | null
  at: string
}

export interface DemoPractice {
  quizzes: DemoQuiz[]
  challenge: DemoChallenge | null
  assignments: DemoAssignment[]
  /** Who imported the SCORM module (an admin of the demo: the people team's head). */
  scormBy: string
  scormAttempts: DemoScormAttempt[]
}

const DAY = 86_400_000
const NOTES = [
  'Please take this before the next release.',
  'Part of everyone’s onboarding here; ten minutes.',
  'We talked about this in our one-to-one: worth doing this month.',
  '',
]

/** Generates quizzes, a challenge, assignments and SCORM attempts for the year ending `today` (YYYY-MM-DD). */
export function generatePractice(
  rng: Rng,
  input: { today: string; activity: DemoKnowledge; people: readonly OrgPerson[]; lessons: readonly DemoLesson[] },
): DemoPractice {
  const todayMs = Date.parse(`${input.today}T00:00:00.000Z`)
  const at = (ms: number) => new Date(ms).toISOString()
  const started = input.people.filter((p) => p.startDate <= input.today)
  const membersOf = (space: string) => input.activity.members.filter((m) => m.space === space).map((m) => m.email)

  const quizzes: DemoQuiz[] = []
  for (const spec of QUIZZES) {
    const lesson = input.lessons.find((l) => l.title === spec.lesson)
    if (!lesson) continue
    const createdMs = Date.parse(lesson.createdAt) + int(rng, 1, 5) * DAY
    const readers = lesson.readers.map((r) => r.email)
    const others = sample(
      rng,
      membersOf(lesson.space).filter((e) => e !== lesson.author && !readers.includes(e)),
      4,
    )
    const answers: DemoQuizAnswer[] = []
    for (const email of [...readers, ...others]) {
      // Most answered weeks ago (their first review is due); a few in the last two days (not due yet).
      const firstMs = chance(rng, 0.2) ? todayMs - int(rng, 1, 2) * DAY : Math.max(createdMs + DAY, todayMs - int(rng, 8, 50) * DAY)
      spec.questions.forEach((_, question) => {
        const right = chance(rng, 0.75)
        answers.push({ email, question, right, at: at(firstMs + question * 40_000 + int(rng, 0, 30_000)) })
        // Some came back for their review when it was due, days later, and got it right.
        if (firstMs < todayMs - 20 * DAY && chance(rng, 0.3))
          answers.push({ email, question, right: true, at: at(firstMs + int(rng, 9, 14) * DAY + question * 40_000) })
      })
    }
    answers.sort((a, b) => a.at.localeCompare(b.at))
    quizzes.push({ space: lesson.space, author: lesson.author, spec, createdAt: at(createdMs), answers })
  }

  // The quiz most people took gets a team challenge in its community, running now.
  const busiest = [...quizzes].sort((a, b) => new Set(b.answers.map((x) => x.email)).size - new Set(a.answers.map((x) => x.email)).size)[0]
  const space = busiest && input.activity.spaces.find((s) => s.slug === busiest.space)
  const challenge =
    busiest && space
      ? {
          space: busiest.space,
          quiz: busiest.spec.title,
          by: space.createdBy,
          startsAt: at(todayMs - 14 * DAY),
          endsAt: at(todayMs + 14 * DAY),
        }
      : null

  // Two managers with the most reports assign learning to them: the SCORM module to every report, and a lesson
  // of an open community to a few.
  const reportsOf = (email: string) => started.filter((p) => p.managerEmail === email).map((p) => p.email)
  const managers = started
    .filter((p) => reportsOf(p.email).length >= 3)
    .sort((a, b) => reportsOf(b.email).length - reportsOf(a.email).length || a.email.localeCompare(b.email))
    .slice(0, 2)
  const openLessons = input.lessons.filter((l) => input.activity.spaces.find((s) => s.slug === l.space)?.visibility === 'open')
  const assignments: DemoAssignment[] = []
  for (const m of managers) {
    const createdMs = todayMs - int(rng, 10, 30) * DAY
    const lesson = openLessons.length > 0 ? pick(rng, openLessons) : undefined
    for (const to of reportsOf(m.email)) {
      assignments.push({
        by: m.email,
        to,
        item: { kind: 'scorm' },
        dueAt: at(createdMs + 30 * DAY),
        note: pick(rng, NOTES),
        createdAt: at(createdMs),
      })
      if (lesson && chance(rng, 0.4))
        assignments.push({
          by: m.email,
          to,
          item: { kind: 'lesson', title: lesson.title },
          dueAt: null,
          note: '',
          createdAt: at(createdMs),
        })
    }
  }

  // The module went out a month ago; the assigned people, and some others, opened it.
  const assigned = [...new Set(assignments.filter((a) => a.item.kind === 'scorm').map((a) => a.to))]
  const learners = [...new Set([...assigned.filter(() => chance(rng, 0.7)), ...sample(rng, started, 20).map((p) => p.email)])]
  const scormAttempts = learners.map((email) => {
    const finished = chance(rng, 0.65)
    const score = finished ? pick(rng, [100, 100, 75, 100, 50]) : null
    return { email, page: finished ? 4 : int(rng, 1, 3), score, at: at(todayMs - int(rng, 1, 28) * DAY - int(rng, 0, 8) * 3_600_000) }
  })
  const scormBy = started.find((p) => p.managerEmail === null)?.email ?? started[0]!.email
  return { quizzes, challenge, assignments, scormBy, scormAttempts }
}
