// xAPI 1.0.3 statements for what learners do here (module completions, quiz answers; simulation choices when
// they come), queued in the job table and sent to a Learning Record Store when an admin configured one. The
// request that caused a statement only enqueues it, in its own transaction; a job posts it, and the job queue
// retries with backoff when the LRS is down or answers 5xx.
import type { XapiSettings, XapiSettingsView } from '../../shared/quiz.js'
import { activeContacts } from '../people/lookup.js'
import type { Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError } from '../platform/errors.js'
import type { JobHandler } from '../platform/jobs/types.js'
import { PermanentJobError, type JobQueue } from '../platform/jobs/worker.js'
import { getSetting, putSetting } from '../platform/settings.js'
import { newId } from '../platform/time.js'

export const XAPI_JOB = 'learning.xapi'
export const XAPI_VERSION = '1.0.3'
const KEY = 'learning.xapi'

type StoredSettings = Required<XapiSettings>
const OFF: StoredSettings = { endpoint: '', key: '', secret: '', actor: 'account' }

async function readSettings(db: Db): Promise<StoredSettings> {
  const raw = await getSetting(db, KEY)
  return raw ? { ...OFF, ...(JSON.parse(raw) as Partial<StoredSettings>) } : OFF
}

/** The LRS settings as admins see them: never the secret. */
export async function xapiSettings(db: Db): Promise<XapiSettingsView> {
  const s = await readSettings(db)
  return { endpoint: s.endpoint, key: s.key, hasSecret: s.secret !== '', actor: s.actor }
}

/** Stores the LRS settings (admins); an empty secret keeps the stored one, an empty endpoint turns sending off. */
export async function saveXapiSettings(db: Db, input: XapiSettings, at: string): Promise<XapiSettingsView> {
  const endpoint = input.endpoint.trim().replace(/\/+$/, '')
  if (endpoint) {
    let url: URL
    try {
      url = new URL(endpoint)
    } catch {
      throw new BadRequestError('bad_endpoint', 'the LRS endpoint must be an http(s) URL')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new BadRequestError('bad_endpoint', 'the LRS endpoint must be an http(s) URL')
  }
  const old = await readSettings(db)
  const next: StoredSettings = { endpoint, key: input.key.trim(), secret: input.secret || old.secret, actor: input.actor }
  await putSetting(db, KEY, JSON.stringify(next), at)
  return xapiSettings(db)
}

/** What a statement says beyond its actor, id and time. */
export interface StatementBody {
  verb: { id: string; display: Record<string, string> }
  object: Record<string, unknown>
  result?: Record<string, unknown>
  context?: Record<string, unknown>
}

/** The ADL verbs used here. */
export const VERBS = {
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
} as const

/** What queueing needs from the app. */
export interface XapiDeps {
  jobs: JobQueue
  clock: Clock
  baseUrl: string
}

/**
 * Queues a statement when an LRS is configured, inside the caller's transaction `db` (so it is sent if and only
 * if the change commits). The job holds the person's id only: who they are (account or mailbox, as the
 * settings say then) is read when it is sent, so a person erased in between is never sent at all.
 */
export async function queueStatement(db: Db, deps: XapiDeps, personId: string, body: StatementBody): Promise<void> {
  if (!(await readSettings(db)).endpoint) return
  const statement = { id: newId(), ...body, timestamp: new Date(deps.clock.now()).toISOString(), version: XAPI_VERSION }
  await deps.jobs.enqueue(XAPI_JOB, { statement, personId } satisfies XapiJob, { db, maxAttempts: 8, dedupKey: `xapi:${statement.id}` })
}

interface XapiJob {
  statement: { id: string } & Record<string, unknown>
  personId: string
}

/** An activity id under this site, for the object of a statement. */
export const activityId = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`

/**
 * The job that posts one statement. 2xx (and 409: the LRS already has this id) is done; 5xx, 429 and network
 * errors throw, so the queue retries with backoff; any other 4xx is the statement's fault and is not retried.
 */
export function xapiSender(db: Db, baseUrl: () => string): JobHandler {
  return async (payload) => {
    const { statement, personId } = payload as XapiJob
    const settings = await readSettings(db)
    if (!settings.endpoint) return { skipped: 'no LRS configured' }
    const person = (await activeContacts(db, [personId])).get(personId)
    if (!person) return { skipped: 'the person is no longer active' }
    const actor =
      settings.actor === 'mbox'
        ? { objectType: 'Agent', mbox: `mailto:${person.email}` }
        : { objectType: 'Agent', account: { homePage: baseUrl(), name: personId } }
    const res = await fetch(`${settings.endpoint}/statements`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-experience-api-version': XAPI_VERSION,
        authorization: `Basic ${Buffer.from(`${settings.key}:${settings.secret}`).toString('base64')}`,
      },
      body: JSON.stringify({ ...statement, actor }),
      signal: AbortSignal.timeout(15_000),
    })
    const text = await res.text()
    if (res.ok || res.status === 409) return { status: res.status }
    const why = `LRS answered ${res.status}: ${text.slice(0, 200)}`
    if (res.status >= 500 || res.status === 429) throw new Error(why)
    throw new PermanentJobError(why)
  }
}
