import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { eventually } from '../../../test/helpers/jobs.js'
import { findJobs } from '../platform/jobs/store.js'
import { importScormPackage } from './scorm/import.js'
import type { JobContext } from '../platform/jobs/types.js'
import { XAPI_JOB, xapiSender } from './xapi.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const KEY = 'wellspring'
const SECRET = 's3cret-lrs'

/**
 * A Learning Record Store as small as the test needs: POST /statements with Basic auth and the xAPI version
 * header checked as an LRS would (401, 400), answering 503 to the first `failFirst` good requests, and holding
 * every answer while `hold` is set, so a test can see that the learner's request never waits for it.
 */
async function startLrs() {
  const lrs = Fastify()
  const state = {
    received: [] as { statement: Record<string, unknown>; status: number }[],
    failFirst: 0,
    hold: null as Promise<void> | null,
    url: '',
  }
  lrs.post('/xapi/statements', async (req, reply) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`)
      return reply.status(401).send({ error: 'auth' })
    if (!/^1\.0(\.\d)?$/.test(String(req.headers['x-experience-api-version'] ?? ''))) return reply.status(400).send({ error: 'version' })
    if (state.hold) await state.hold
    const statement = req.body as Record<string, unknown>
    const status = state.failFirst > 0 ? 503 : 200
    if (status === 503) state.failFirst -= 1
    state.received.push({ statement, status })
    return status === 503 ? reply.status(503).send({ error: 'busy' }) : reply.status(200).send([statement.id])
  })
  await lrs.listen({ port: 0, host: '127.0.0.1' })
  const address = lrs.server.address()
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/xapi`
  return { lrs, state }
}

describe.each(DIALECTS)('xAPI statements to an LRS on %s', (dialect) => {
  let t: TestApp
  let lrs: FastifyInstance
  let state: Awaited<ReturnType<typeof startLrs>>['state']
  let admin: Client
  let mia: Client
  let ana: Client
  let quizId = ''
  let question: { id: string; options: { id: string; text: string }[] }

  const xapiJobs = () => findJobs(t.app.db, { kind: XAPI_JOB })
  const accepted = () => state.received.filter((r) => r.status === 200).map((r) => r.statement)

  beforeAll(async () => {
    ;({ lrs, state } = await startLrs())
    t = await createTestApp(dialect, { baseUrl: 'https://wellspring.example' })
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
    mia = await loggedInPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    ana = await loggedInPerson(t.app, { name: 'Ana Learner', email: 'ana@example.com' })
    quizId = (await mia.post('/api/learning/quizzes', { title: 'Incident response' })).json<{ id: string }>().id
    await mia.post(`/api/learning/quizzes/${quizId}/questions`, {
      kind: 'single',
      prompt: 'Who declares an incident?',
      options: ['Anyone', 'Only the lead'],
      correct: [0],
    })
    question = (await ana.get(`/api/learning/quizzes/${quizId}`)).json<{ items: (typeof question)[] }>().items[0]!
  })
  afterAll(async () => {
    await t?.close()
    await lrs?.close()
  })

  const answer = (choice: string) =>
    ana.post(`/api/learning/quizzes/${quizId}/questions/${question.id}/answer`, {
      choices: [question.options.find((o) => o.text === choice)!.id],
    })

  it('queues nothing while no LRS is configured', async () => {
    expect((await answer('Only the lead')).statusCode).toBe(200)
    expect(await xapiJobs()).toEqual([])
  })

  it('is configured by admins only, and never shows the secret', async () => {
    const body = { endpoint: `${state.url}/`, key: KEY, secret: SECRET, actor: 'account' }
    expect((await mia.put('/api/learning/xapi', body)).statusCode).toBe(403)
    expect((await ana.get('/api/learning/xapi')).statusCode).toBe(403)
    expect((await admin.put('/api/learning/xapi', { ...body, endpoint: 'ftp://lrs' })).json()).toMatchObject({
      error: { code: 'bad_endpoint' },
    })
    expect((await admin.put('/api/learning/xapi', { ...body, actor: 'openid' })).statusCode).toBe(400)
    const saved = await admin.put('/api/learning/xapi', body)
    expect(saved.json()).toEqual({ endpoint: state.url, key: KEY, hasSecret: true, actor: 'account' })
    expect(saved.body).not.toContain(SECRET)
    // An empty secret keeps the stored one.
    expect((await admin.put('/api/learning/xapi', { ...body, secret: '' })).json()).toMatchObject({ hasSecret: true })
  })

  it('sends a quiz answer as an xAPI 1.0.3 statement, retrying after the LRS answers 503, without holding up the learner', async () => {
    state.failFirst = 1
    let release!: () => void
    state.hold = new Promise((r) => (release = r))
    const res = await answer('Anyone')
    // The learner has the feedback while the LRS still holds its answer.
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ correct: true })
    expect(accepted()).toEqual([])
    state.hold = null
    release()
    await eventually(async () => expect(accepted()).toHaveLength(1))
    expect(state.received.map((r) => r.status)).toEqual([503, 200])
    await eventually(async () => expect((await xapiJobs()).map((j) => [j.status, j.attempts])).toEqual([['done', 2]]))
    const statement = accepted()[0]!
    expect(statement).toEqual({
      id: expect.stringMatching(UUID),
      version: '1.0.3',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      actor: { objectType: 'Agent', account: { homePage: 'https://wellspring.example', name: ana.id } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
      object: {
        objectType: 'Activity',
        id: `https://wellspring.example/learning/quizzes/${quizId}/questions/${question.id}`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          name: { 'en-US': 'Who declares an incident?' },
          interactionType: 'choice',
        },
      },
      result: { success: true, response: question.options[0]!.id },
      context: {
        platform: 'Wellspring',
        contextActivities: {
          parent: [
            {
              objectType: 'Activity',
              id: `https://wellspring.example/learning/quizzes/${quizId}`,
              definition: { name: { 'en-US': 'Incident response' } },
            },
          ],
        },
      },
    })
  })

  it("names the learner by mailbox when the settings say so, and sends a SCORM module's completion", async () => {
    await admin.put('/api/learning/xapi', { endpoint: state.url, key: KEY, actor: 'mbox' })
    const module = await importScormPackage(t.app.db, t.app.storage, path.resolve('test/fixtures/scorm/singlesco_scorm12.zip'), {
      createdBy: null,
    })
    const url = `/api/learning/modules/${module.id}/items/0/attempt`
    expect((await ana.put(url, { cmi: { 'cmi.core.lesson_status': 'incomplete' } })).statusCode).toBe(200)
    expect((await ana.put(url, { cmi: { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '80' } })).statusCode).toBe(200)
    // Only the first completion is a statement.
    expect((await ana.put(url, { cmi: { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' } })).statusCode).toBe(200)
    await eventually(async () => expect(accepted()).toHaveLength(2))
    expect(accepted()[1]).toMatchObject({
      actor: { objectType: 'Agent', mbox: 'mailto:ana@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      object: { objectType: 'Activity', id: `https://wellspring.example/learning/${module.id}` },
      result: { completion: true, success: true, score: { scaled: 0.8 } },
    })
    expect(accepted()[1]!.actor).not.toHaveProperty('account')
  })

  it('does not retry a statement the LRS refuses as bad (4xx)', async () => {
    await admin.put('/api/learning/xapi', { endpoint: state.url, key: KEY, secret: 'wrong', actor: 'account' })
    expect((await answer('Anyone')).statusCode).toBe(200)
    await eventually(async () => expect((await xapiJobs()).filter((j) => j.status === 'failed').map((j) => j.attempts)).toEqual([1]))
    await admin.put('/api/learning/xapi', { endpoint: state.url, key: KEY, secret: SECRET, actor: 'account' })
  })

  it('sends nothing for a person who is gone by the time the statement goes out (erased, deactivated)', async () => {
    const before = state.received.length
    const send = xapiSender(t.app.db, () => 'https://wellspring.example')
    const result = await send(
      { statement: { id: 'c0ffee00-0000-4000-8000-000000000000', verb: {} }, personId: 'erased-person' },
      {} as JobContext,
    )
    expect(result).toEqual({ skipped: 'the person is no longer active' })
    expect(state.received.length).toBe(before)
    // The job holds no email: only the person's id, the statement's content and its id.
    const payloads = (await xapiJobs()).map((j) => j.payload)
    expect(payloads.join()).not.toContain('ana@example.com')
  })
})
