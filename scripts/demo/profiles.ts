import { COMMUNITIES, DEPARTMENTS, HOBBIES } from './catalogue.js'
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

/** Titles that fit a community's practice in a department: the spec's list, or none. */
const fitting = (slug: string, department: string) => COMMUNITIES.find((c) => c.slug === slug)?.titles[department] ?? []

/**
 * The job title a contributor holds given the practices they belong to: one that fits all of them when there
 * is one (a broker), otherwise one that fits the practice where they are core (or their first). A title that
 * already fits is kept; managers keep theirs.
 */
export function fitTitle(rng: Rng, p: OrgPerson, mine: readonly { community: PlantedCommunity; core: boolean }[]): string {
  if (p.level !== 'ic' || mine.length === 0) return p.title
  const lists = [...mine].sort((a, b) => Number(b.core) - Number(a.core)).map((m) => fitting(m.community.slug, p.department))
  const shared = lists.reduce((acc, l) => acc.filter((t) => l.includes(t)))
  const choice = shared.length > 0 ? shared : (lists.find((l) => l.length > 0) ?? [])
  if (choice.length === 0 || choice.includes(p.title)) return p.title
  return pick(rng, choice)
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
  return people.map((person) => {
    const mine = truth.communities
      .filter((c) => c.members.includes(person.email))
      .map((c) => ({ community: c, core: c.core.includes(person.email) }))
    const p: OrgPerson = { ...person, title: fitTitle(rng, person, mine) }
    const dept = DEPARTMENTS.find((d) => d.name === p.department)
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

/**
 * Brokers and peripheral members answer where the year took them, which a title drawn from their memberships
 * cannot know. Once the year is written, a contributor whose title does not fit the practice they answered
 * most in gets one that does (their "who am I" follows). Pure: the same year gives the same titles.
 */
export function fitTitlesToAnswers(
  rng: Rng,
  people: readonly DemoPerson[],
  answersBySpace: ReadonlyMap<string, ReadonlyMap<string, number>>,
): DemoPerson[] {
  return people.map((p) => {
    const mine = answersBySpace.get(p.email)
    if (p.level !== 'ic' || !mine) return p
    const [slug] = [...mine].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] as [string, number]
    const list = fitting(slug, p.department)
    if (list.length === 0 || list.includes(p.title)) return p
    const title = pick(rng, list)
    return { ...p, title, whoAmI: p.whoAmI.replace(`, ${p.title} in `, `, ${title} in `) }
  })
}
