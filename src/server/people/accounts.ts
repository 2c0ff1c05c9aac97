import type { Static } from '@sinclair/typebox'
import type { InviteBody, LoginBody, SetupBody } from '../../shared/schemas.js'
import { recordAudit } from '../platform/audit.js'
import { DUMMY_HASH, hashPassword, verifyPassword } from '../platform/auth/passwords.js'
import { deleteSessionsOfPerson } from '../platform/auth/store.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Config } from '../platform/config.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, NotFoundError, UnauthorizedError } from '../platform/errors.js'
import { MailUnavailableError, type Mailer } from '../platform/mail/mailer.js'
import { hashSecret, isoIn, newId, newSecret, nowIso } from '../platform/time.js'
import {
  hasAdmin,
  findPersonByEmail,
  findPersonById,
  insertPerson,
  insertPersonIfEmailFree,
  searchTextOf,
  updatePerson,
  type PersonRow,
} from './store.js'

/** How long an invitation link works. */
export const INVITE_TTL_MS = 14 * 24 * 3600_000
const RESET_TTL_MS = 3600_000

/** A new person row with empty profile fields. */
export function blankPerson(fields: Pick<PersonRow, 'email' | 'name'> & Partial<PersonRow>): PersonRow {
  const now = nowIso()
  const row: PersonRow = {
    id: newId(),
    title: '',
    department: '',
    manager_id: null,
    location: '',
    start_date: null,
    bio: '',
    photo_type: null,
    who_am_i: '',
    want_to_become: '',
    communities_wanted: '',
    aspiration_tags: '[]',
    skills_offered: '[]',
    skills_wanted: '[]',
    analytics_opt_out: 0,
    role: 'member',
    manager_granted: 0,
    status: 'active',
    password_hash: null,
    search_text: '',
    created_at: now,
    updated_at: now,
    ...fields,
    email: fields.email.toLowerCase(),
  }
  row.search_text = searchTextOf(row)
  return row
}

export async function isSetupNeeded(db: Db): Promise<boolean> {
  return !(await hasAdmin(db))
}

/** Creates the first admin. Refused once any admin exists. */
export async function setupFirstAdmin(db: Db, dialect: DialectAdapter, body: Static<typeof SetupBody>): Promise<PersonRow> {
  const passwordHash = await hashPassword(body.password)
  return db.transaction().execute(async (tx) => {
    if (!(await isSetupNeeded(tx))) throw new ConflictError('setup_done', 'Wellspring is already set up; log in instead')
    const existing = await findPersonByEmail(tx, body.email)
    if (existing) {
      await updatePerson(tx, existing.id, {
        role: 'admin',
        status: 'active',
        password_hash: passwordHash,
        name: body.name,
        updated_at: nowIso(),
        last_login_at: nowIso(),
      })
      return { ...existing, role: 'admin' as const, status: 'active' as const }
    }
    // Setting up signs them in: their first sign-in.
    const row = blankPerson({
      email: body.email,
      name: body.name.trim(),
      role: 'admin',
      password_hash: passwordHash,
      last_login_at: nowIso(),
    })
    try {
      await insertPerson(tx, row)
    } catch (err) {
      if (dialect.isUniqueViolation(err)) throw new ConflictError('email_taken', 'that email is taken')
      throw err
    }
    await recordAudit(tx, row.id, 'setup.admin', row.id)
    return row
  })
}

/** Checks email and password; the same error whether the account or the password is wrong. */
export async function authenticate(db: Db, body: Static<typeof LoginBody>): Promise<PersonRow> {
  const row = await findPersonByEmail(db, body.email)
  const ok = await verifyPassword(body.password, row?.password_hash ?? DUMMY_HASH)
  if (!row || !ok || row.status !== 'active') throw new UnauthorizedError('invalid_credentials', 'wrong email or password')
  await recordSignIn(db, row.id)
  return row
}

async function issueToken(db: Db, kind: 'invite' | 'reset', personId: string, ttlMs: number): Promise<string> {
  const token = newSecret()
  await db
    .insertInto('token')
    .values({ id: hashSecret(token), kind, person_id: personId, created_at: nowIso(), expires_at: isoIn(ttlMs), used_at: null })
    .execute()
  return token
}

/**
 * Issues a fresh invitation link for a person and returns its secret. It replaces any earlier link not yet
 * used (a resend makes the old link fail), and records when they were invited. Runs in the caller's transaction.
 */
export async function issueInvitation(tx: Db, personId: string): Promise<string> {
  await tx.deleteFrom('token').where('person_id', '=', personId).where('kind', '=', 'invite').where('used_at', 'is', null).execute()
  const token = await issueToken(tx, 'invite', personId, INVITE_TTL_MS)
  await updatePerson(tx, personId, { invited_at: nowIso() })
  return token
}

/**
 * Takes back an invitation whose mail the server refused: its link goes and `invited_at` returns to what it
 * was, so the person does not show as invited by a mail that never left.
 */
export async function withdrawInvitation(tx: Db, personId: string, token: string, previousInvitedAt: string | null): Promise<void> {
  await tx.deleteFrom('token').where('id', '=', hashSecret(token)).execute()
  await updatePerson(tx, personId, { invited_at: previousInvitedAt })
}

