import { plantCommunities, type PlantedCommunity } from './communities.js'
import { generateOrg } from './org.js'
import { mulberry32, type Rng } from './prng.js'
import { fillProfiles, type DemoPerson } from './profiles.js'

export const DEFAULT_SEED = 20240601

export interface DemoOptions {
  seed: number
  /** YYYY-MM-DD; start dates are placed relative to it. */
  today: string
}

/** The whole demo organisation and the truth planted in it. */
export interface DemoOrg {
  seed: number
  today: string
  people: DemoPerson[]
  communities: PlantedCommunity[]
  isolated: string[]
  /** People starting within the next 30 days. */
  newcomers: string[]
}

/** What `<DATA_DIR>/demo-truth.json` holds, for tests and insights to check themselves against. */
export interface DemoTruth {
  seed: number
  generated_at: string
  communities: { slug: string; name: string; topics: string[]; core: string[]; members: string[] }[]
  isolated: string[]
  newcomers: string[]
}

/**
 * Each stage gets its own generator derived from the seed and the stage's name, so a later stage can draw
 * more (or a new stage be added) without changing what the earlier ones produce.
 */
export function stageRng(seed: number, stage: string): Rng {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < stage.length; i++) h = Math.imul(h ^ stage.charCodeAt(i), 0x01000193)
  return mulberry32(h >>> 0)
}

/** Generates the demo organisation. Pure: the same seed and day give the same organisation. */
export function generateDemo(options: DemoOptions): DemoOrg {
  const { seed, today } = options
  const org = generateOrg(stageRng(seed, 'org'), today)
  const truth = plantCommunities(stageRng(seed, 'communities'), org, today)
  const people = fillProfiles(stageRng(seed, 'profiles'), org, truth, today)
  const newcomers = people
    .filter((p) => p.startDate > today)
    .map((p) => p.email)
    .sort()
  return { seed, today, people, communities: truth.communities, isolated: truth.isolated, newcomers }
}

/** The planted truth, as written to demo-truth.json. */
export function demoTruth(org: DemoOrg, generatedAt: string): DemoTruth {
  return {
    seed: org.seed,
    generated_at: generatedAt,
    communities: org.communities.map((c) => ({ slug: c.slug, name: c.name, topics: c.topics, core: c.core, members: c.members })),
    isolated: org.isolated,
    newcomers: org.newcomers,
  }
}
