import type { FastifyBaseLogger } from 'fastify'
import type { Notification, NotificationKind } from '../../shared/notifications.js'
import { canRead } from '../communities/lookup.js'
import { activeContacts } from '../people/lookup.js'
import type { Config } from '../platform/config.js'
import type { Db } from '../platform/db/dialect.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { nowIso } from '../platform/time.js'
import { toPreferences } from './service.js'
import { findPref, findPrefs, upsertPref } from './prefs-store.js'
import { claimNotificationEmail, findNotificationsByIds, releaseNotificationEmail } from './store.js'
import { loadNotifySecret, signUnsubscribeToken, verifyUnsubscribeToken, type UnsubscribeScope } from './tokens.js'
import { renderNotifications } from './views.js'

/** What sending notification mail needs from the app. */
export interface MailDeps {
  db: Db
  mailer: Mailer
  config: Config
  log: FastifyBaseLogger
}

/** The footer of every notification mail: where to change choices, and one-click unsubscribe links. */
export async function mailFooter(deps: MailDeps, personId: string, scopes: UnsubscribeScope[]): Promise<string> {
  const secret = await loadNotifySecret(deps.db, deps.config)
  const link = (scope: UnsubscribeScope) =>
    `${deps.config.baseUrl}/api/notifications/unsubscribe?token=${signUnsubscribeToken(secret, personId, scope)}`
  const lines = ['--', `Choose what Wellspring mails you: ${deps.config.baseUrl}/notifications`]
  if (scopes.includes('digest')) lines.push(`Stop the digest: ${link('digest')}`)
  lines.push(`Stop all notification mail: ${link('all')}`)
  return lines.join('\n')
}

/** One line naming a notification, for mails: the sentence, the title, and where it is. */
export function describe(item: Notification, baseUrl: string): string {
  const title = item.title ? `: “${item.title}”` : ''
  return `${item.text}${title}\n  ${baseUrl}${item.link}`
}

/**
 * The 'notification.email' job: mails each notification to its person, if they still want mail of that
 * kind, have not read it yet, and can still read what it is about. Each one is claimed before sending, so a
 * retried job never mails twice; a failed send gives its claim back and the job retries.
 */
export async function sendNotificationMails(deps: MailDeps, payload: { ids: string[] }): Promise<{ sent: number; skipped: number }> {
  const rows = await findNotificationsByIds(deps.db, payload.ids)
  const contacts = await activeContacts(
    deps.db,
    rows.map((r) => r.person_id),
  )
  const prefs = await findPrefs(
    deps.db,
    rows.map((r) => r.person_id),
  )
  const items = new Map((await renderNotifications(deps.db, rows, { dropDeleted: true })).map((i) => [i.id, i]))
  let sent = 0
  let skipped = 0
  let failed = 0
  for (const row of rows) {
    const contact = contacts.get(row.person_id)
    const item = items.get(row.id)
    const wanted = toPreferences(prefs.get(row.person_id)).emailKinds.includes(row.kind as NotificationKind)
    const readable = !row.community_id || row.post_id === null || (await canRead(deps.db, row.person_id, row.community_id))
    if (!contact || !item || !wanted || !readable || row.read_at || row.emailed_at) {
      skipped++
      continue
    }
    const at = nowIso()
    if (!(await claimNotificationEmail(deps.db, row.id, at))) {
      skipped++
      continue
    }
    const where = item.community ? `\nin ${item.community.name}` : ''
    const excerpt = item.excerpt ? `\n\n${item.excerpt}` : ''
    const text = `Hello ${contact.name},\n\n${describe(item, deps.config.baseUrl)}${where}${excerpt}\n\n${await mailFooter(deps, row.person_id, [])}`
    try {
      await deps.mailer.send({ to: contact.email, subject: subjectOf(item), text })
      sent++
    } catch (err) {
      failed++
      deps.log.warn({ err, notification: row.id }, 'notification mail failed; will retry')
      await releaseNotificationEmail(deps.db, row.id, at)
    }
  }
  if (failed) throw new Error(`${failed} notification mails could not be sent`)
  return { sent, skipped }
}

function subjectOf(item: Notification): string {
  const subject = item.title ? `${item.text}: ${item.title}` : item.text
  return subject.length > 150 ? `${subject.slice(0, 149)}…` : subject
}

/**
 * Applies a signed unsubscribe link: 'digest' stops the digest, 'all' stops every notification mail. Doing
 * it twice changes nothing. Undefined when the token is not genuine.
 */
export async function unsubscribe(deps: MailDeps, token: string): Promise<UnsubscribeScope | undefined> {
  const found = verifyUnsubscribeToken(await loadNotifySecret(deps.db, deps.config), token)
  if (!found) return undefined
  if (!(await activeContacts(deps.db, [found.personId])).has(found.personId)) return found.scope
  const current = toPreferences(await findPref(deps.db, found.personId))
  await upsertPref(deps.db, {
    person_id: found.personId,
    email_kinds: JSON.stringify(found.scope === 'all' ? [] : current.emailKinds),
    digest: 'none',
    last_digest_at: nowIso(),
  })
  return found.scope
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A small standalone page: no script and no inline style, so the strict Content-Security-Policy holds. */
export function unsubscribePage(baseUrl: string, scope: UnsubscribeScope | undefined): string {
  const [title, message] =
    scope === undefined
      ? [
          'Link not valid',
          'This unsubscribe link is not valid. It may have been cut short: copy the whole link from the mail, or change your choices in Wellspring.',
        ]
      : scope === 'digest'
        ? ['Digest stopped', 'You will no longer get the Wellspring digest. Other notification mail you chose still arrives.']
        : [
            'Notification mail stopped',
            'You will no longer get notification mail or the digest from Wellspring. Notifications still appear in the app.',
          ]
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Wellspring</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(baseUrl)}/notifications">Choose what Wellspring mails you</a></p>
</main>
</body>
</html>
`
}
