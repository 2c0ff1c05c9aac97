import { describe, expect, it } from 'vitest'
import { DEMO_ADMIN_EMAIL } from './catalogue.js'
import { demoTruth, generateDemo } from './generate.js'
import { addDays, EXECUTIVE } from './org.js'

const TODAY = '2025-03-10'

describe('generateDemo', () => {
  const org = generateDemo({ seed: 42, today: TODAY })
  const byEmail = new Map(org.people.map((p) => [p.email, p]))

  it('gives the same organisation for the same seed, and another for another seed', () => {
    expect(generateDemo({ seed: 42, today: TODAY })).toEqual(org)
    const other = generateDemo({ seed: 43, today: TODAY })
    expect(other.people.map((p) => p.email)).not.toEqual(org.people.map((p) => p.email))
  })

  it('has about 300 people with unique emails in about 8 departments and a handful of cities', () => {
    expect(org.people.length).toBeGreaterThanOrEqual(250)
    expect(org.people.length).toBeLessThanOrEqual(350)
    expect(byEmail.size).toBe(org.people.length)
    const departments = new Set(org.people.map((p) => p.department).filter((d) => d !== EXECUTIVE))
    expect(departments.size).toBe(8)
    const cities = new Set(org.people.map((p) => p.location))
    expect(cities.size).toBeGreaterThanOrEqual(4)
    expect(cities.size).toBeLessThanOrEqual(8)
    expect(byEmail.get(DEMO_ADMIN_EMAIL)?.role).toBe('admin')
    expect(org.people.filter((p) => p.role === 'admin')).toHaveLength(1)
  })

  it('is a tree: one root, every manager known and listed before their reports, no cycles', () => {
    const roots = org.people.filter((p) => p.managerEmail === null)
    expect(roots).toHaveLength(1)
    expect(roots[0]?.level).toBe('ceo')
    const seen = new Set<string>()
    for (const p of org.people) {
      if (p.managerEmail !== null) expect(seen.has(p.managerEmail), `${p.email}'s manager comes first`).toBe(true)
      seen.add(p.email)
    }
    for (const p of org.people) {
      const chain = new Set<string>()
      let current: string | null = p.email
      while (current !== null) {
        expect(chain.has(current), `cycle through ${current}`).toBe(false)
        chain.add(current)
        current = byEmail.get(current)?.managerEmail ?? null
      }
      expect(chain.has(roots[0]!.email)).toBe(true)
    }
    expect(org.people.filter((p) => p.level === 'head')).toHaveLength(8)
  })

  it('spreads start dates over ten years, with about 20 people starting within 30 days', () => {
    const upcoming = org.people.filter((p) => p.startDate > TODAY)
    expect(upcoming.length).toBeGreaterThanOrEqual(15)
    expect(upcoming.length).toBeLessThanOrEqual(25)
    for (const p of upcoming) expect(p.startDate <= addDays(TODAY, 30)).toBe(true)
    expect(org.newcomers).toEqual(upcoming.map((p) => p.email).sort())
    const past = org.people.filter((p) => p.startDate <= TODAY).map((p) => p.startDate)
    expect(past.every((d) => d >= addDays(TODAY, -3660))).toBe(true)
    const years = new Set(past.map((d) => d.slice(0, 4)))
    expect(years.size).toBeGreaterThanOrEqual(9)
  })

  it('plants communities of 8 to 25 people from at least 3 departments, with core members among them', () => {
    expect(org.communities.length).toBeGreaterThanOrEqual(6)
    expect(org.communities.length).toBeLessThanOrEqual(8)
    for (const c of org.communities) {
      expect(c.members.length, c.slug).toBeGreaterThanOrEqual(8)
      expect(c.members.length, c.slug).toBeLessThanOrEqual(25)
      expect(new Set(c.members.map((e) => byEmail.get(e)?.department)).size, c.slug).toBeGreaterThanOrEqual(3)
      expect(c.core.length).toBeGreaterThanOrEqual(3)
      expect(c.core.length).toBeLessThan(c.members.length)
      for (const e of c.core) expect(c.members).toContain(e)
      for (const e of c.members) expect(byEmail.get(e)!.startDate <= TODAY).toBe(true)
    }
  })

  it('leaves a few people isolated, in no community', () => {
    const inCommunity = new Set(org.communities.flatMap((c) => c.members))
    expect(org.isolated.length).toBeGreaterThanOrEqual(3)
    for (const e of org.isolated) {
      expect(inCommunity.has(e)).toBe(false)
      expect(byEmail.has(e)).toBe(true)
    }
  })

  it('fills in the three questions and skills for some people, and the truth file lists what was planted', () => {
    const answered = org.people.filter((p) => p.whoAmI && p.wantToBecome)
    expect(answered.length).toBeGreaterThan(org.people.length * 0.25)
    expect(answered.length).toBeLessThan(org.people.length * 0.9)
    expect(org.people.filter((p) => p.skillsOffered.length > 0).length).toBeGreaterThan(org.people.length / 2)
    const truth = demoTruth(org, '2025-03-10T12:00:00.000Z')
    expect(truth).toMatchObject({
      seed: 42,
      generated_at: '2025-03-10T12:00:00.000Z',
      today: TODAY,
      isolated: org.isolated,
      newcomers: { upcoming: org.newcomers, recent: org.recentStarters },
    })
    expect(truth.communities[0]).toEqual({
      slug: expect.any(String),
      name: expect.any(String),
      topics: expect.any(Array),
      core: expect.any(Array),
      members: expect.any(Array),
      brokers: expect.any(Array),
      wellspring: { slug: expect.any(String), visibility: expect.any(String) },
      experts: expect.any(Array),
    })
  })
})

