import { expect } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import { login, type Client } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import type { E2eServer } from './harness.js'

export const PEOPLE = {
  sam: { name: 'Sam Steward', email: 'sam@example.com', title: 'Data lead' },
  raj: { name: 'Raj Patel', email: 'raj@example.com', title: 'Data engineer' },
  leo: { name: 'Leo Park', email: 'leo@example.com', title: 'Analytics engineer' },
  kim: { name: 'Kim Lee', email: 'kim@example.com', title: 'Platform engineer' },
  mei: { name: 'Mei Chen', email: 'mei@example.com', title: 'Test engineer' },
  ana: { name: 'Ana Silva', email: 'ana.silva@example.com', title: 'Data engineer (new)' },
} as const
export type Who = keyof typeof PEOPLE

/** The question Ana finds already answered while she types. */
export const EXISTING = 'How to backfill a partition in the warehouse'

/**
 * A year of history in "Data engineering", through the API: Raj answered the backfill and partition
 * questions (and had them accepted), Leo answered backfills, Kim one partition question, Mei testing ones and
 * one backfill (so a round can move on to someone with evidence after a decline).
 */
const HISTORY: [Who, string, string, string[], Who][] = [
  ['sam', EXISTING, 'We need to re-run one day of events.', ['backfill', 'partitions'], 'raj'],
  ['mei', 'Backfill of daily partitions failed halfway', 'The job died at 60%.', ['backfill', 'partitions'], 'raj'],
  ['sam', 'Repartition a large table without downtime', 'Partitions by month are too big.', ['partitions'], 'raj'],
  ['mei', 'Backfill a week of events into the lake', 'Late data from the mobile app.', ['backfill'], 'leo'],
  ['sam', 'Backfill late-arriving events', 'Events arrive two days late.', ['backfill'], 'leo'],
  ['sam', 'Which partition key for event tables', 'Date or customer?', ['partitions'], 'kim'],
  ['kim', 'Backfill a dimension table after a bug fix', 'Wrong prices for a month.', ['backfill'], 'mei'],
  ['leo', 'Contract tests for the ingestion service', 'How do we test the schema?', ['testing'], 'mei'],
  ['raj', 'Flaky integration tests in the pipeline', 'They fail one run in ten.', ['testing'], 'mei'],
]

export interface AskWorld {
  people: Record<Who, PersonRow>
  clients: Record<Who, Client>
  /** Name by person id, for reading route offers. */
  names: Map<string, string>
  /** The id of the (accepted) answer to each question of the history, by the question's title. */
  answers: Map<string, number>
}

/** Creates the people, the open "Data engineering" community (Sam is its steward) and its history. */
export async function seedAskWorld(server: E2eServer): Promise<AskWorld> {
  const people = {} as Record<Who, PersonRow>
  const clients = {} as Record<Who, Client>
  const names = new Map<string, string>()
  const answers = new Map<string, number>()
  for (const who of Object.keys(PEOPLE) as Who[]) {
    people[who] = await buildPerson(server.app, { ...PEOPLE[who], department: 'Data' })
    clients[who] = await login(server.app, PEOPLE[who].email)
    names.set(people[who].id, PEOPLE[who].name)
  }
  const created = await clients.sam.post('/api/communities', {
    name: 'Data engineering',
    purpose: 'Pipelines, warehouses and backfills',
    visibility: 'open',
  })
  expect(created.statusCode).toBe(201)
  for (const [asker, title, body, tags, answerer] of HISTORY) {
    const q = await clients[asker].post('/api/communities/data-engineering/posts', { kind: 'question', title, body, tags })
    expect(q.statusCode).toBe(201)
    const a = await clients[answerer].post(`/api/posts/${q.json().id}/answers`, {
      body: `What worked for us: ${title.toLowerCase()} in small steps.`,
    })
    expect(a.statusCode).toBe(201)
    expect((await clients[asker].post(`/api/posts/${q.json().id}/accept`, { answerId: a.json().id })).statusCode).toBe(200)
    answers.set(title, a.json().id)
  }
  return { people, clients, names, answers }
}

/** How many posts exist (to show that "this answered it" posts nothing). */
export async function countPosts(server: E2eServer): Promise<number> {
  return (await server.app.db.selectFrom('post').select('id').execute()).length
}

/** Who has been offered a question so far, with the state of each offer. */
export async function offersFor(
  server: E2eServer,
  world: AskWorld,
  questionId: number,
): Promise<{ name: string; status: string; round: number }[]> {
  const rows = await server.app.db
    .selectFrom('route_offer')
    .select(['person_id', 'status', 'round'])
    .where('question_id', '=', questionId)
    .orderBy('round')
    .orderBy('rank')
    .execute()
  return rows.map((r) => ({ name: world.names.get(r.person_id) ?? r.person_id, status: r.status, round: Number(r.round) }))
}
