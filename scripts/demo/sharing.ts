import { between, DAY, HOUR, type Book } from './book.js'
import { joinedBy, type Clock, type CommunityPlan, type Participant } from './cast.js'
import type { DemoPost } from './knowledge-types.js'
import { chance, int, pick, weighted, type Rng } from './prng.js'
import { ADOPTION_NOTES, POST_COMMENTS, THANKS_NOTES } from './vocabulary.js'

/** The practice that spreads furthest: three other communities adopt it (JOURNEYS.md, Sam). */
export const SPREADING_PRACTICE = 'Contract tests for every service'

type Space = NonNullable<CommunityPlan['space']>

/** Someone who had joined by `at`, newcomers left out: sharing a practice comes later on the trajectory. */
function pickAuthor(rng: Rng, plan: CommunityPlan, at: number, tags: readonly string[], coreWeight: number): Participant | undefined {
  const pool = joinedBy(plan, at)
    .filter((p) => !p.recent)
    .map((p) => [p, p.core ? coreWeight * (p.specialty.some((s) => tags.includes(s)) ? 2 : 1) : 1] as const)
  return pool.length > 0 ? weighted(rng, pool) : undefined
}

/** Comments, thanks and "I learned this from you" from members over the weeks after a post. */
function react(rng: Rng, book: Book, plan: CommunityPlan, post: DemoPost, maxComments: number, maxThanks: number): void {
  const t = Date.parse(post.createdAt)
  const readers = () => joinedBy(plan, t + 30 * DAY).filter((p) => p.email !== post.author)
  for (let i = int(rng, 0, maxComments); i > 0; i--) {
    const at = t + between(rng, HOUR, 20 * DAY)
    const members = joinedBy(plan, at).filter((p) => p.email !== post.author)
    if (members.length > 0) book.reply(post, 'comment', pick(rng, members).email, pick(rng, POST_COMMENTS), at)
  }
  for (let i = int(rng, 0, maxThanks); i > 0 && readers().length > 0; i--) {
    const reader = pick(rng, readers())
    const kind = chance(rng, reader.core ? 0.15 : 0.35) ? 'learned' : 'thanks'
    const receiver = post.anonymous ? null : post.author
    book.thank(
      { kind, giver: reader.email, receiver, post: post.n, space: post.space, note: kind === 'thanks' ? pick(rng, THANKS_NOTES) : '' },
      Math.max(t, reader.joinAt) + between(rng, HOUR, 40 * DAY),
    )
  }
}

function shareStories(rng: Rng, book: Book, plan: CommunityPlan, space: Space, clock: Clock): void {
  const created = Date.parse(space.createdAt)
  const times = plan.vocab.stories.map(() => between(rng, created + 14 * DAY, clock.end - 5 * DAY)).sort((a, b) => a - b)
  const order = new Map<string, number>()
  plan.vocab.stories.forEach((spec, i) => {
    const at = times[i] as number
    const author = pickAuthor(rng, plan, at, spec.tags, 3)
    if (!author) return
    const seriesOrder = spec.series ? (order.get(spec.series) ?? 0) + 1 : null
    if (spec.series) order.set(spec.series, seriesOrder as number)
    const post = book.add(
      {
        space: space.slug,
        kind: 'story',
        author: author.email,
        title: spec.title,
        body: spec.body,
        tags: [...spec.tags],
        seriesId: spec.series ? `${space.slug}-${spec.series}` : null,
        seriesOrder,
      },
      at,
    )
    react(rng, book, plan, post, 3, 5)
  })
}

