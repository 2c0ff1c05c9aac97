import { CEO_TITLE, DEMO_ADMIN_EMAIL, DEMO_DOMAIN, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, LOCATIONS } from './catalogue.js'
import { chance, int, pick, sample, weighted, type Rng } from './prng.js'

export type Level = 'ceo' | 'head' | 'lead' | 'ic'

/** A person of the demo organisation, before profiles are filled in. */
export interface OrgPerson {
  email: string
  name: string
  title: string
  department: string
  team: string
  managerEmail: string | null
  location: string
  /** YYYY-MM-DD. */
  startDate: string
  level: Level
  role: 'member' | 'admin'
}

export const EXECUTIVE = 'Executive'
/** How many people start within the next 30 days. */
export const UPCOMING_STARTERS = 20

/** `iso` (YYYY-MM-DD) moved by `days`. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '')

/** Draws names until it finds one not used yet. */
function nameMaker(rng: Rng): () => { name: string; email: string } {
  const used = new Set<string>()
  return () => {
    for (;;) {
      const first = pick(rng, FIRST_NAMES)
      const last = pick(rng, LAST_NAMES)
      const name = `${first} ${last}`
      if (used.has(name)) continue
      used.add(name)
      return { name, email: `${emailPart(first)}.${emailPart(last)}@${DEMO_DOMAIN}` }
    }
  }
}

/**
 * The org chart: a CEO, one head per department, a lead per team and the team's individual contributors,
 * listed top-down (every manager before their reports). Start dates spread over ten years before `today`,
 * recent ones more common as companies grow; twenty contributors start within the next 30 days. The first
 * IT & Workplace contributor is the well-known demo admin.
 */
export function generateOrg(rng: Rng, today: string): OrgPerson[] {
  const nextName = nameMaker(rng)
  const people: OrgPerson[] = []
  const ceo: OrgPerson = {
    ...nextName(),
    title: CEO_TITLE,
    department: EXECUTIVE,
    team: EXECUTIVE,
    managerEmail: null,
    location: 'London',
    startDate: addDays(today, -int(rng, 3450, 3650)),
    level: 'ceo',
    role: 'member',
  }
  people.push(ceo)
  const heads: OrgPerson[] = []
  const leads: OrgPerson[] = []
  const ics: OrgPerson[] = []
  for (const dept of DEPARTMENTS) {
    const head: OrgPerson = {
      ...nextName(),
      title: dept.head,
      department: dept.name,
      team: dept.name,
      managerEmail: ceo.email,
      location: weighted(rng, LOCATIONS),
      startDate: addDays(today, -int(rng, 1400, 3400)),
      level: 'head',
      role: 'member',
    }
    heads.push(head)
    for (const team of dept.teams) {
      const home = weighted(rng, LOCATIONS)
      const lead: OrgPerson = {
        ...nextName(),
        title: `${dept.lead}, ${team}`,
        department: dept.name,
        team,
        managerEmail: head.email,
        location: home,
        startDate: addDays(today, -int(rng, 500, 3000)),
        level: 'lead',
        role: 'member',
      }
      leads.push(lead)
      const size = int(rng, dept.teamSize[0], dept.teamSize[1])
      for (let i = 0; i < size; i++) {
        const daysAgo = Math.floor(3650 * rng() ** 1.6)
        ics.push({
          ...nextName(),
          title: weighted(rng, dept.titles),
          department: dept.name,
          team,
          managerEmail: lead.email,
          location: chance(rng, 0.8) ? home : weighted(rng, LOCATIONS),
          startDate: addDays(today, -daysAgo),
          level: 'ic',
          role: 'member',
        })
      }
    }
  }
  const admin = ics.find((p) => p.team === 'IT & Workplace')
  if (admin)
    Object.assign(admin, {
      email: DEMO_ADMIN_EMAIL,
      title: 'Systems Administrator',
      role: 'admin',
      startDate: addDays(today, -int(rng, 700, 1500)),
    })
  for (const starter of sample(
    rng,
    ics.filter((p) => p !== admin),
    UPCOMING_STARTERS,
  )) {
    starter.startDate = addDays(today, int(rng, 1, 30))
  }
  return [...people, ...heads, ...leads, ...ics]
}