describe('generateDemo: the year of activity', () => {
  const org = generateDemo({ seed: 42, today: TODAY })
  const { activity: k } = org
  const posts = k.posts
  const yearStart = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 365 * 86_400_000).toISOString()
  const yearEnd = `${TODAY}T00:00:00.000Z`
  const answersBy = (email: string, space?: string) =>
    posts.filter((p) => p.kind === 'answer' && p.author === email && (!space || p.space === space)).length
  const touches = (email: string) => k.interactions.filter((i) => i.actor === email || i.target === email)

  it('is the same for the same seed, and another for another seed', () => {
    expect(generateDemo({ seed: 42, today: TODAY }).activity).toEqual(k)
    const other = generateDemo({ seed: 43, today: TODAY }).activity
    expect(other.posts.map((p) => p.title)).not.toEqual(posts.map((p) => p.title))
  })

  it('gives some planted communities a Wellspring home (open, closed, one secret) and leaves some undiscovered', () => {
    const visibilities = k.spaces.map((s) => s.visibility)
    expect(visibilities.filter((v) => v === 'open').length).toBeGreaterThanOrEqual(2)
    expect(visibilities.filter((v) => v === 'closed').length).toBeGreaterThanOrEqual(2)
    expect(visibilities.filter((v) => v === 'secret')).toHaveLength(1)
    const undiscovered = org.communities.filter((c) => !k.spaces.some((s) => s.planted === c.slug))
    expect(undiscovered.length).toBeGreaterThanOrEqual(2)
    for (const c of undiscovered) {
      const chat = k.interactions.filter(
        (i) => i.source === 'demo-chat' && c.members.includes(i.actor) && c.members.includes(i.target) && i.topics.length > 0,
      )
      expect(chat.length, c.slug).toBeGreaterThan(c.members.length * 5)
    }
    expect(new Set(posts.map((p) => p.kind))).toEqual(new Set(['question', 'answer', 'comment', 'story', 'practice', 'lesson']))
    expect(posts.filter((p) => p.kind === 'lesson' && p.anonymous).length).toBeGreaterThan(0)
    expect(posts.some((p) => p.body.includes('```'))).toBe(true)
    expect(k.interactions.some((i) => i.kind === 'mention' && i.source === 'wellspring')).toBe(true)
  })

  it('keeps every date inside the last year, and replies after what they reply to', () => {
    const dates = [
      ...posts.flatMap((p) => [p.createdAt, p.lastActivityAt, p.acceptedAt ?? p.createdAt]),
      ...k.thanks.map((t) => t.at),
      ...k.adoptions.map((a) => a.at),
      ...k.interactions.map((i) => i.at),
      ...k.members.flatMap((m) => m.events.map((e) => e.at)),
    ]
    for (const d of dates) {
      expect(d >= yearStart && d < yearEnd, d).toBe(true)
    }
    for (const p of posts) {
      expect(p.n).toBe(posts.indexOf(p))
      if (p.parent === null) continue
      const parent = posts[p.parent]!
      expect(parent.createdAt < p.createdAt).toBe(true)
      expect(parent.space).toBe(p.space)
      if (p.kind === 'answer') expect(parent.kind).toBe('question')
      expect(posts[p.root!]!.parent).toBeNull()
    }
  })

  it('keeps counters as the product does: answers, comments, accepted answers and last activity', () => {
    for (const q of posts.filter((p) => p.parent === null)) {
      const children = posts.filter((c) => c.parent === q.n)
      expect(q.answerCount).toBe(children.filter((c) => c.kind === 'answer').length)
      expect(q.commentCount).toBe(children.filter((c) => c.kind === 'comment').length)
      for (const c of posts.filter((x) => x.root === q.n)) expect(q.lastActivityAt >= c.createdAt).toBe(true)
      if (q.accepted !== null) {
        const a = posts[q.accepted]!
        expect(a.kind).toBe('answer')
        expect(a.parent).toBe(q.n)
        expect(q.acceptedAt! > a.createdAt).toBe(true)
      }
    }
    expect(posts.filter((p) => p.accepted !== null).length).toBeGreaterThan(posts.filter((p) => p.kind === 'question').length / 3)
  })

  it('has core members answer far more than peripheral ones', () => {
    for (const space of k.spaces) {
      const c = org.communities.find((x) => x.slug === space.planted)!
      const avg = (emails: string[]) => emails.reduce((s, e) => s + answersBy(e, space.slug), 0) / emails.length
      expect(avg(c.core), c.slug).toBeGreaterThan(3 * avg(c.members.filter((e) => !c.core.includes(e))))
    }
    const truth = demoTruth(org, '')
    for (const c of truth.communities.filter((x) => x.wellspring)) expect(c.core).toContain(c.experts[0]!.email)
  })

  it('makes newcomers look like newcomers: few questions, at most one answer, some unanswered, thanks given', () => {
    expect(org.recentStarters.length).toBeGreaterThan(5)
    for (const e of org.recentStarters) {
      expect(answersBy(e)).toBeLessThanOrEqual(1)
      expect(posts.filter((p) => p.kind === 'question' && p.author === e).length).toBeLessThanOrEqual(3)
    }
    const asked = posts.filter((p) => p.kind === 'question' && org.recentStarters.includes(p.author))
    expect(asked.length).toBeGreaterThan(org.recentStarters.length / 2)
    expect(asked.filter((q) => q.answerCount === 0).length).toBeGreaterThan(0)
    const thankers = new Set(k.thanks.filter((t) => org.recentStarters.includes(t.giver)).map((t) => t.giver))
    expect(thankers.size).toBeGreaterThan(org.recentStarters.length / 2)
    for (const e of org.newcomers) {
      expect(touches(e)).toEqual([])
      expect(posts.some((p) => p.author === e)).toBe(false)
    }
  })

  it('leaves isolated people with no interactions: at most one question, never answered', () => {
    for (const e of org.isolated) {
      expect(touches(e)).toEqual([])
      const mine = posts.filter((p) => p.author === e)
      expect(mine.length).toBeLessThanOrEqual(1)
      for (const q of mine) expect(q.answerCount + q.commentCount).toBe(0)
    }
  })

  it('logs interactions that match the content, never from someone to themselves', () => {
    for (const i of k.interactions) {
      expect(i.actor).not.toBe(i.target)
      if (i.post === null) continue
      const p = posts[i.post]!
      if (i.kind === 'answer')
        expect(i).toMatchObject({ actor: p.author, target: posts[p.parent!]!.author, topics: posts[p.parent!]!.tags, at: p.createdAt })
    }
    const brokers = demoTruth(org, '').brokers
    expect(brokers.length).toBeGreaterThan(0)
    for (const b of brokers) expect(b.communities.length).toBeGreaterThanOrEqual(2)
  })

  it('draws trajectories that start at joining, follow the roles and come before any post there', () => {
    for (const m of k.members) {
      expect(m.events[0]!.from).toBeNull()
      expect(m.joinedAt).toBe(m.events[0]!.at)
      for (let i = 1; i < m.events.length; i++) {
        expect(m.events[i]!.from).toBe(m.events[i - 1]!.to)
        expect(m.events[i]!.at >= m.events[i - 1]!.at).toBe(true)
      }
      expect(m.role).toBe(m.events.at(-1)!.to)
    }
    const joined = new Map(k.members.map((m) => [`${m.space}|${m.email}`, m.joinedAt]))
    for (const p of posts) expect(joined.get(`${p.space}|${p.author}`)! <= p.createdAt, `${p.author} in ${p.space}`).toBe(true)
    expect(k.members.some((m) => m.events.some((e) => e.from === 'newcomer' && e.to === 'member'))).toBe(true)
    expect(k.members.some((m) => m.events.some((e) => e.to === 'core'))).toBe(true)
  })

  it('spreads practices: people and other communities adopt them', () => {
    const practices = demoTruth(org, '').practices
    expect(practices.length).toBeGreaterThan(5)
    expect(practices.every((p) => p.adopted_by.people.length > 0)).toBe(true)
    expect(Math.max(...practices.map((p) => p.adopted_by.communities.length))).toBeGreaterThanOrEqual(3)
  })
})
