// Team challenges: a community's steward runs a quiz for the community over a period; its members see how the
// community and its teams (departments, from the org chart) are doing, in aggregate only. A figure about a
// group is shown only for groups of at least MIN_AGGREGATE people who may be counted (active, not opted out of
// analytics); names appear only on the leaderboard of a quiz with points, and never for those who opted out.
import type { ChallengeProgress, ChallengeRef, NewChallenge, Quiz } from '../../shared/quiz.js'
import { canRead, communityRefBySlug, getCommunityRefs, memberIds, readableCommunityIds, rolesIn } from '../communities/lookup.js'
import { analyticsRoster, getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, type Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId } from '../platform/time.js'
import type { QuizAnswerTable, QuizChallengeTable, QuizQuestionTable, QuizTable } from './quiz-rows.js'
import * as store from './quiz-store.js'

/** What challenges need from the app. */
export interface ChallengeDeps {
  db: Db
  clock: Clock
  minAggregate: number
}

/** The quiz's challenges in communities the viewer can read, and the communities where they may start one. */
export async function quizChallengeRefs(db: Db, viewer: Viewer, quiz: QuizTable): Promise<Pick<Quiz, 'challenges' | 'canChallengeIn'>> {
  const rows = await store.challengesOf(db, quiz.id)
  const readable = new Set(await readableCommunityIds(db, viewer.id))
  const shown = rows.filter((c) => viewer.isAdmin || readable.has(c.community_id))
  const candidates = quiz.community_id ? [quiz.community_id] : [...readable]
  const roles = await rolesIn(db, viewer.id, candidates)
  const stewarded = candidates.filter((id) => roles.get(id) === 'steward')
  const refs = await getCommunityRefs(db, [...shown.map((c) => c.community_id), ...stewarded])
  const ref = (id: string) => ({ slug: refs.get(id)?.slug ?? '', name: refs.get(id)?.name ?? 'Former community' })
  return {
    challenges: shown.map((c) => ({ id: c.id, community: ref(c.community_id), startsAt: c.starts_at, endsAt: c.ends_at })),
    canChallengeIn: stewarded.filter((id) => refs.has(id)).map(ref),
  }
}

/** Starts a challenge on a quiz for a community (its stewards, admins). The quiz must be one the community sees. */
export async function startChallenge(deps: ChallengeDeps, viewer: Viewer, quiz: QuizTable, body: NewChallenge): Promise<ChallengeRef> {
  const c = await communityRefBySlug(deps.db, body.community)
  if (!c || (!viewer.isAdmin && !(await canRead(deps.db, viewer.id, c.id))))
    throw new BadRequestError('unknown_community', `no community ${body.community}`)
  if (!viewer.isAdmin && (await rolesIn(deps.db, viewer.id, [c.id])).get(c.id) !== 'steward')
    throw new ForbiddenError('not_steward', 'only the community’s stewards start its challenges')
  if (quiz.community_id && quiz.community_id !== c.id)
    throw new BadRequestError('quiz_not_in_community', 'this quiz belongs to another community')
  const startsAt = new Date(body.startsAt).toISOString()
  const endsAt = new Date(body.endsAt).toISOString()
  if (endsAt <= startsAt) throw new BadRequestError('ends_before_start', 'a challenge must end after it starts')
  if (Date.parse(endsAt) - Date.parse(startsAt) > 366 * 86_400_000)
    throw new BadRequestError('too_long', 'a challenge lasts at most a year')
  const row: QuizChallengeTable = {
    id: newId(),
    quiz_id: quiz.id,
    community_id: c.id,
    starts_at: startsAt,
    ends_at: endsAt,
    created_by: viewer.id,
    created_at: clockIso(deps.clock),
  }
  await store.insertChallenge(deps.db, row)
  return { id: row.id, community: { slug: c.slug, name: c.name }, startsAt, endsAt }
}

interface PersonTally {
  answered: number
  right: number
  points: number
}

