import { DEPARTMENTS, HOBBIES } from './catalogue.js'
import type { PlantedCommunity, PlantedTruth } from './communities.js'
import type { OrgPerson } from './org.js'
import { chance, int, pick, sample, type Rng } from './prng.js'

/** A demo person with the profile fields people fill in themselves. */
export interface DemoPerson extends OrgPerson {
  whoAmI: string
  wantToBecome: string
  communitiesWanted: string
  aspirationTags: string[]
  skillsOffered: string[]
  skillsWanted: string[]
}

const ALL_TOPICS = (communities: readonly PlantedCommunity[]) => [...new Set(communities.flatMap((c) => c.topics))]

/**
 * Fills in skills and the three profile questions (who am I, who do I want to become, which communities do I
 * want to join) for part of the organisation. Community members hint at their practice: core members offer
 * its topics, peripheral members want to learn them. Isolated people leave their profile mostly empty.
 */
export function fillProfiles(rng: Rng, people: readonly OrgPerson[], truth: PlantedTruth, today: string): DemoPerson[] {
  const isolated = new Set(truth.isolated)
  const topics = ALL_TOPICS(truth.communities)
  return people.map((p) => {
    const dept = DEPARTMENTS.find((d) => d.name === p.department)
    const mine = truth.communities.filter((c) => c.members.includes(p.email)).map((c) => ({ community: c, core: c.core.includes(p.email) }))
    const offered = new Set<string>()
    const wanted = new Set<string>()
    if (dept && !isolated.has(p.email) && chance(rng, 0.7)) for (const s of sample(rng, dept.skills, int(rng, 1, 3))) offered.add(s)
    for (const { community, core } of mine) {
      for (const t of sample(rng, community.topics, core ? 2 : int(rng, 0, 1))) offered.add(t)
      if (!core) wanted.add(pick(rng, community.topics))
    }
    if (mine.length === 0 && !isolated.has(p.email) && chance(rng, 0.3)) wanted.add(pick(rng, topics))
    for (const t of offered) wanted.delete(t)

    const answers = !isolated.has(p.email) && p.startDate <= today && chance(rng, mine.some((m) => m.core) ? 0.75 : 0.4)
    const firstName = p.name.split(' ')[0] ?? p.name
    const skills = [...offered]
    const peripheral = mine.find((m) => !m.core)
    return {
      ...p,
      whoAmI: answers
        ? `I'm ${firstName}, ${p.title} in ${p.team === p.department ? p.department : `the ${p.team} team`}, based in ${p.location}. ${pick(rng, HOBBIES)}${skills[0] ? ` Ask me about ${skills[0]}.` : ''}`
        : '',
      wantToBecome: answers && dept ? pick(rng, dept.aspirations) : '',
      communitiesWanted: !answers
        ? ''
        : peripheral
          ? `${peripheral.community.name}: I want to get better at ${pick(rng, peripheral.community.topics)}.`
          : wanted.size > 0
            ? `Anyone who cares about ${[...wanted][0]}.`
            : '',
      aspirationTags: answers ? [...wanted].slice(0, 3) : [],
      skillsOffered: skills,
      skillsWanted: [...wanted],
    }
  })
}
