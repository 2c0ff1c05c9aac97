import type { CommunityRecommendation } from '../../shared/communities.js'
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

/**
 * Communities to join, ranked by how well their name, purpose and tags match the viewer's answers to
 * "Which communities do I want to join" and "Who do I want to become" (and their aspiration tags and wanted
 * skills). Terms are weighted by rarity across communities (idf), so a shared common word counts little.
 */
export async function recommendCommunities(db: Db, viewer: Viewer, limit = 6): Promise<CommunityRecommendation[]> {
  const me = await getPerson(db, viewer, viewer.id)
  const sources: [string, string, number][] = [
    ['Which communities do I want to join', me.communitiesWanted, 1.5],
    ['Who do I want to become', me.wantToBecome, 1],
    ['your tags', me.aspirationTags.join(' '), 1.5],
    ['skills you want', me.skillsWanted.join(' '), 1],
  ]
  const communities = (await listCommunities(db, viewer, {})).filter((c) => c.myRole === null)
  if (communities.length === 0) return []
  const docs = communities.map((c) => new Set(tokenize(`${c.name} ${c.name} ${c.purpose} ${c.tags.join(' ')} ${c.tags.join(' ')}`)))
  const df = new Map<string, number>()
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1)
  const idf = (t: string) => Math.log(1 + communities.length / (df.get(t) ?? communities.length))
  const scored = communities.map((community, i) => {
    const doc = docs[i] as Set<string>
    let score = 0
    const reasons: string[] = []
    for (const [label, text, weight] of sources) {
      const hits = [...new Set(tokenize(text))].filter((t) => doc.has(t))
      if (hits.length === 0) continue
      score += weight * hits.reduce((s, t) => s + idf(t), 0)
      reasons.push(
        `matches ${hits
          .slice(0, 3)
          .map((h) => `“${h}”`)
          .join(', ')} in ${label}`,
      )
    }
    // Active communities are a little more useful to join than dormant ones.
    if (score > 0) score += Math.log10(1 + community.memberCount) * 0.1
    return { community, score: Math.round(score * 1000) / 1000, reasons }
  })
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}
