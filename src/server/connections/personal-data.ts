import type { PersonalDataPart } from '../platform/personal-data.js'

/**
 * The programmes the person joined with their answers, their matches (with their own answer and reflection),
 * and the log entries they wrote. Erasure removes their answers, reflections and log entries; the matches
 * stay as history of the others, with the person shown as "Former member".
 */
export const connectionsPersonalData: PersonalDataPart = {
  name: 'connections',
  async export(db, personId) {
    const [programmes, matches, log] = await Promise.all([
      db
        .selectFrom('programme_participant')
        .select([
          'programme_id',
          'role',
          'capacity',
          'who_am_i',
          'want_to_become',
          'goals',
          'skills_offered',
          'skills_wanted',
          'status',
          'joined_at',
          'reflection',
          'reflected_at',
        ])
        .where('person_id', '=', personId)
        .execute(),
      db
        .selectFrom('connection_member as cm')
        .innerJoin('connection_match as m', 'm.id', 'cm.match_id')
        .select([
          'm.id',
          'm.programme_id',
          'm.status',
          'm.reasons',
          'cm.role',
          'cm.response',
          'cm.responded_at',
          'cm.reflection',
          'm.created_at',
        ])
        .where('cm.person_id', '=', personId)
        .execute(),
      db.selectFrom('connection_log').select(['match_id', 'kind', 'body', 'created_at']).where('author_id', '=', personId).execute(),
    ])
    return { programmes, matches, log }
  },
  async erase(tx, personId) {
    await tx.deleteFrom('programme_participant').where('person_id', '=', personId).execute()
    await tx.updateTable('connection_member').set({ reflection: null }).where('person_id', '=', personId).execute()
    await tx.deleteFrom('connection_log').where('author_id', '=', personId).execute()
  },
}
