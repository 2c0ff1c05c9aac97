import crypto from 'node:crypto'
import type { Config } from '../platform/config.js'
import type { Db } from '../platform/db/dialect.js'
import { newSecret, nowIso } from '../platform/time.js'
import { getSetting, setSettingOnce } from '../platform/settings.js'

/** What an unsubscribe link turns off: the digest only, or every notification mail. */
export type UnsubscribeScope = 'digest' | 'all'

const SETTING_KEY = 'notify_secret'

/**
 * The secret that signs unsubscribe links: NOTIFY_SECRET when configured, otherwise one generated once and
 * kept in the database, so it survives restarts and every app node signs and checks with the same one.
 */
export async function loadNotifySecret(db: Db, config: Config): Promise<string> {
  if (config.notifySecret) return config.notifySecret
  return (await getSetting(db, SETTING_KEY)) ?? (await setSettingOnce(db, SETTING_KEY, newSecret(32), nowIso()))
}

function sign(secret: string, payload: string): string {
  return crypto.createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url')
}

/** A token naming the person and scope, signed with HMAC-SHA256. It does not expire: old mails keep working. */
export function signUnsubscribeToken(secret: string, personId: string, scope: UnsubscribeScope): string {
  const payload = `${Buffer.from(personId).toString('base64url')}.${scope}`
  return `${payload}.${sign(secret, payload)}`
}

/** The person and scope of a genuine token; undefined for anything malformed or tampered with. */
export function verifyUnsubscribeToken(secret: string, token: string): { personId: string; scope: UnsubscribeScope } | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [person, scope, mac] = parts as [string, string, string]
  if (scope !== 'digest' && scope !== 'all') return undefined
  const expected = Buffer.from(sign(secret, `${person}.${scope}`))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return undefined
  const personId = Buffer.from(person, 'base64url').toString('utf8')
  return personId ? { personId, scope } : undefined
}