function sharePractices(rng: Rng, book: Book, plan: CommunityPlan, space: Space, plans: readonly CommunityPlan[], clock: Clock): void {
  const created = Date.parse(space.createdAt)
  for (const spec of plan.vocab.practices) {
    const at = between(rng, created + 30 * DAY, created + (clock.end - created) * 0.7)
    const author = pickAuthor(rng, plan, at, spec.tags, 6)
    if (!author) continue
    const body = `${spec.summary}\n\nThe context, the steps and the evidence are below. Tell us if you adopt it, and how it goes.`
    const post = book.add(
      {
        space: space.slug,
        kind: 'practice',
        author: author.email,
        title: spec.title,
        body,
        tags: [...spec.tags],
        fields: { context: spec.context, steps: spec.steps, evidence: spec.evidence },
      },
      at,
    )
    react(rng, book, plan, post, 2, 4)
    // People adopt it: members first, then the odd member of another community who can read it.
    const adopters = joinedBy(plan, at + 60 * DAY).filter((p) => p.email !== author.email)
    for (let i = int(rng, 2, 6); i > 0 && adopters.length > 0; i--) {
      const who = adopters.splice(Math.floor(rng() * adopters.length), 1)[0] as Participant
      book.adopt(
        { post: post.n, person: who.email, space: null, note: pick(rng, ADOPTION_NOTES), by: who.email },
        Math.max(at, who.joinAt) + between(rng, DAY, 90 * DAY),
      )
    }
    for (const other of plans) {
      if (other === plan || space.visibility !== 'open' || !chance(rng, 0.3)) continue
      const visitor = other.participants.filter((p) => !plan.planted.members.includes(p.email) && !p.recent)
      if (visitor.length > 0) {
        const who = pick(rng, visitor)
        book.adopt(
          { post: post.n, person: who.email, space: null, note: pick(rng, ADOPTION_NOTES), by: who.email },
          at + between(rng, 7 * DAY, 120 * DAY),
        )
      }
    }
    // Communities adopt it, recorded by their steward, who must be able to read it: in a closed community
    // the steward joins first, as anyone would.
    const spreading = spec.title === SPREADING_PRACTICE
    const others = plans.filter((o) => o !== plan && o.space)
    for (const other of others) {
      if (!(spreading ? others.indexOf(other) < 3 : chance(rng, 0.2))) continue
      const adoptAt = at + between(rng, 14 * DAY, 150 * DAY)
      if (adoptAt >= clock.end) continue
      const steward = other.steward
      if (space.visibility !== 'open' && !plan.participants.some((p) => p.email === steward))
        book.join(space.slug, steward, adoptAt - between(rng, DAY, 7 * DAY))
      book.adopt(
        {
          post: post.n,
          person: null,
          space: (other.space as Space).slug,
          note: pick(rng, ADOPTION_NOTES) || `Adopted by ${(other.space as Space).name}.`,
          by: steward,
        },
        adoptAt,
      )
    }
  }
}

function shareLessons(rng: Rng, book: Book, plan: CommunityPlan, space: Space, clock: Clock): void {
  const created = Date.parse(space.createdAt)
  for (const spec of plan.vocab.lessons) {
    const at = between(rng, created + 21 * DAY, clock.end - 3 * DAY)
    const author = pickAuthor(rng, plan, at, spec.tags, 1.5)
    if (!author) continue
    const body = 'Written blameless: this is about what the system let happen, not who did it.'
    const fields = {
      whatHappened: spec.whatHappened,
      whatWeLearned: spec.whatWeLearned,
      whatWeWouldDoDifferently: spec.whatWeWouldDoDifferently,
    }
    const post = book.add(
      {
        space: space.slug,
        kind: 'lesson',
        author: author.email,
        title: spec.title,
        body,
        tags: [...spec.tags],
        fields,
        anonymous: chance(rng, 0.4),
      },
      at,
    )
    react(rng, book, plan, post, 2, 3)
  }
}

/** Stories (one series among them), practices with their adoptions, and lessons (some anonymous) in every discovered community. */
export function simulateSharing(rng: Rng, book: Book, plans: readonly CommunityPlan[], clock: Clock): void {
  for (const plan of plans) {
    if (!plan.space) continue
    shareStories(rng, book, plan, plan.space, clock)
    sharePractices(rng, book, plan, plan.space, plans, clock)
    shareLessons(rng, book, plan, plan.space, clock)
  }
}
