import type { PersonalDataPart } from '../platform/personal-data.js'
import { deleteIdentitiesOfPerson, findIdentitiesOfPerson } from './collab-store.js'

/**
 * The outside accounts (Slack members, addresses) imports linked to a person. Erasure forgets the links, so a
 * later import credits those accounts to their placeholder again, never to the erased person.
 */
export const collabPersonalData: PersonalDataPart = {
  name: 'importedAccounts',
  async export(db, personId) {
    return { accounts: await findIdentitiesOfPerson(db, personId) }
  },
  async erase(db, personId) {
    await deleteIdentitiesOfPerson(db, personId)
  },
}
