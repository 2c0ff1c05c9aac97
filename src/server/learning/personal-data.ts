import { parsed, type PersonalDataPart } from '../platform/personal-data.js'
import { attemptsOf } from './store.js'

/** A learner's SCORM tracking data is theirs: in their export, and erased with them. */
export const learningPersonalData: PersonalDataPart = {
  name: 'learning',
  async export(db, personId) {
    const attempts = await attemptsOf(db, personId)
    return {
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
  },
}
