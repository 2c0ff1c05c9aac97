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
    expect(truth).toMatchObject({ seed: 42, generated_at: '2025-03-10T12:00:00.000Z', isolated: org.isolated, newcomers: org.newcomers })
    expect(truth.communities[0]).toEqual({
      slug: expect.any(String),
      name: expect.any(String),
      topics: expect.any(Array),
      core: expect.any(Array),
      members: expect.any(Array),
    })
  })
})
