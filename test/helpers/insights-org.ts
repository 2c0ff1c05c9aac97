import type { FastifyInstance } from 'fastify'
import { createCommunity, joinCommunity } from '../../src/server/communities/service.js'
import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import { createPost, createReply } from '../../src/server/knowledge/service.js'
import { adoptPractice } from '../../src/server/knowledge/reactions.js'
import type { PersonRow } from '../../src/server/people/store.js'
import type { Viewer } from '../../src/server/platform/auth/viewer.js'
import { expect } from 'vitest'
import type { Client } from './app.js'
import { buildPerson, updatePersonRow } from './factories.js'
import { eventually } from './jobs.js'

// A small organisation for insights' manager tools (exclusion, reorg, practice spread, introductions), made
// through the domains' own services. Three communities of practice the org chart does not show, of seven
// people each (platform in Engineering, design, data), joined by one tie each; a tiny group of three (below
// the minimum aggregate of 5); Morgan, who manages two platform people, an opted-out platform person (Oscar),
// a newcomer with no ties (Nia) and a long-timer with none (Uri); six Sales newcomers with no ties who asked
// questions nobody answered in Sales Desk, where no newcomer has moved on; two unconnected people in Legal.
// Platform Guild (open, stewarded by the platform hub a0) holds a practice adopted by five platform people,
// Oscar and one designer, and a terraform question that only Morgan's two reports answered.

const DAY_MS = 86_400_000

export interface InsightsOrg {
  admin: PersonRow
  morgan: PersonRow
  platform: PersonRow[]
  design: PersonRow[]
  data: PersonRow[]
  tiny: PersonRow[]
  oscar: PersonRow
  nia: PersonRow
  uri: PersonRow
  sales: PersonRow[]
  legal: PersonRow[]
  guild: { id: string; slug: string }
  salesDesk: { id: string; slug: string }
  practiceId: number
}

const viewerOf = (p: PersonRow): Viewer => ({
  id: p.id,
  name: p.name,
  email: p.email,
  isAdmin: p.role === 'admin',
  isManager: false,
  csrfToken: '',
})
const dateAgo = (now: number, days: number) => new Date(now - days * DAY_MS).toISOString().slice(0, 10)

