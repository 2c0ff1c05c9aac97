import { parsed, type PersonalDataPart } from '../platform/personal-data.js'
import { progressOfPerson } from './lessons-store.js'
import { eraseMapData, goalsOf } from './map-store.js'
import { eraseQuizData, quizDataOf } from './quiz-store.js'
import { enrolmentsOfPerson } from './sessions-store.js'
import { eraseSimulationData, simulationDataOf } from './simulation-store.js'
import { attemptsOf } from './store.js'

/**
 * A learner's SCORM tracking data, lesson progress, session enrolments (with their feedback), quiz answers,
 * review cards and simulation attempts (with every choice taken) are theirs: exported, and erased with them.
 */
export const learningPersonalData: PersonalDataPart = {
  name: 'learning',
  async export(db, personId) {
    const attempts = await attemptsOf(db, personId)
    const enrolments = await enrolmentsOfPerson(db, personId)
    const quiz = await quizDataOf(db, personId)
    const lessons = await progressOfPerson(db, personId)
    const goals = await goalsOf(db, personId)

    const simulations = await simulationDataOf(db, personId)
    const assignments = await db.selectFrom('learning_assignment').selectAll().where('person_id', '=', personId).execute()
    return {
      assignments: assignments.map((a) => ({
        moduleId: a.module_id,
        assignedBy: a.assigned_by,
        dueAt: a.due_at,
        note: a.note,
        assignedAt: a.created_at,
      })),
      mapGoals: goals.map((g) => ({ communityId: g.community_id, nodeId: g.node_id, setAt: g.updated_at })),
      lessons: lessons.map((l) => ({
        moduleId: l.module_id,
        pagesRead: parsed(l.done),
        openPage: l.position,
        startedAt: l.started_at,
        updatedAt: l.updated_at,
        completedAt: l.completed_at,
      })),
      quizAnswers: quiz.answers.map((a) => ({
        quizId: a.quiz_id,
        questionId: a.question_id,
        response: parsed(a.response),
        correct: a.correct === 1,
        points: a.points,
        mode: a.mode,
        answeredAt: a.answered_at,
      })),
      reviewCards: quiz.cards.map((c) => ({
        quizId: c.quiz_id,
        questionId: c.question_id,
        due: c.due,
        reps: c.reps,
        lapses: c.lapses,
        lastReview: c.last_review,
      })),
      sessions: enrolments.map((e) => ({
        sessionId: e.session_id,
        status: e.status,
        attended: e.attended === null ? null : e.attended === 1,
        rating: e.rating,
        feedback: e.feedback,
        enrolledAt: e.created_at,
      })),
      simulationAttempts: simulations.attempts.map((a) => ({
        moduleId: a.module_id,
        situation: a.situation_key,
        score: a.score,
        path: parsed(a.path),
        startedAt: a.started_at,
        updatedAt: a.updated_at,
        finishedAt: a.finished_at,
      })),
      simulationChoices: simulations.steps.map((s) => ({
        moduleId: s.module_id,
        choice: s.choice_key,
        scoreAfter: s.score_after,
        at: s.at,
      })),
      scormAttempts: attempts.map((a) => ({
        moduleId: a.module_id,
        item: a.position,
        status: a.status,
        score: a.score,
        location: a.location,
        suspendData: a.suspend_data,
        cmi: parsed(a.cmi),
        startedAt: a.started_at,
        updatedAt: a.updated_at,
        completedAt: a.completed_at,
      })),
    }
  },
  async erase(tx, personId) {
    await tx.deleteFrom('scorm_attempt').where('person_id', '=', personId).execute()
    await tx.deleteFrom('session_enrolment').where('person_id', '=', personId).execute()
    await eraseQuizData(tx, personId)
    await tx.deleteFrom('lesson_progress').where('person_id', '=', personId).execute()
    await eraseSimulationData(tx, personId)
    await tx.deleteFrom('learning_assignment').where('person_id', '=', personId).execute()
    await eraseMapData(tx, personId)
    // Assignments they made stay with the people asked, without their name.
    await tx.updateTable('learning_assignment').set({ assigned_by: null }).where('assigned_by', '=', personId).execute()
  },
}
