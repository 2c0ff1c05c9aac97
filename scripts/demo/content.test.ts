import { describe, expect, it } from 'vitest'
import { BANKS, titleCapacity } from './bank/index.js'
import { COMMUNITIES, DEPARTMENTS } from './catalogue.js'
import { DEFAULT_SEED, demoTruth, generateDemo } from './generate.js'
import type { DemoPost } from './knowledge-types.js'

// Does the demo read true? Checks of the content itself: distinct questions, bodies and answers about their
// question, and people whose job titles fit what they answer.

const TODAY = '2025-03-10'
const STOP = new Set(
  'the and for you our can how who why not but any all was are has had did get its one two now out new use way yet too see say off per let got may'
    .split(' ')
    .concat(
      'about after also before being could does doing from have into just like make many more most much need only other over same should some such than that their them then there these they this those through time very what when where which while will with without would your yours ours ever every each first last next'.split(
        ' ',
      ),
    ),
)

/** The words that carry meaning: three letters or more, stop words left out, a plural's "s" dropped. */
function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9_]+/)
      .filter((w) => w.length >= 3 && !STOP.has(w))
      .map((w) => w.replace(/s$/, '')),
  )
}

const shares = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w))

describe.each([42, DEFAULT_SEED])('seed %i: the demo reads true', (seed) => {
  const org = generateDemo({ seed, today: TODAY })
  const posts = org.activity.posts
  const questions = posts.filter((p) => p.kind === 'question')
  const byEmail = new Map(org.people.map((p) => [p.email, p]))

  it('asks hundreds of questions, no two with the same title; stories, practices and lessons are distinct too', () => {
    expect(questions.length).toBeGreaterThan(350)
    expect(new Set(questions.map((q) => q.title)).size).toBe(questions.length)
    for (const kind of ['story', 'practice', 'lesson'] as const) {
      const titles = posts.filter((p) => p.kind === kind).map((p) => `${p.space}|${p.title}`)
      expect(new Set(titles).size, kind).toBe(titles.length)
    }
  })

  it('writes every question body about its title, and every answer about its question', () => {
    for (const q of questions) {
      const title = contentWords(q.title)
      expect(shares(contentWords(q.body), title), `${q.title}\n${q.body}`).toBe(true)
    }
    for (const a of posts.filter((p) => p.kind === 'answer')) {
      const q = posts[a.parent!] as DemoPost
      expect(shares(contentWords(a.body), contentWords(`${q.title} ${q.body}`)), `${q.title}\n${a.body}`).toBe(true)
    }
  })

  it('gives the people who answer job titles that fit a practice they answer in', () => {
    const answers = new Map<string, Map<string, number>>()
    for (const a of posts.filter((p) => p.kind === 'answer')) {
      const mine = answers.get(a.author) ?? new Map<string, number>()
      answers.set(a.author, mine.set(a.space, (mine.get(a.space) ?? 0) + 1))
    }
    let checked = 0
    for (const [email, bySpace] of answers) {
      const total = [...bySpace.values()].reduce((s, n) => s + n, 0)
      if (total < 3) continue
      // Brokers answer in two practices: their title fits one where they give at least a third of their answers.
      const spaces = [...bySpace].filter(([, n]) => n * 3 >= total).map(([space]) => space)
      const person = byEmail.get(email)!
      const lead = DEPARTMENTS.find((d) => d.name === person.department)!.lead
      const fits = spaces.some((space) => {
        const spec = COMMUNITIES.find((c) => c.slug === org.activity.spaces.find((s) => s.slug === space)!.planted)!
        const closest = Object.entries(spec.affinity)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 2)
          .map(([d]) => d)
        return person.level === 'lead'
          ? person.title.startsWith(lead) && closest.includes(person.department)
          : (spec.titles[person.department] ?? []).includes(person.title)
      })
      expect(fits, `${person.name}, ${person.title} (${person.department}), answers in ${[...bySpace].join(' ')}`).toBe(true)
      checked++
    }
    expect(checked).toBeGreaterThan(30)
    expect(org.people.filter((p) => p.level === 'head').every((h) => !org.communities.some((c) => c.members.includes(h.email)))).toBe(true)
  })

  it('plants experts per topic, and they are the ones who answer it most', () => {
    const truth = demoTruth(org, '')
    const tags = Object.keys(truth.topic_specialists)
    expect(tags.length).toBeGreaterThan(10)
    let hits = 0
    let total = 0
    for (const tag of tags) {
      const asked = questions.filter((q) => q.tags.includes(tag)).length
      if (asked < 10) continue
      total++
      const top = truth.topic_experts[tag]!.map((e) => e.email)
      if (truth.topic_specialists[tag]!.some((e) => top.includes(e))) hits++
    }
    expect(total).toBeGreaterThan(8)
    expect(hits / total).toBeGreaterThanOrEqual(0.9)
  })
})

describe('the banks of questions', () => {
  it('can ask more distinct questions than a community asks in a year, with three answers or more each', () => {
    for (const [slug, bank] of Object.entries(BANKS)) {
      expect(titleCapacity(bank), slug).toBeGreaterThanOrEqual(110)
      for (const q of bank.questions) expect(q.answers.length, q.title).toBeGreaterThanOrEqual(3)
      const tags = new Set(COMMUNITIES.find((c) => c.slug === slug) ? q_tags(slug) : [])
      expect(tags.size, slug).toBeGreaterThan(2)
    }
  })
})

/** The tags a bank's questions carry. */
function q_tags(slug: string): string[] {
  return [...new Set(BANKS[slug]!.questions.flatMap((q) => q.tags))]
}
