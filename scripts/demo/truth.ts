import type { PlantedCommunity } from './communities.js'
import type { DemoKnowledge, DemoPost } from './knowledge-types.js'

/** How one person answered in a community or on a topic: `answers`, and how many of them were accepted. */
export interface ExpertEntry {
  email: string
  answers: number
  accepted: number
}

export interface TruthCommunity {
  slug: string
  name: string
  topics: string[]
  core: string[]
  members: string[]
  /** Members who also belong to another planted community. */
  brokers: string[]
  /** The Wellspring community it found, or null while it stays undiscovered (chat only). */
  wellspring: { slug: string; visibility: string } | null
  /** Who answered most and best there (answers + 2 × accepted), best first, at most five. */
  experts: ExpertEntry[]
}

export interface TruthPractice {
  title: string
  community: string
  author: string
  adopted_by: { people: string[]; communities: string[] }
}

const score = (e: ExpertEntry) => e.answers + 2 * e.accepted

function rank(entries: Map<string, ExpertEntry>, limit: number): ExpertEntry[] {
  return [...entries.values()].sort((a, b) => score(b) - score(a) || a.email.localeCompare(b.email)).slice(0, limit)
}

/** Answers and accepted answers per person, for the posts that match. */
function tally(posts: readonly DemoPost[], keep: (question: DemoPost) => boolean): Map<string, ExpertEntry> {
  const out = new Map<string, ExpertEntry>()
  for (const a of posts) {
    if (a.kind !== 'answer' || a.parent === null) continue
    const q = posts[a.parent] as DemoPost
    if (!keep(q)) continue
    const e = out.get(a.author) ?? { email: a.author, answers: 0, accepted: 0 }
    e.answers++
    if (q.accepted === a.n) e.accepted++
    out.set(a.author, e)
  }
  return out
}

/** The planted communities with their brokers, Wellspring home and experts. */
export function truthCommunities(planted: readonly PlantedCommunity[], k: DemoKnowledge): TruthCommunity[] {
  const count = new Map<string, number>()
  for (const c of planted) for (const m of c.members) count.set(m, (count.get(m) ?? 0) + 1)
  return planted.map((c) => {
    const space = k.spaces.find((s) => s.planted === c.slug)
    return {
      slug: c.slug,
      name: c.name,
      topics: c.topics,
      core: c.core,
      members: c.members,
      brokers: c.members.filter((m) => (count.get(m) ?? 0) > 1),
      wellspring: space ? { slug: space.slug, visibility: space.visibility } : null,
      experts: space
        ? rank(
            tally(k.posts, (q) => q.space === space.slug),
            5,
          )
        : [],
    }
  })
}

/** For every tag on a question, the three people who answered such questions most and best. */
export function topicExperts(k: DemoKnowledge): Record<string, ExpertEntry[]> {
  const tags = [...new Set(k.posts.filter((p) => p.kind === 'question').flatMap((p) => p.tags))].sort()
  return Object.fromEntries(
    tags.map((tag) => [
      tag,
      rank(
        tally(k.posts, (q) => q.tags.includes(tag)),
        3,
      ),
    ]),
  )
}

/** Every practice, who wrote it, and which people and communities adopted it. */
export function truthPractices(k: DemoKnowledge): TruthPractice[] {
  return k.posts
    .filter((p) => p.kind === 'practice')
    .map((p) => {
      const adoptions = k.adoptions.filter((a) => a.post === p.n)
      return {
        title: p.title,
        community: p.space,
        author: p.author,
        adopted_by: {
          people: adoptions.flatMap((a) => (a.person ? [a.person] : [])).sort(),
          communities: adoptions.flatMap((a) => (a.person === null && a.space ? [a.space] : [])).sort(),
        },
      }
    })
}

/** For every question tag, the people planted as its experts (their answers lean to it), sorted by email. */
export function topicSpecialists(specialists: readonly { email: string; tags: readonly string[] }[]): Record<string, string[]> {
  const out = new Map<string, Set<string>>()
  for (const s of specialists) for (const tag of s.tags) out.set(tag, (out.get(tag) ?? new Set()).add(s.email))
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)).map(([tag, emails]) => [tag, [...emails].sort()]))
}