/** Each person's last answer per question within the period: questions answered, right, and their points. */
function tally(answers: QuizAnswerTable[], questions: QuizQuestionTable[]): Map<string, PersonTally> {
  const points = new Map(questions.map((q) => [q.id, q.points]))
  const last = new Map<string, Map<string, QuizAnswerTable>>()
  for (const a of answers) {
    if (!points.has(a.question_id)) continue
    const own = last.get(a.person_id) ?? new Map<string, QuizAnswerTable>()
    own.set(a.question_id, a)
    last.set(a.person_id, own)
  }
  const out = new Map<string, PersonTally>()
  for (const [person, own] of last) {
    const right = [...own.values()].filter((a) => a.correct === 1)
    out.set(person, { answered: own.size, right: right.length, points: right.reduce((s, a) => s + (points.get(a.question_id) ?? 0), 0) })
  }
  return out
}

function figures(people: string[], tallies: Map<string, PersonTally>, questionCount: number) {
  const taking = people.filter((p) => tallies.has(p))
  const shares = taking.map((p) => (questionCount ? tallies.get(p)!.right / questionCount : 0))
  const averageRight = shares.length ? Math.round((shares.reduce((s, x) => s + x, 0) / shares.length) * 1000) / 1000 : 0
  return { people: people.length, taking: taking.length, averageRight }
}

/** A challenge's progress as members of its community see it (aggregates; see the header). */
export async function challengeProgress(
  deps: ChallengeDeps,
  viewer: Viewer,
  id: string,
  visibleQuiz: (quizId: string) => Promise<QuizTable>,
): Promise<ChallengeProgress> {
  const { db, minAggregate } = deps
  const challenge = await store.findChallenge(db, id)
  if (!challenge || (!viewer.isAdmin && !(await canRead(db, viewer.id, challenge.community_id))))
    throw new NotFoundError('challenge_not_found', `no challenge ${id}`)
  const quiz = await visibleQuiz(challenge.quiz_id)
  const questions = await store.findQuestions(db, [quiz.id])
  const tallies = tally(await store.answersBetween(db, quiz.id, challenge.starts_at, challenge.ends_at), questions)
  const members = new Set(await memberIds(db, challenge.community_id))
  const counted = (await analyticsRoster(db)).filter((p) => members.has(p.id))
  const byTeam = new Map<string, string[]>()
  for (const p of counted) byTeam.set(p.department || 'No team', [...(byTeam.get(p.department || 'No team') ?? []), p.id])
  const teams = [...byTeam].filter(([, people]) => people.length >= minAggregate)
  let leaderboard: ChallengeProgress['leaderboard'] = null
  if (quiz.points_enabled === 1) {
    const ranked = counted
      .map((p) => ({ id: p.id, points: tallies.get(p.id)?.points ?? 0 }))
      .filter((p) => p.points > 0)
      .sort((a, b) => b.points - a.points || a.id.localeCompare(b.id))
      .slice(0, 10)
    const names = await getPersonSummaries(
      db,
      ranked.map((p) => p.id),
    )
    leaderboard = ranked.map((p) => ({ name: names.get(p.id)?.name ?? 'Former member', points: p.points }))
  }
  const ref = (await getCommunityRefs(db, [challenge.community_id])).get(challenge.community_id)
  const mine = tallies.get(viewer.id)
  return {
    id: challenge.id,
    community: { slug: ref?.slug ?? '', name: ref?.name ?? 'Former community' },
    startsAt: challenge.starts_at,
    endsAt: challenge.ends_at,
    quiz: { id: quiz.id, title: quiz.title, points: quiz.points_enabled === 1 },
    minAggregate,
    overall:
      counted.length >= minAggregate
        ? figures(
            counted.map((p) => p.id),
            tallies,
            questions.length,
          )
        : null,
    teams: teams
      .map(([team, people]) => ({ team, ...figures(people, tallies, questions.length) }))
      .sort((a, b) => a.team.localeCompare(b.team)),
    withheldTeams: byTeam.size - teams.length,
    leaderboard,
    mine: { answered: mine?.answered ?? 0, right: mine?.right ?? 0 },
  }
}
