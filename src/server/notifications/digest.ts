import { DEFAULT_PREFERENCES, type Notification } from '../../shared/notifications.js'
import { readableCommunityIds } from '../communities/lookup.js'
import { activeContacts, activePersonIds } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import type { JobQueue } from '../platform/jobs/worker.js'
import { describe, mailFooter, type MailDeps } from './mail.js'
import { claimDigest, findDuePrefs, findPrefOwners, insertMissingPrefs, releaseDigest, type DuePref } from './prefs-store.js'
import { findDigestNotifications } from './store.js'
import { renderNotifications } from './views.js'

export const DIGEST_JOB = 'notification.digest'
/** How often the digest job looks for people whose digest is due (a recurring schedule). */
export const DIGEST_EVERY_MS = 5 * 60_000

const HOUR = 3600_000
// A little slack, so a schedule that looks every few minutes does not push each digest later every time.
const SLACK = 15 * 60_000
const PERIOD = { daily: 24 * HOUR, weekly: 7 * 24 * HOUR }
/** People handled per job run; a full batch queues the next run. */
const BATCH = 200
/** Lines per section of one digest. */
const MAX_LINES = 30

/** A due digest with where to send it. */
export interface DueDigest extends DuePref {
  email: string
  name: string
}

/**
 * Gives every active person without preferences a row with the defaults, starting their digest clock now,
 * so a new installation (or a new person) is not mailed a digest of everything at once.
 */
async function initialiseMissingPrefs(db: Db, now: string): Promise<number> {
  const active = await activePersonIds(db)
  const owners = await findPrefOwners(db, active)
  const emailKinds = JSON.stringify(DEFAULT_PREFERENCES.emailKinds)
  return insertMissingPrefs(
    db,
    active
      .filter((id) => !owners.has(id))
      .map((id) => ({ person_id: id, email_kinds: emailKinds, digest: DEFAULT_PREFERENCES.digest, last_digest_at: now })),
  )
}

/**
 * Up to `limit` active people whose digest is due, oldest clock first. Preferences of people who are no longer
 * active are stepped over (a page at a time), so they never hold the batch's places.
 */
async function findDueDigests(db: Db, cutoffs: { daily: string; weekly: string }, limit: number): Promise<DueDigest[]> {
  const out: DueDigest[] = []
  let after: { at: string; personId: string } | undefined
  while (out.length < limit) {
    const page = await findDuePrefs(db, cutoffs, limit, after)
    const contacts = await activeContacts(
      db,
      page.map((p) => p.person_id),
    )
    for (const p of page) {
      const contact = contacts.get(p.person_id)
      if (contact && out.length < limit) out.push({ ...p, ...contact })
    }
    const last = page[page.length - 1]
    if (!last || page.length < limit) break
    after = { at: last.last_digest_at, personId: last.person_id }
  }
  return out
}

/**
 * The 'notification.digest' job: mails each person whose daily or weekly digest is due a summary of their
 * unread notifications and the new posts in communities they follow since their last digest, limited to what
 * they can read at the moment it is sent. Each digest is claimed by moving last_digest_at forward first, so
 * running the job twice (or on two nodes) mails nobody twice; a failed send gives the claim back. `now` is the
 * job's clock, which decides who is due.
 */
export async function runDigests(deps: MailDeps, jobs: JobQueue, now: string): Promise<{ sent: number; empty: number; failed: number }> {
  await initialiseMissingPrefs(deps.db, now)
  const ms = Date.parse(now)
  const cutoffs = { daily: new Date(ms - PERIOD.daily + SLACK).toISOString(), weekly: new Date(ms - PERIOD.weekly + SLACK).toISOString() }
  const due = await findDueDigests(deps.db, cutoffs, BATCH)
  let sent = 0
  let empty = 0
  let failed = 0
  for (const person of due) {
    if (!(await claimDigest(deps.db, person.person_id, person.last_digest_at, now))) continue
    try {
      if (await sendDigest(deps, person, now)) sent++
      else empty++
    } catch (err) {
      failed++
      deps.log.warn({ err, personId: person.person_id }, 'digest mail failed; will retry')
      await releaseDigest(deps.db, person.person_id, now, person.last_digest_at)
    }
  }
  if (failed) throw new Error(`${failed} digests could not be sent`)
  // More may be due: the next batch, as one job however many runs find a full batch.
  if (due.length === BATCH) await jobs.enqueue(DIGEST_JOB, {}, { dedupKey: `${DIGEST_JOB}:more` })
  return { sent, empty, failed }
}

/** Builds and sends one digest; false when there was nothing to tell (no mail is sent then). */
async function sendDigest(deps: MailDeps, person: DueDigest, now: string): Promise<boolean> {
  const rows = await findDigestNotifications(deps.db, person.person_id, person.last_digest_at, now, 500)
  // Checked now, not when the notifications were made: someone who left a closed community since is not
  // told what was said there.
  const readable = new Set(await readableCommunityIds(deps.db, person.person_id))
  const visible = rows.filter((r) => r.post_id === null || (r.community_id !== null && readable.has(r.community_id)))
  const items = await renderNotifications(deps.db, visible, { dropDeleted: true })
  const forYou = items.filter((i) => i.kind !== 'new_post')
  const newPosts = items.filter((i) => i.kind === 'new_post')
  if (forYou.length === 0 && newPosts.length === 0) return false

  const since = person.last_digest_at.slice(0, 10)
  const lines = [`Hello ${person.name},`, '', `Here is what happened in Wellspring since ${since}.`]
  section(lines, `For you (${forYou.length})`, forYou, deps.config.baseUrl)
  section(lines, `New in communities you follow (${newPosts.length})`, newPosts, deps.config.baseUrl)
  lines.push('', await mailFooter(deps, person.person_id, ['digest']))
  const parts = [
    forYou.length ? `${forYou.length} for you` : '',
    newPosts.length ? `${newPosts.length} new ${newPosts.length === 1 ? 'post' : 'posts'}` : '',
  ].filter(Boolean)
  await deps.mailer.send({
    to: person.email,
    subject: `Your ${person.digest} Wellspring digest: ${parts.join(', ')}`,
    text: lines.join('\n'),
  })
  return true
}

function section(lines: string[], heading: string, items: Notification[], baseUrl: string): void {
  if (items.length === 0) return
  lines.push('', heading, '')
  for (const item of items.slice(0, MAX_LINES)) lines.push(`- ${describe(item, baseUrl)}`)
  if (items.length > MAX_LINES) lines.push(`- and ${items.length - MAX_LINES} more: ${baseUrl}/notifications`)
}
