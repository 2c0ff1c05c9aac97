import { describe, expect, it } from 'vitest'
import { matchRound, type Participant } from './matching.js'

// The introductions a system round proposes (pure matching, no database): pairs that would close a
// structural hole, people on the same topic in different communities of the network with no tie yet.

function person(personId: string, topics: string[]): Participant {
  return {
    personId,
    role: 'member',
    capacity: 1,
    department: 'Engineering',
    managerId: null,
    tenureYears: 3,
    skillsOffered: topics,
    skillsWanted: [],
    identityWords: [],
    aspirationWords: [],
    expertise: new Map(),
  }
}

describe('matchRound for introductions', () => {
  it('pairs people on the same topic across two communities, never the ones already tied', () => {
    // Two communities of the interaction log: Ann–Bob and Cat–Dan. Ann and Cat both work on onboarding, Bob and
    // Dan on billing. Of the three ways to pair the four, only Ann–Cat with Bob–Dan closes both holes.
    const people = [person('ann', ['onboarding']), person('bob', ['billing']), person('cat', ['onboarding']), person('dan', ['billing'])]
    const ties = [
      { a: 'ann', b: 'bob' },
      { a: 'cat', b: 'dan' },
    ]
    for (let seed = 1; seed <= 5; seed++) {
      const result = matchRound(people, { kind: 'intro', ties, blockedPairs: new Set(), crossDepartment: 0, seed })
      const pairs = result.matches
        .map((m) =>
          m.members
            .map((x) => x.personId)
            .sort()
            .join(' '),
        )
        .sort()
      expect(pairs).toEqual(['ann cat', 'bob dan'])
      const annCat = result.matches.find((m) => m.members.some((x) => x.personId === 'ann'))!
      expect(annCat.reasons).toContain('You are in different communities of the network: this round bridges them.')
      expect(annCat.reasons).toContain('You both work on onboarding.')
    }
  })
})