/** Records a sign-in: once per session started, never per request. */
export async function recordSignIn(db: Db, personId: string): Promise<void> {
  await updatePerson(db, personId, { last_login_at: nowIso() })
}

/** The invitation mail: who invited them and the link, which works for 14 days. */
export function invitationMail(config: Config, inviter: string, to: { email: string; name: string }, token: string) {
  return {
    to: to.email.toLowerCase(),
    subject: `${inviter} invited you to Wellspring`,
    text: `Hello ${to.name},\n\n${inviter} invited you to Wellspring, where our communities of practice live.\n\nChoose a password to join:\n${config.baseUrl}/invite/${token}\n\nThe link works for 14 days.\n`,
  }
}

async function findLiveToken(db: Db, kind: 'invite' | 'reset', token: string) {
  const row = await db.selectFrom('token').selectAll().where('id', '=', hashSecret(token)).where('kind', '=', kind).executeTakeFirst()
  if (!row || row.used_at !== null || row.expires_at <= nowIso()) {
    throw new BadRequestError('invalid_token', 'this link is invalid or has expired; ask for a new one')
  }
  return row
}

/** Invites a person by mail; creates them as 'invited' if they are not in the roster yet. */
export async function invitePerson(
  db: Db,
  config: Config,
  mailer: Mailer,
  viewer: Viewer,
  body: Static<typeof InviteBody>,
): Promise<{ personId: string }> {
  const { personId, token } = await db.transaction().execute(async (tx) => {
    let row = await findPersonByEmail(tx, body.email)
    if (!row) {
      const fresh = blankPerson({ email: body.email, name: body.name.trim(), status: 'invited' })
      // An invitation of the same email sent at the same moment may have created them first: then it is
      // theirs that this one invites again, as a repeat of the invitation would.
      row = (await insertPersonIfEmailFree(tx, fresh)) ? fresh : await findPersonByEmail(tx, body.email)
      if (!row) throw new Error(`person ${body.email} neither inserted nor found`)
    }
    if (row.status === 'erased') throw new ConflictError('email_erased', 'that account was erased')
    if (row.password_hash) throw new ConflictError('already_active', `${body.email} already has an account`)
    await recordAudit(tx, viewer.id, 'person.invite', row.id)
    return { personId: row.id, token: await issueInvitation(tx, row.id) }
  })
  await mailer.send(invitationMail(config, viewer.name, body, token))
  return { personId }
}

export async function getInvitation(db: Db, token: string): Promise<{ email: string; name: string }> {
  const row = await findLiveToken(db, 'invite', token)
  const person = await findPersonById(db, row.person_id)
  if (!person || person.status === 'erased') throw new NotFoundError('invalid_token', 'this invitation is no longer valid')
  return { email: person.email, name: person.name }
}

/** Sets the password of an invited person and activates them. */
export async function acceptInvitation(db: Db, token: string, password: string): Promise<PersonRow> {
  const passwordHash = await hashPassword(password)
  return db.transaction().execute(async (tx) => {
    const row = await findLiveToken(tx, 'invite', token)
    const person = await findPersonById(tx, row.person_id)
    if (!person || person.status === 'erased') throw new BadRequestError('invalid_token', 'this invitation is no longer valid')
    await tx.updateTable('token').set({ used_at: nowIso() }).where('id', '=', row.id).execute()
    await updatePerson(tx, person.id, { password_hash: passwordHash, status: 'active', updated_at: nowIso(), last_login_at: nowIso() })
    return person
  })
}

/** Mails a reset link if the account exists; says nothing either way, so emails cannot be probed. */
export async function requestPasswordReset(db: Db, config: Config, mailer: Mailer, email: string): Promise<void> {
  const person = await findPersonByEmail(db, email)
  if (!person || person.status !== 'active') return
  const token = await issueToken(db, 'reset', person.id, RESET_TTL_MS)
  try {
    await mailer.send({
      to: person.email,
      subject: 'Reset your Wellspring password',
      text: `Hello ${person.name},\n\nSomeone asked to reset your Wellspring password. If it was you, choose a new one here:\n${config.baseUrl}/reset/${token}\n\nThe link works for one hour. If it was not you, ignore this mail.\n`,
    })
  } catch (err) {
    // Answer as for an unknown address: an error here would tell a prober that the account exists. The mailer
    // has logged the failure for the operator.
    if (!(err instanceof MailUnavailableError)) throw err
  }
}

/** Sets a new password from a reset link and ends every session of that person. */
export async function confirmPasswordReset(db: Db, token: string, password: string): Promise<PersonRow> {
  const passwordHash = await hashPassword(password)
  return db.transaction().execute(async (tx) => {
    const row = await findLiveToken(tx, 'reset', token)
    const person = await findPersonById(tx, row.person_id)
    if (!person || person.status !== 'active') throw new BadRequestError('invalid_token', 'this link is no longer valid')
    await tx.updateTable('token').set({ used_at: nowIso() }).where('id', '=', row.id).execute()
    await deleteSessionsOfPerson(tx, person.id)
    // The reset signs them in (the route starts a session).
    await updatePerson(tx, person.id, { password_hash: passwordHash, updated_at: nowIso(), last_login_at: nowIso() })
    return person
  })
}
