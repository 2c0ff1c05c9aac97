import type { FastifyReply } from 'fastify'
import type { Config } from '../config.js'
import type { Db } from '../db/dialect.js'
import { hashSecret, isoIn, newSecret, nowIso } from '../time.js'
import { SESSION_COOKIE } from './access.js'
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
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.baseUrl.startsWith('https://'),
    maxAge: Math.floor(ttlMs / 1000),
  })
}

/** Ends the current session and clears its cookie. */
export async function endSession(db: Db, reply: FastifyReply, sessionId: string | null): Promise<void> {
  if (sessionId) await deleteSession(db, sessionId)
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}
