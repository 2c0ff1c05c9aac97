import { communityRefBySlug } from '../../src/server/communities/lookup.js'
import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import { renderLessonPage } from '../../src/server/learning/lessons.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import { newId } from '../../src/server/platform/time.js'
import { findPeopleByEmails } from '../../src/server/people/roster-store.js'
import type { DemoLearning } from './learning.js'
import { insertSimulations } from './simulations.js'

export interface LearningLoadResult {
  lessons: number
  lessonReaders: number
  sessions: number
  enrolments: number
  simulations: number
}

/**
 * Writes the demo's learning catalogue and its use (in the load's transaction). Co-attendance of the past
 * sessions goes into the interaction log as the app records it (`kind: session`, once per pair).
 */
export async function insertLearning(tx: Db, learning: DemoLearning): Promise<LearningLoadResult> {
  const emails = new Set<string>()
  for (const l of learning.lessons) [l.author, ...l.readers.map((r) => r.email)].forEach((e) => emails.add(e))
  for (const s of learning.sessions) [s.facilitator, ...s.enrolled].forEach((e) => emails.add(e))
  const ids = new Map((await findPeopleByEmails(tx, [...emails])).map((p) => [p.email, p.id]))
  const person = (email: string) => {
    const id = ids.get(email)
    if (!id) throw new Error(`demo learning names ${email}, who is not in the demo`)
    return id
  }
  const spaces = new Map<string, string>()
  const spaceId = async (slug: string) => {
    if (!spaces.has(slug)) {
      const ref = await communityRefBySlug(tx, slug)
      if (!ref) throw new Error(`demo learning names community ${slug}, which is not in the demo`)
      spaces.set(slug, ref.id)
    }
    return spaces.get(slug)!
  }

  let lessonReaders = 0
  for (const l of learning.lessons) {
    const id = newId()
    await tx
      .insertInto('learning_module')
      .values({
        id,
        kind: 'lesson',
        title: l.title,
        description: l.description,
        community_id: await spaceId(l.space),
        scorm_version: null,
        schema_version: null,
        identifier: null,
        launch: null,
        file_count: l.pages.length,
        bytes: 0,
        created_by: person(l.author),
        created_at: l.createdAt,
        updated_at: l.createdAt,
      })
      .execute()
    await tx
      .insertInto('lesson_page')
      .values(l.pages.map((p, position) => ({ module_id: id, position, title: p.title, body: p.body, html: renderLessonPage(id, p.body) })))
      .execute()
    if (l.readers.length > 0)
      await tx
        .insertInto('lesson_progress')
        .values(
          l.readers.map((r) => ({
            module_id: id,
            person_id: person(r.email),
            done: JSON.stringify(r.done),
            position: r.position,
            started_at: r.startedAt,
            updated_at: r.completedAt ?? r.startedAt,
            completed_at: r.completedAt,
          })),
        )
        .execute()
    lessonReaders += l.readers.length
  }

  let enrolments = 0
  const together: InteractionInput[] = []
  for (const s of learning.sessions) {
    const id = newId()
    const communityId = await spaceId(s.space)
    await tx
      .insertInto('learning_session')
      .values({
        id,
        title: s.title,
        description: s.description,
        community_id: communityId,
        facilitator_id: person(s.facilitator),
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        location: s.location,
        capacity: s.capacity,
        status: 'scheduled',
        sequence: 0,
        created_by: person(s.facilitator),
        created_at: s.createdAt,
        updated_at: s.createdAt,
      })
      .execute()
    const attended = new Set(s.attended)
    const rated = new Map(s.feedback.map((f) => [f.email, f]))
    if (s.enrolled.length > 0)
      await tx
        .insertInto('session_enrolment')
        .values(
          s.enrolled.map((email, seq) => ({
            session_id: id,
            person_id: person(email),
            status: seq < s.capacity ? ('enrolled' as const) : ('waitlisted' as const),
            seq: seq + 1,
            // Attendance is taken once a session has run: the past ones have it, the coming ones not yet.
            attended: s.attended.length > 0 ? (attended.has(email) ? 1 : 0) : null,
            rating: rated.get(email)?.rating ?? null,
            feedback: rated.get(email)?.comment ?? null,
            created_at: s.createdAt,
            updated_at: s.createdAt,
          })),
        )
        .execute()
    enrolments += s.enrolled.length
    const present = [...new Set([person(s.facilitator), ...s.attended.map(person)])].sort()
    for (let i = 0; i < present.length; i++)
      for (let j = i + 1; j < present.length; j++)
        together.push({
          actorId: present[i]!,
          targetId: present[j]!,
          kind: 'session',
          communityId,
          at: s.startsAt,
          source: 'wellspring',
          ref: `session:${id}`,
        })
  }
  await recordInteractions(tx, together)
  // The simulations: written by the first lesson's author, played by up to 40 of the lessons' readers.
  const first = learning.lessons[0]
  const players = [...new Set(learning.lessons.flatMap((l) => l.readers.map((r) => r.email)))].slice(0, 40).map(person)
  const since = Math.min(...learning.lessons.map((l) => Date.parse(l.createdAt))) + 7 * 86_400_000
  const simulations = first ? await insertSimulations(tx, person(first.author), players, since) : 0
  return { lessons: learning.lessons.length, lessonReaders, sessions: learning.sessions.length, enrolments, simulations }
}
