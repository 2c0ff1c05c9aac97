import type { FastifyReply } from 'fastify'
import type { Config } from '../config.js'
import type { Db } from '../db/dialect.js'
import { hashSecret, isoIn, newSecret, nowIso } from '../time.js'
import { SESSION_COOKIE } from './access.js'
import { setCookieValue } from './cookies.js'
import { deleteSession, insertSession } from './store.js'

/** Starts a session for a person and sets its cookie. Only the hash of the token is stored. */
export async function startSession(db: Db, config: Config, reply: FastifyReply, personId: string): Promise<void> {
  const token = newSecret()
  const ttlMs = config.sessionTtlHours * 3600_000
  await insertSession(db, {
    id: hashSecret(token),
    person_id: personId,
    csrf_token: newSecret(24),
    created_at: nowIso(),
    expires_at: isoIn(ttlMs),
  })
  setSessionCookie(reply, setCookieValue(SESSION_COOKIE, token, { maxAgeS: ttlMs / 1000, secure: isSecure(config) }))
}

/** Ends the current session and clears its cookie. */
export async function endSession(db: Db, config: Config, reply: FastifyReply, sessionId: string | null): Promise<void> {
  if (sessionId) await deleteSession(db, sessionId)
  setSessionCookie(reply, setCookieValue(SESSION_COOKIE, '', { maxAgeS: 0, secure: isSecure(config) }))
}

/**
 * The session cookie is the only cookie Wellspring sets, so its latest value replaces any earlier one on the
 * same reply: logging in again ends the old session (clearing the cookie) and then sets the new one.
 */
function setSessionCookie(reply: FastifyReply, value: string): void {
  reply.removeHeader('set-cookie')
  reply.header('set-cookie', value)
}

const isSecure = (config: Config) => config.baseUrl.startsWith('https://')
