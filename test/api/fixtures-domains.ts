import type { FastifyInstance } from 'fastify'
import { createCommunity, joinCommunity, listJoinRequests } from '../../src/server/communities/service.js'
import { startQaImport } from '../../src/server/imports/se-service.js'
import { createPost, createReply } from '../../src/server/knowledge/service.js'
import { toRow } from '../../src/server/notifications/service.js'
import { insertNotifications } from '../../src/server/notifications/store.js'
import { loadNotifySecret, signUnsubscribeToken } from '../../src/server/notifications/tokens.js'
import { createInvitationBatch } from '../../src/server/people/invitations.js'
import { ROSTER_TEMPLATE } from '../../src/server/people/roster-parse.js'
import { createRosterImport } from '../../src/server/people/roster-service.js'
import type { PersonRow } from '../../src/server/people/store.js'
import type { Viewer } from '../../src/server/platform/auth/viewer.js'
import { newId, nowIso } from '../../src/server/platform/time.js'
import type { Visibility } from '../../src/shared/communities.js'
import { buildPerson, insertOffer } from '../helpers/factories.js'
import { sessionClient, TINY_PNG } from './support.js'

// Targets in the product domains for the authorization matrix, made through each domain's own services so
// they are real: communities with stewards, posts, media, notifications, imports. Each call makes new rows.

/** A person as the services see a logged-in viewer. */
export function viewerOf(p: PersonRow): Viewer {
  return { id: p.id, name: p.name, email: p.email, isAdmin: p.role === 'admin', isManager: false, csrfToken: '' }
}

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

/** A community stewarded by `steward` (a new person when absent). */
export async function community(
  app: FastifyInstance,
  visibility: Visibility = 'open',
  steward?: PersonRow | null,
): Promise<{ slug: string; id: string; steward: PersonRow }> {
  const owner = steward ?? (await buildPerson(app))
  const c = await createCommunity(app.db, app.dialect, viewerOf(owner), {
    name: `Authz ${unique()}`,
    purpose: 'Testing who may do what',
    visibility,
  })
  return { slug: c.slug, id: c.id, steward: owner }
}

/** Makes `person` a member of the community (an open one: joining is immediate). */
export async function join(app: FastifyInstance, slug: string, person: PersonRow): Promise<void> {
  await joinCommunity(app.db, viewerOf(person), slug, '', app.bus)
}

/** A pending request by a new person to join a closed community of `steward`; returns the slug and request id. */
export async function joinRequest(app: FastifyInstance, steward?: PersonRow | null): Promise<{ slug: string; id: string }> {
  const c = await community(app, 'closed', steward)
  await joinCommunity(app.db, viewerOf(await buildPerson(app)), c.slug, 'let me in', app.bus)
  const [request] = await listJoinRequests(app.db, viewerOf(c.steward), c.slug)
  return { slug: c.slug, id: request!.id }
}

/** A post by `author` (a new person when absent) in a new community of the given visibility. */
export async function post(
  app: FastifyInstance,
  options: { author?: PersonRow | null; kind?: 'question' | 'story' | 'practice' | 'lesson'; visibility?: Visibility } = {},
): Promise<{ id: number; slug: string; author: PersonRow }> {
  const author = options.author ?? (await buildPerson(app))
  const c = await community(app, options.visibility ?? 'open', author)
  const p = await createPost(
    app.db,
    viewerOf(author),
    c.slug,
    {
      kind: options.kind ?? 'question',
      title: `A question ${unique()}`,
      body: 'How do we check who may do what?',
    },
    app.bus,
  )
  return { id: p.id, slug: c.slug, author }
}

/** An answer by a new person to the question `questionId`. */
export async function answer(app: FastifyInstance, questionId: number): Promise<number> {
  return (await createReply(app.db, viewerOf(await buildPerson(app)), questionId, 'answer', { body: 'Like this.' }, app.bus)).id
}

/** An image uploaded by `owner` through the API, optionally with captions; returns its id. */
export async function media(app: FastifyInstance, owner: PersonRow, captions = false): Promise<string> {
  const client = await sessionClient(app, owner)
  const res = await client.request({
    method: 'POST',
    url: '/api/media',
    headers: { 'content-type': 'image/png', 'x-filename': 'dot.png' },
    payload: TINY_PNG,
  })
  if (res.statusCode !== 201) throw new Error(`media upload failed: ${res.statusCode} ${res.body}`)
  const id = res.json<{ id: string }>().id
  if (captions) await client.patch(`/api/media/${id}`, { captions: 'WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n' })
  return id
}

/** An unread notification for `person`; returns its id. */
export async function notification(app: FastifyInstance, person: PersonRow): Promise<string> {
  const row = toRow(
    {
      personId: person.id,
      kind: 'mention',
      actorId: null,
      communityId: null,
      postId: null,
      title: 'You were mentioned',
      body: 'hello',
      link: '/',
    },
    nowIso(),
  )
  await insertNotifications(app.db, [row])
  return row.id
}

/** A signed unsubscribe link token for a new person. */
export async function unsubscribeToken(app: FastifyInstance): Promise<string> {
  return signUnsubscribeToken(await loadNotifySecret(app.db, app.config), (await buildPerson(app)).id, 'digest')
}

/** A roster import (a preview of the template) started by a new admin; returns its id. */
export async function rosterImport(app: FastifyInstance): Promise<string> {
  const admin = await buildPerson(app, { role: 'admin' })
  return (await createRosterImport(app.db, app.jobs, viewerOf(admin), { filename: 'roster.csv', csv: ROSTER_TEMPLATE, mode: 'preview' })).id
}

/** An uploaded Posts.xml, as the Q&A import's upload step stores it; returns the upload id. */
export async function qaUpload(app: FastifyInstance): Promise<string> {
  const uploadId = newId()
  await app.storage.put(`imports/${uploadId}/Posts.xml`, Buffer.from('<?xml version="1.0"?><posts></posts>'))
  return uploadId
}

/** A Q&A import into a new open community, started by a new admin; returns its id. */
export async function qaImport(app: FastifyInstance): Promise<string> {
  const admin = await buildPerson(app, { role: 'admin' })
  const c = await community(app, 'open')
  return (
    await startQaImport(app.db, app.dialect, app.jobs, app.storage, viewerOf(admin), {
      uploadId: await qaUpload(app),
      files: ['Posts.xml'],
      communitySlug: c.slug,
    })
  ).id
}

export { ROSTER_TEMPLATE }

/** A question offered to `person` by the router (as the routing round would write it); returns the offer id. */
export async function offer(app: FastifyInstance, person: PersonRow): Promise<string> {
  const question = await post(app)
  return insertOffer(app, question.id, person.id)
}

/** A bulk invitation of one new roster person (no password, never invited), by a new admin; returns its id. */
export async function invitationBatch(app: FastifyInstance): Promise<string> {
  const admin = await buildPerson(app, { role: 'admin' })
  const invitee = await buildPerson(app, { password_hash: null })
  return (await createInvitationBatch(app.db, app.jobs, viewerOf(admin), { personIds: [invitee.id] })).id
}
