import type { CommunityRecommendation } from '../../shared/communities.js'
import { authorTags } from '../knowledge/lookup.js'
import { getPerson } from '../people/service.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { listCommunities } from './service.js'

const STOP = new Set(
  'a an and are as at be by for from how i in into is it me my of on or our the to we what who with want become join communities community like would'.split(
    ' ',
  ),
)

/** Lower-cased word stems, minus stop words: enough to match "testing" with "tests" and "engineer" with "engineering". */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9+#]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => w.replace(/(ing|ers|er|es|s)$/, '') || w)
}

/** A source of what the person wants or did, and how to say in words why it matched. */
interface Source {
  /** Each piece the person wrote or did (a tag, a skill, a sentence), kept as they wrote it. */
  pieces: string[]
  weight: number
  /** The reason in plain words, given the person's own words that matched. */
  say: (words: string[]) => string
}

const quoted = (words: string[]) => {
  const q = words.slice(0, 3).map((w) => `“${w}”`)
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}` : (q[0] ?? '')
}
const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text)

/**
 * The person's own words in `piece` whose stems are in `terms`: whole tags and skills as written, or the
 * words of a sentence as typed (never a stem).
 */
function wordsMatching(piece: string, terms: Set<string>, whole: boolean): string[] {
  if (whole) return tokenize(piece).some((t) => terms.has(t)) ? [piece.trim()] : []
  return (piece.match(/[\p{L}\p{N}+#]+/gu) ?? []).filter((w) => tokenize(w).some((t) => terms.has(t)))
}

/**
 * Communities to join, ranked by how well their name, tags and purpose match what the person wants (their
 * answers to "Which communities do I want to join" and "Who do I want to become", their interests and the skills
 * they want) and what they did (the tags of their posts). Terms are weighted by rarity across communities (idf).
 * A match in a community's name or tags counts fully; its purpose alone must share two words, so one common word
 * ("build") does not make a suggestion. Reasons quote the person's own words, never stems.
 */
export async function recommendCommunities(db: Db, viewer: Viewer, limit = 6): Promise<CommunityRecommendation[]> {
  const me = await getPerson(db, viewer, viewer.id)
  const posted = (await authorTags(db, viewer.id, 20)).map((t) => t.tag)
  const sources: (Source & { whole: boolean })[] = [
    { pieces: [me.communitiesWanted], weight: 1.5, whole: false, say: (w) => `You asked for communities about ${quoted(w)}` },
    { pieces: [me.wantToBecome], weight: 1, whole: false, say: () => `You want to become “${clip(me.wantToBecome.trim())}”` },
    { pieces: me.aspirationTags, weight: 1.5, whole: true, say: (w) => `Your interests include ${quoted(w)}` },
    { pieces: me.skillsWanted, weight: 1, whole: true, say: (w) => `You want to learn ${quoted(w)}` },
    { pieces: posted, weight: 1.5, whole: true, say: (w) => `You post about ${quoted(w)}` },
  ]
  const communities = (await listCommunities(db, viewer, {})).filter((c) => c.myRole === null)
  if (communities.length === 0) return []
  const strong = communities.map((c) => new Set(tokenize(`${c.name} ${c.tags.join(' ')}`)))
  const weak = communities.map((c) => new Set(tokenize(c.purpose)))
  const df = new Map<string, number>()
  communities.forEach((_, i) => {
    for (const t of new Set([...strong[i]!, ...weak[i]!])) df.set(t, (df.get(t) ?? 0) + 1)
  })
  const idf = (t: string) => Math.log(1 + communities.length / (df.get(t) ?? communities.length))
  const scored = communities.map((community, i) => {
    const inName = strong[i]!
    const inPurpose = weak[i]!
    let score = 0
    const reasons: string[] = []
    const strongHits = new Set<string>()
    const weakHits = new Set<string>()
    for (const source of sources) {
      const terms = new Set(source.pieces.flatMap((p) => tokenize(p)))
      const hits = [...terms].filter((t) => inName.has(t) || inPurpose.has(t))
      if (hits.length === 0) continue
      for (const t of hits) (inName.has(t) ? strongHits : weakHits).add(t)
      score += source.weight * hits.reduce((s, t) => s + idf(t) * (inName.has(t) ? 1 : 0.5), 0)
      const words = [...new Set(source.pieces.flatMap((p) => wordsMatching(p, new Set(hits), source.whole)))]
      if (words.length > 0) reasons.push(source.say(words))
    }
    if (strongHits.size === 0 && weakHits.size < 2) return { community, score: 0, reasons }
    // Active communities are a little more useful to join than dormant ones.
    if (score > 0) score += Math.log10(1 + community.memberCount) * 0.1
    return { community, score: Math.round(score * 1000) / 1000, reasons }
  })
  return scored
    .filter((s) => s.score > 0 && s.reasons.length > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}
