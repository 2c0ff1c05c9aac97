import { openDatabase } from '../../src/server/platform/db/database.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { searchTextOf, type PersonRow } from '../../src/server/people/store.js'
import { tagsJson } from '../../src/shared/tags.js'

/** What the benchmark needs to know about the organisation it seeded. */
export interface SeededOrg {
  ids: string[]
  departments: string[]
  /** Directory queries that match real people: names, departments, titles, places, and two-word mixes. */
  queries: string[]
  memberEmail: string
  memberPassword: string
}

const FIRST = [
  'Aisha',
  'Ben',
  'Carmen',
  'Dmitri',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kwame',
  'Lena',
  'Marco',
  'Nadia',
  'Oscar',
  'Priya',
  'Quentin',
  'Rosa',
  'Samir',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Xenia',
  'Yusuf',
  'Zoe',
  'Amelie',
  'Bruno',
  'Chloe',
  'David',
  'Emma',
  'Felix',
  'Hannah',
  'Ivan',
  'Julia',
  'Karim',
  'Laura',
  'Mateo',
  'Nora',
  'Olga',
  'Pablo',
  'Ruth',
  'Sofia',
  'Tomas',
  'Ulla',
  'Victor',
  'Wanda',
  'Yara',
]
const LAST = [
  'Okafor',
  'Schmidt',
  'Garcia',
  'Ivanov',
  'Rossi',
  'Haddad',
  'Kim',
  'Tanaka',
  'Moreau',
  'Nielsen',
  'Mensah',
  'Fischer',
  'Bianchi',
  'Khan',
  'Lindqvist',
  'Patel',
  'Dubois',
  'Silva',
  'Nasser',
  'Walsh',
  'Farouk',
  'Novak',
  'Chen',
  'Petrova',
  'Demir',
  'Murphy',
  'Laurent',
  'Costa',
  'Martin',
  'Brown',
  'Weber',
  'Kowalski',
  'Santos',
  'Eriksen',
  'Yilmaz',
  'Horvat',
  'Andersen',
  'Lopez',
  'Baker',
  'Nguyen',
]
const DEPARTMENTS: Record<string, string[]> = {
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Site Reliability Engineer', 'QA Engineer'],
  'Data Science': ['Data Scientist', 'Data Engineer', 'Machine Learning Engineer', 'Analytics Engineer'],
  Product: ['Product Manager', 'Product Designer', 'UX Researcher', 'Technical Writer'],
  Sales: ['Account Executive', 'Sales Engineer', 'Sales Development Representative'],
  Marketing: ['Content Strategist', 'Growth Marketer', 'Brand Designer'],
  Finance: ['Financial Analyst', 'Accountant', 'Controller'],
  'People Operations': ['People Partner', 'Recruiter', 'Learning Designer'],
  'Customer Success': ['Customer Success Manager', 'Support Specialist', 'Solutions Consultant'],
  Legal: ['Counsel', 'Paralegal', 'Privacy Officer'],
  Operations: ['Operations Analyst', 'Procurement Specialist', 'Facilities Coordinator'],
}
const LOCATIONS = ['London', 'Berlin', 'Lisbon', 'Toronto', 'Singapore', 'Nairobi', 'Remote', 'Paris', 'New York', 'Sydney']
const TAGS = [
  'mentoring',
  'kubernetes',
  'negotiation',
  'public speaking',
  'sql',
  'accessibility',
  'pricing',
  'onboarding',
  'statistics',
  'design systems',
]

