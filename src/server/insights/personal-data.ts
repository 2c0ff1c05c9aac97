import { readableCommunityIds } from '../communities/lookup.js'
import { parsed, type PersonalDataPart } from '../platform/personal-data.js'
import { deletePositionsOf, findEdgesOf, findPositionsOf } from './discovery-store.js'
import { findTiesOf } from './map-store.js'
import { findInteractionsOf } from './store.js'

/**
 * The interaction log rows where the person acted, and those where they were the target in a community they may
 * read now (or in none): a mention in a secret community they are not in names neither the community, the
 * mentioner, the time nor the thread's tags. Also their own positions in discovered communities and their ties into them.
 */
export const interactionsPersonalData: PersonalDataPart = {
  name: 'interactions',
  async export(db, personId) {
    const rows = await findInteractionsOf(db, personId, await readableCommunityIds(db, personId))
    return {
      log: rows.map((r) => ({ ...r, topics: parsed(r.topics) })),
      discoveredPositions: await findPositionsOf(db, personId),
      discoveredTies: await findTiesOf(db, personId),
      // The weight of each tie in the graphs the latest runs stored, without the other person: a tie may
      // come from a mention in a secret community this person cannot read, and the log above leaves those out.
      discoveredEdges: await findEdgesOf(db, personId),
    }
  },
  // The log rows stay: the person is anonymised and opted out of analytics, which insights honour. Their
  // positions in discovered communities and their ties in the stored graphs are about them, so they go.
  async erase(db, personId) {
    await deletePositionsOf(db, personId)
  },
}
