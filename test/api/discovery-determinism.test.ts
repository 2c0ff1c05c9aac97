import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemo } from '../../scripts/demo/generate.js'
import { loadDemoOrganisation } from '../../scripts/demo/load.js'
import type { DiscoveryReport } from '../../src/shared/insights.js'
import { findMembersOfRun } from '../../src/server/insights/discovery-store.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { ManualClock } from '../../src/server/platform/clock.js'
import { createTestApp, DIALECTS, login, type TestApp } from '../helpers/app.js'
import { runDiscovery } from '../helpers/insights-org.js'
import { holdSchedule } from '../helpers/jobs.js'

// The automatic resolution, and the communities found with it, depend only on the interaction log: the demo
// organisation loaded into two databases (its people get other random ids in each) and discovered a second
// apart chooses the same resolution with the same figures and the same communities; so does a second run on
// the same database a minute later. Before, the choice moved between 1 and 1.25 from load to load.
const T0 = Date.now()
const TODAY = new Date(T0).toISOString().slice(0, 10)
const org = generateDemo({ seed: 7, today: TODAY })
const PASSWORD = 'determinism-test-password'
const adminEmail = org.people.find((p) => p.role === 'admin')!.email

interface Outcome {
  run: NonNullable<DiscoveryReport['run']>
  /** Each community's members by email, communities in a fixed order. */
  groups: string[]
}

describe.each(DIALECTS)('%s: the same interactions give the same discovery', (dialect) => {
  const apps: { t: TestApp; clock: ManualClock }[] = []

  beforeAll(async () => {
    const hash = await hashPassword(PASSWORD)
    for (const clock of [new ManualClock(T0), new ManualClock(T0 + 1000)]) {
      const t = await createTestApp(dialect, {}, { clock })
      apps.push({ t, clock })
      const loaded = await loadDemoOrganisation(t.app.db, dialect, org, hash, new Date(clock.now()).toISOString())
      expect(loaded.status).toBe('loaded')
      t.app.jobs.start()
      // Only the test's own runs: the weekly schedule is pushed out of reach once its row is written.
      await holdSchedule(t.app, 'insights-discovery-weekly')
    }
  }, 300_000)
  afterAll(async () => {
    for (const { t } of apps) await t.close()
  })

  async function discover(t: TestApp): Promise<Outcome> {
    const admin = await login(t.app, adminEmail, PASSWORD)
    const jobId = await runDiscovery(admin, 240_000)
    const run = (await admin.get('/api/insights/discovery')).json<DiscoveryReport>().run!
    expect(run.id).toBe(jobId)
    const emails = new Map((await t.app.db.selectFrom('person').select(['id', 'email']).execute()).map((p) => [p.id, p.email]))
    const byCommunity = new Map<string, string[]>()
    for (const m of await findMembersOfRun(t.app.db, jobId))
      byCommunity.set(m.community_id, [...(byCommunity.get(m.community_id) ?? []), emails.get(m.person_id)!])
    return { run, groups: [...byCommunity.values()].map((list) => list.sort().join(' ')).sort() }
  }

  it('in two databases holding the same organisation, and on a second run a minute later', async () => {
    const [a, b] = apps
    const first = await discover(a!.t)
    const other = await discover(b!.t)
    console.log(`${dialect}: resolution ${first.run.resolution} / ${other.run.resolution}, ${first.groups.length} communities`)
    expect(first.run.resolutionMode).toBe('auto')
    expect(other.run.resolution).toBe(first.run.resolution)
    expect(other.run.stability).toBe(first.run.stability)
    expect(other.run.resolutionTrials).toEqual(first.run.resolutionTrials)
    expect(other.run.modularity).toBe(first.run.modularity)
    expect(other.groups).toEqual(first.groups)

    a!.clock.advance(60_000)
    const again = await discover(a!.t)
    expect(again.run.resolution).toBe(first.run.resolution)
    expect(again.run.resolutionTrials).toEqual(first.run.resolutionTrials)
    expect(again.groups).toEqual(first.groups)
  }, 600_000)
})