/** A small deterministic generator (mulberry32), so every run seeds the same organisation. */
function rngFrom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Builds `count` people in insertion order (every manager before their reports): a CEO, department heads, managers, staff. */
export function buildOrg(count: number, passwordHash: string, seed = 42): PersonRow[] {
  const rand = rngFrom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const now = new Date().toISOString()
  const deptNames = Object.keys(DEPARTMENTS)
  const rows: PersonRow[] = []
  const make = (i: number, department: string, title: string, managerId: string | null): PersonRow => {
    const first = pick(FIRST)
    const last = pick(LAST)
    const base: Omit<PersonRow, 'search_text'> = {
      id: `p${String(i).padStart(6, '0')}-${Math.floor(rand() * 1e9).toString(36)}`,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      title,
      department,
      manager_id: managerId,
      location: pick(LOCATIONS),
      start_date: `20${10 + Math.floor(rand() * 15)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      bio: `${first} works in ${department} and cares about ${pick(TAGS)}.`,
      photo_type: rand() < 0.3 ? 'image/png' : null,
      who_am_i: `I am a ${title.toLowerCase()} based in ${pick(LOCATIONS)}.`,
      want_to_become: rand() < 0.5 ? `A ${pick(DEPARTMENTS[department] ?? ['mentor']).toLowerCase()}` : '',
      communities_wanted: '',
      aspiration_tags: tagsJson([pick(TAGS), pick(TAGS)]),
      skills_offered: tagsJson([pick(TAGS)]),
      skills_wanted: tagsJson([pick(TAGS)]),
      analytics_opt_out: rand() < 0.05 ? 1 : 0,
      role: i === 0 ? 'admin' : 'member',
      manager_granted: 0,
      status: rand() < 0.02 ? 'invited' : 'active',
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    }
    return { ...base, search_text: searchTextOf(base) }
  }
  const ceo = make(0, 'Operations', 'Chief Executive Officer', null)
  ceo.status = 'active'
  rows.push(ceo)
  const heads = deptNames.map((d, k) => make(1 + k, d, `Head of ${d}`, ceo.id))
  rows.push(...heads)
  // Managers of about 8 people each, under their department head; then everyone else under a manager.
  const managers: PersonRow[] = []
  const managerCount = Math.floor(count / 9)
  for (let k = 0; k < managerCount && rows.length < count; k++) {
    const head = heads[k % heads.length] as PersonRow
    const m = make(rows.length, head.department, `${pick(DEPARTMENTS[head.department] ?? ['Lead'])} Lead`, head.id)
    managers.push(m)
    rows.push(m)
  }
  while (rows.length < count) {
    const m = pick(managers)
    rows.push(make(rows.length, m.department, pick(DEPARTMENTS[m.department] ?? ['Specialist']), m.id))
  }
  return rows
}

/** Distinct, realistic directory queries drawn from the vocabulary the organisation was built from. */
function buildQueries(): string[] {
  const titles = Object.values(DEPARTMENTS).flat()
  return [
    ...FIRST.slice(0, 20).map((n) => n.toLowerCase()),
    ...LAST.slice(0, 20),
    ...Object.keys(DEPARTMENTS),
    ...titles.slice(0, 20),
    ...LOCATIONS,
    'priya engineering',
    'data berlin',
    'senior engineer',
    'kim london',
    'product designer lisbon',
    'chen',
    'recruiter remote',
    'sales toronto',
  ]
}

/**
 * Creates a fresh database (SQLite in `dataDir`, or PostgreSQL at `databaseUrl`), migrates it and bulk-inserts
 * `count` people through Kysely in one transaction. Everyone shares one password hash to keep seeding fast.
 */
export async function seedOrg(options: { dataDir: string; databaseUrl: string | undefined; count: number }): Promise<SeededOrg> {
  const memberPassword = 'bench-password-correct-horse'
  const rows = buildOrg(options.count, await hashPassword(memberPassword))
  const database = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl })
  try {
    await database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('person')
          .values(rows.slice(i, i + 500))
          .execute()
    })
  } finally {
    await database.close()
  }
  // A plain member (an individual contributor), so the benchmark does not exercise admin-only paths.
  const member = rows.find(
    (r) => r.role === 'member' && r.status === 'active' && r.title.indexOf('Lead') < 0 && !r.title.startsWith('Head'),
  ) as PersonRow
  return {
    ids: rows.filter((r) => r.status !== 'erased').map((r) => r.id),
    departments: Object.keys(DEPARTMENTS),
    queries: buildQueries(),
    memberEmail: member.email,
    memberPassword,
  }
}
