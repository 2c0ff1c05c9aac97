import { plantCommunities, type PlantedCommunity } from './communities.js'
import { chooseOptedOut, generateConnections, type DemoConnections } from './connections.js'
import { generateKnowledge } from './knowledge.js'
import type { DemoKnowledge } from './knowledge-types.js'
import { generateLearning, type DemoLearning } from './learning.js'
import { generatePractice, type DemoPractice } from './learning-practice.js'
import { generateOrg } from './org.js'
import { stageRng } from './prng.js'
import { fillProfiles, fitTitlesToAnswers, type DemoPerson } from './profiles.js'
import {
  topicExperts,
  topicSpecialists,
  truthCommunities,
  truthPractices,
  type ExpertEntry,
  type TruthCommunity,
  type TruthPractice,
} from './truth.js'

export { stageRng }

export const DEFAULT_SEED = 20240601

export interface DemoOptions {
  seed: number
  /** YYYY-MM-DD; start dates are placed relative to it, and the year of activity ends at its midnight (UTC). */
  today: string
}

/** The whole demo organisation, the truth planted in it, and the year of activity it left. */
export interface DemoOrg {
  seed: number
  today: string
  people: DemoPerson[]
  communities: PlantedCommunity[]
  isolated: string[]
  /** People starting within the next 30 days. */
  newcomers: string[]
  /** People who started within the last 90 days. */
  recentStarters: string[]
  /** Core members and the question tags they know best, per Wellspring community. */
  specialists: { space: string; email: string; tags: string[] }[]
  activity: DemoKnowledge
  /** The learning catalogue its specialists wrote and ran, and who used it. */
  learning: DemoLearning
  /** People who opted out of analytics. */
  optedOut: string[]
  /** Mentoring, circles, lunch rounds and introductions, with their rounds, matches and meetings. */
  connections: DemoConnections
  /** Quizzes with their answers, a team challenge, managers' assignments and the SCORM module's attempts. */
  practice: DemoPractice
}

/** What `<DATA_DIR>/demo-truth.json` holds, for tests and insights to check themselves against (see README.md). */
export interface DemoTruth {
  seed: number
  generated_at: string
  today: string
  communities: TruthCommunity[]
  isolated: string[]
  newcomers: { upcoming: string[]; recent: string[] }
  brokers: { email: string; communities: string[] }[]
  topic_experts: Record<string, ExpertEntry[]>
  /** The planted experts of each question tag: core members whose answers lean to it, sorted. */
  topic_specialists: Record<string, string[]>
  practices: TruthPractice[]
}

/** Generates the demo organisation and its year. Pure: the same seed and day give the same organisation. */
export function generateDemo(options: DemoOptions): DemoOrg {
  const { seed, today } = options
  const org = generateOrg(stageRng(seed, 'org'), today)
  const truth = plantCommunities(stageRng(seed, 'communities'), org, today)
  const profiled = fillProfiles(stageRng(seed, 'profiles'), org, truth, today)
  const newcomers = profiled
    .filter((p) => p.startDate > today)
    .map((p) => p.email)
    .sort()
  const { recent, specialists, ...activity } = generateKnowledge({
    seed,
    today,
    people: profiled,
    communities: truth.communities,
    isolated: truth.isolated,
  })
  // Spaces are named after their planted community, so answers per space are answers per practice.
  const answersBySpace = new Map<string, Map<string, number>>()
  for (const a of activity.posts)
    if (a.kind === 'answer') {
      const mine = answersBySpace.get(a.author) ?? new Map<string, number>()
      answersBySpace.set(a.author, mine.set(a.space, (mine.get(a.space) ?? 0) + 1))
    }
  const people = fitTitlesToAnswers(stageRng(seed, 'titles'), profiled, answersBySpace)
  const optedOut = chooseOptedOut(stageRng(seed, 'opt-outs'), people, truth, today)
  const connectionsInput = { today, people, communities: truth.communities, interactions: activity.interactions, optedOut }
  const learning = generateLearning(stageRng(seed, 'learning'), { today, activity, specialists })
  return {
    seed,
    today,
    people,
    communities: truth.communities,
    isolated: truth.isolated,
    newcomers,
    recentStarters: recent,
    specialists,
    activity,
    learning,
    practice: generatePractice(stageRng(seed, 'learning-practice'), { today, activity, people, lessons: learning.lessons }),
    optedOut,
    connections: generateConnections(stageRng(seed, 'connections'), connectionsInput),
  }
}

/** The planted truth, as written to demo-truth.json. */
export function demoTruth(org: DemoOrg, generatedAt: string): DemoTruth {
  const communities = truthCommunities(org.communities, org.activity)
  const brokers = [...new Set(communities.flatMap((c) => c.brokers))].sort().map((email) => ({
    email,
    communities: communities.filter((c) => c.members.includes(email)).map((c) => c.slug),
  }))
  return {
    seed: org.seed,
    generated_at: generatedAt,
    today: org.today,
    communities,
    isolated: org.isolated,
    newcomers: { upcoming: org.newcomers, recent: org.recentStarters },
    brokers,
    topic_experts: topicExperts(org.activity),
    topic_specialists: topicSpecialists(org.specialists),
    practices: truthPractices(org.activity),
  }
}