/** Seeds the organisation; run discovery afterwards. */
export async function seedInsightsOrg(app: FastifyInstance, now = Date.now()): Promise<InsightsOrg> {
  const old = dateAgo(now, 1000)
  const admin = await buildPerson(app, {
    name: 'Ada Admin',
    email: 'admin@example.com',
    role: 'admin',
    department: 'People',
    start_date: old,
  })
  const morgan = await buildPerson(app, { name: 'Morgan Manager', email: 'morgan@example.com', department: 'Engineering', start_date: old })
  const group = async (
    prefix: string,
    label: string,
    department: string,
    count: number,
    extra: (i: number) => Partial<PersonRow> = () => ({}),
  ) => {
    const out = []
    for (let i = 0; i < count; i++)
      out.push(
        await buildPerson(app, {
          name: `${label} ${i}`,
          email: `${prefix}${i}@example.com`,
          department,
          start_date: old,
          ...extra(i),
        }),
      )
    return out
  }
  const platform = await group('platform', 'Platform', 'Engineering', 7, (i) => (i === 1 || i === 2 ? { manager_id: morgan.id } : {}))
  const design = await group('design', 'Designer', 'Design', 7)
  const data = await group('data', 'Analyst', 'Data', 7)
  const tiny = await group('garden', 'Gardener', 'Facilities', 3)
  const oscar = await buildPerson(app, {
    name: 'Oscar Optout',
    email: 'oscar@example.com',
    department: 'Engineering',
    manager_id: morgan.id,
    start_date: old,
  })
  const nia = await buildPerson(app, {
    name: 'Nia Newcomer',
    email: 'nia@example.com',
    department: 'Engineering',
    manager_id: morgan.id,
    start_date: dateAgo(now, 70),
  })
  const uri = await buildPerson(app, {
    name: 'Uri Unconnected',
    email: 'uri@example.com',
    department: 'Engineering',
    manager_id: morgan.id,
    start_date: old,
  })
  const sales = await group('sales', 'Seller', 'Sales', 6, () => ({ start_date: dateAgo(now, 84) }))
  const legal = await group('legal', 'Counsel', 'Legal', 2)

  const ties: InteractionInput[] = []
  const at = (days: number) => new Date(now - days * DAY_MS).toISOString()
  const helpEachOther = (people: PersonRow[], topics: string[]) => {
    for (const a of people)
      for (const b of people)
        if (a.id < b.id)
          for (let k = 0; k < 3; k++)
            ties.push({ actorId: a.id, targetId: b.id, kind: 'answer', communityId: null, topics, at: at(k * 20 + 5) })
  }
  helpEachOther([...platform, oscar], ['kubernetes', 'terraform'])
  helpEachOther(design, ['accessibility', 'typography'])
  helpEachOther(data, ['sql', 'dbt'])
  helpEachOther(tiny, ['gardening'])
  // The platform hub (a0) helps everyone twice as much, so discovery puts them at the core.
  for (const p of platform.slice(1))
    for (let k = 0; k < 4; k++)
      ties.push({ actorId: platform[0]!.id, targetId: p.id, kind: 'answer', communityId: null, topics: ['kubernetes'], at: at(k * 10 + 3) })
  ties.push({ actorId: platform[3]!.id, targetId: design[3]!.id, kind: 'thanks', communityId: null, at: at(10) })
  ties.push({ actorId: design[4]!.id, targetId: data[4]!.id, kind: 'thanks', communityId: null, at: at(12) })
  await recordInteractions(app.db, ties)

  // Platform Guild: open, stewarded by the hub, every platform person a member.
  const guild = await createCommunity(app.db, app.dialect, viewerOf(platform[0]!), {
    name: 'Platform Guild',
    purpose: 'Running the platform',
    visibility: 'open',
  })
  for (const p of [...platform.slice(1), oscar]) await joinCommunity(app.db, viewerOf(p), guild.slug, '', app.bus)
  const practice = await createPost(
    app.db,
    viewerOf(platform[0]!),
    guild.slug,
    { kind: 'practice', title: 'Blue-green deploys', body: 'Run two stacks and switch traffic.', tags: ['kubernetes', 'deploys'] },
    app.bus,
  )
  for (const p of [...platform.slice(1, 6), oscar, design[0]!]) await adoptPractice(app.db, viewerOf(p), practice.id, '', undefined)
  const question = await createPost(
    app.db,
    viewerOf(platform[3]!),
    guild.slug,
    { kind: 'question', title: 'How do we split terraform state?', body: 'Per team or per stack?', tags: ['terraform'] },
    app.bus,
  )
  for (const p of [platform[1]!, platform[2]!])
    await createReply(app.db, viewerOf(p), question.id, 'answer', { body: 'Per stack.' }, app.bus)

  // Sales Desk: the Sales newcomers joined, asked, and nobody answered; none has moved on.
  const salesDesk = await createCommunity(app.db, app.dialect, viewerOf(admin), {
    name: 'Sales Desk',
    purpose: 'Selling',
    visibility: 'open',
  })
  for (const [i, p] of sales.entries()) {
    await joinCommunity(app.db, viewerOf(p), salesDesk.slug, '', app.bus)
    const q = await createPost(
      app.db,
      viewerOf(p),
      salesDesk.slug,
      { kind: 'question', title: `Where is the price list ${i}?`, body: 'I cannot find it.' },
      app.bus,
    )
    await app.db
      .updateTable('post')
      .set({ created_at: at(10 + i) })
      .where('id', '=', q.id)
      .execute()
  }
  // Adoptions a few months back, so the spread has a curve.
  await app.db
    .updateTable('adoption')
    .set({ at: at(70) })
    .where('post_id', '=', practice.id)
    .where('person_id', '<>', design[0]!.id)
    .execute()
  await app.db
    .updateTable('adoption')
    .set({ at: at(20) })
    .where('post_id', '=', practice.id)
    .where('person_id', '=', design[0]!.id)
    .execute()
  await updatePersonRow(app, oscar.id, { analytics_opt_out: 1 })
  return { admin, morgan, platform, design, data, tiny, oscar, nia, uri, sales, legal, guild, salesDesk, practiceId: practice.id }
}

/** Starts a discovery run as `client` (202) and waits until its job is done; returns the job's (and run's) id. */
export async function runDiscovery(client: Client, timeoutMs = 120_000): Promise<string> {
  const started = await client.post('/api/insights/discovery', {})
  expect(started.statusCode).toBe(202)
  const { jobId } = started.json<{ jobId: string }>()
  await eventually(async () => {
    const j = (await client.get(`/api/jobs/${jobId}`)).json<{ status: string }>()
    if (j.status !== 'done') throw new Error(`job ${j.status}`)
  }, timeoutMs)
  return jobId
}
