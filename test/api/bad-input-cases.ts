import type { InjectOptions } from 'fastify'
import type { PersonRow } from '../../src/server/people/store.js'
import { TEST_PASSWORD } from '../helpers/app.js'
import { TINY_PNG } from './support.js'

// The bad requests of bad-input.test.ts: each must get a 4xx with { error: { code, message } } and change nothing.

export interface BadCase {
  name: string
  /** Who sends it. */
  as: 'anonymous' | 'member' | 'admin'
  status: number
  /** The error code, when it is a stable one worth pinning. */
  code: string | undefined
  request(ctx: BadCtx): InjectOptions
}

export interface BadCtx {
  /** The member who sends member requests. */
  member: PersonRow
  /** Another person, without a photo. */
  other: PersonRow
  /** An open community the member stewards, and a question of theirs in it. */
  slug: string
  postId: number
}

const V = 'validation_failed'
const bad = (
  name: string,
  as: BadCase['as'],
  status: number,
  code: string | undefined,
  request: (ctx: BadCtx) => InjectOptions,
): BadCase => ({ name, as, status, code, request })
const json = (method: InjectOptions['method'], url: string, payload: unknown): InjectOptions => ({
  method,
  url,
  payload: payload as InjectOptions['payload'],
})
const raw = (method: InjectOptions['method'], url: string, body: string | Buffer, contentType: string): InjectOptions => ({
  method,
  url,
  payload: body,
  headers: { 'content-type': contentType },
})
const mine = (c: BadCtx) => `/api/people/${c.member.id}`
const big = 'x'.repeat(300 * 1024)

export const SETUP_CASES: BadCase[] = [
  bad('setup with an empty object', 'anonymous', 400, V, () => json('POST', '/api/setup', {})),
  bad('setup with no body at all', 'anonymous', 400, undefined, () => ({ method: 'POST', url: '/api/setup' })),
  bad('setup with an empty JSON body', 'anonymous', 400, 'invalid_json', () => raw('POST', '/api/setup', '', 'application/json')),
  bad('setup with malformed JSON', 'anonymous', 400, 'invalid_json', () =>
    raw('POST', '/api/setup', '{"name": "Ada", "email":', 'application/json'),
  ),
  bad('setup with an invalid email', 'anonymous', 400, V, () =>
    json('POST', '/api/setup', { name: 'Ada', email: 'not-an-email', password: TEST_PASSWORD }),
  ),
  bad('setup with a short password', 'anonymous', 400, V, () =>
    json('POST', '/api/setup', { name: 'Ada', email: 'ada@example.com', password: 'short' }),
  ),
  bad('setup with a blank name', 'anonymous', 400, V, () =>
    json('POST', '/api/setup', { name: '   ', email: 'ada@example.com', password: TEST_PASSWORD }),
  ),
  bad('setup with an unknown field', 'anonymous', 400, V, () =>
    json('POST', '/api/setup', { name: 'Ada', email: 'ada@example.com', password: TEST_PASSWORD, role: 'admin' }),
  ),
  bad('setup with a number for a name', 'anonymous', 400, V, () =>
    json('POST', '/api/setup', { name: 42, email: 'ada@example.com', password: TEST_PASSWORD }),
  ),
  bad('setup as a JSON array', 'anonymous', 400, V, () =>
    json('POST', '/api/setup', [{ name: 'Ada', email: 'ada@example.com', password: TEST_PASSWORD }]),
  ),
  bad('setup as a form post', 'anonymous', 415, 'unsupported_media_type', () =>
    raw('POST', '/api/setup', 'name=Ada&email=ada%40example.com', 'application/x-www-form-urlencoded'),
  ),
  bad('setup with a prototype-poisoning body', 'anonymous', 400, undefined, () =>
    raw(
      'POST',
      '/api/setup',
      '{"name":"Ada","email":"ada@example.com","password":"correct horse battery","__proto__":{"x":1}}',
      'application/json',
    ),
  ),
]

export const CASES: BadCase[] = [
  // Login
  bad('login with an empty object', 'anonymous', 400, V, () => json('POST', '/api/auth/login', {})),
  bad('login with an empty password', 'anonymous', 400, V, (c) => json('POST', '/api/auth/login', { email: c.member.email, password: '' })),
  bad('login with a number for a password', 'anonymous', 400, V, (c) =>
    json('POST', '/api/auth/login', { email: c.member.email, password: 1234567890 }),
  ),
  bad('login as text/plain', 'anonymous', 415, 'unsupported_media_type', (c) =>
    raw('POST', '/api/auth/login', JSON.stringify({ email: c.member.email, password: TEST_PASSWORD }), 'text/plain'),
  ),
  bad('login with malformed JSON', 'anonymous', 400, 'invalid_json', () => raw('POST', '/api/auth/login', '{"email"', 'application/json')),
  bad('login with an oversized body', 'anonymous', 413, 'body_too_large', (c) =>
    json('POST', '/api/auth/login', { email: c.member.email, password: big }),
  ),

  // Profiles: no coercion, no unknown fields
  bad('profile with a number for bio', 'member', 400, V, (c) => json('PATCH', mine(c), { bio: 123 })),
  bad('profile with a string for a flag', 'member', 400, V, (c) => json('PATCH', mine(c), { analyticsOptOut: 'true' })),
  bad('profile with a string for a tag list', 'member', 400, V, (c) => json('PATCH', mine(c), { skillsOffered: 'sql' })),
  bad('profile with null for bio', 'member', 400, V, (c) => json('PATCH', mine(c), { bio: null })),
  bad('profile with an unknown field', 'member', 400, V, (c) => json('PATCH', mine(c), { bio: 'ok', role: 'admin' })),
  bad('profile with no fields', 'member', 400, V, (c) => json('PATCH', mine(c), {})),
  bad('profile with a blank name', 'member', 400, undefined, (c) => json('PATCH', mine(c), { name: '  ' })),
  bad('profile with too many tags', 'member', 400, V, (c) =>
    json('PATCH', mine(c), { aspirationTags: Array.from({ length: 31 }, (_, i) => `tag${i}`) }),
  ),
  bad('profile with an empty tag', 'member', 400, V, (c) => json('PATCH', mine(c), { skillsWanted: [''] })),
  bad('profile with a bio over the limit', 'member', 400, V, (c) => json('PATCH', mine(c), { bio: 'x'.repeat(2001) })),
  bad('profile with an oversized body', 'member', 413, 'body_too_large', (c) => json('PATCH', mine(c), { bio: big })),
  bad('profile as text/plain', 'member', 415, 'unsupported_media_type', (c) => raw('PATCH', mine(c), '{"bio":"x"}', 'text/plain')),
  bad('profile with malformed JSON', 'member', 400, 'invalid_json', (c) => raw('PATCH', mine(c), '{bio: "x"}', 'application/json')),
  bad('profile of an unknown person', 'admin', 404, 'person_not_found', () => json('PATCH', '/api/people/no-such-person', { bio: 'x' })),
  bad('profile with an id over the limit', 'admin', 400, V, () => json('PATCH', `/api/people/${'a'.repeat(65)}`, { bio: 'x' })),
  bad('profile with an impossible start date', 'admin', 400, V, (c) => json('PATCH', mine(c), { startDate: '2021-02-30' })),
  bad('profile with month 13', 'admin', 400, V, (c) => json('PATCH', mine(c), { startDate: '2021-13-01' })),
  bad('profile with an unknown manager', 'admin', 400, 'unknown_manager', (c) => json('PATCH', mine(c), { managerId: 'no-such-person' })),
  bad('profile managed by themself', 'admin', 400, 'manager_cycle', (c) => json('PATCH', mine(c), { managerId: c.member.id })),
  bad('profile with a NUL character', 'member', 400, V, (c) => json('PATCH', mine(c), { bio: 'a\u0000b' })),

  // Reads with bad ids and bad query strings
  bad('a person with an id over the limit', 'member', 400, V, () => ({ method: 'GET', url: `/api/people/${'a'.repeat(65)}` })),
  bad('an unknown person', 'member', 404, 'person_not_found', () => ({ method: 'GET', url: '/api/people/no-such-person' })),
  bad('a person id with a NUL character', 'member', 400, undefined, () => ({ method: 'GET', url: '/api/people/a%00b' })),
  bad('the chain of an unknown person', 'member', 404, 'person_not_found', () => ({
    method: 'GET',
    url: '/api/people/no-such-person/chain',
  })),
  bad('the photo of someone without one', 'member', 404, 'photo_not_found', (c) => ({
    method: 'GET',
    url: `/api/people/${c.other.id}/photo`,
  })),
  bad('an unknown job', 'member', 404, 'job_not_found', () => ({ method: 'GET', url: '/api/jobs/no-such-job' })),
  bad('directory with limit=abc', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?limit=abc' })),
  bad('directory with limit=100000', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?limit=100000' })),
  bad('directory with limit=0', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?limit=0' })),
  bad('directory with limit=1.5', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?limit=1.5' })),
  bad('directory with offset=-1', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?offset=-1' })),
  bad('directory with an unknown parameter', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?sort=name' })),
  bad('directory with a repeated q', 'member', 400, V, () => ({ method: 'GET', url: '/api/people?q=a&q=b' })),
  bad('directory with a query over the limit', 'member', 400, V, () => ({ method: 'GET', url: `/api/people?q=${'a'.repeat(201)}` })),
  bad('directory with a NUL character in q', 'member', 400, undefined, () => ({ method: 'GET', url: '/api/people?q=a%00b' })),
  bad('org chart with an empty managerId', 'member', 400, V, () => ({ method: 'GET', url: '/api/org/children?managerId=' })),
  bad('org chart of an unknown manager', 'member', 404, 'person_not_found', () => ({
    method: 'GET',
    url: '/api/org/children?managerId=nobody',
  })),
  bad('admin people with limit=abc', 'admin', 400, V, () => ({ method: 'GET', url: '/api/admin/people?limit=abc' })),

  // Photos
  bad('a photo that is not an image', 'member', 400, 'invalid_image', () => raw('PUT', '/api/me/photo', 'hello, I am text', 'image/png')),
  bad('a photo sent as JSON', 'member', 400, 'invalid_image', () => json('PUT', '/api/me/photo', { image: 'data' })),
  bad('a photo of an unsupported type', 'member', 415, 'unsupported_media_type', () => raw('PUT', '/api/me/photo', TINY_PNG, 'image/gif')),
  bad('a photo over 2 MB', 'member', 413, 'body_too_large', () =>
    raw('PUT', '/api/me/photo', Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png'),
  ),
  bad('an empty photo', 'member', 400, undefined, () => raw('PUT', '/api/me/photo', Buffer.alloc(0), 'image/png')),

  // Erasure, roles, invitations, tokens
  bad('erasure with a number for a reason', 'member', 400, V, () => json('POST', '/api/me/erasure', { reason: 7 })),
  bad('erasure with an unknown field', 'member', 400, V, () => json('POST', '/api/me/erasure', { reason: 'bye', now: true })),
  bad('erasure with a reason over the limit', 'member', 400, V, () => json('POST', '/api/me/erasure', { reason: 'x'.repeat(1001) })),
  bad('confirming an unknown erasure', 'admin', 404, 'erasure_not_found', () => ({
    method: 'POST',
    url: '/api/admin/erasures/no-such-request/confirm',
  })),
  bad('roles with an unknown role', 'admin', 400, V, (c) => json('PATCH', `/api/admin/people/${c.member.id}/roles`, { role: 'owner' })),
  bad('roles with a string for a flag', 'admin', 400, V, (c) =>
    json('PATCH', `/api/admin/people/${c.member.id}/roles`, { managerGranted: 1 }),
  ),
  bad('roles with nothing to change', 'admin', 400, V, (c) => json('PATCH', `/api/admin/people/${c.member.id}/roles`, {})),
  bad('roles of an unknown person', 'admin', 404, 'person_not_found', () =>
    json('PATCH', '/api/admin/people/nobody/roles', { managerGranted: true }),
  ),
  bad('an invitation with an invalid email', 'admin', 400, V, () =>
    json('POST', '/api/admin/invitations', { email: 'nope', name: 'Nope' }),
  ),
  bad('an invitation with a blank name', 'admin', 400, V, () =>
    json('POST', '/api/admin/invitations', { email: 'blank@example.com', name: ' ' }),
  ),
  bad('an invitation for an active account', 'admin', 409, 'already_active', (c) =>
    json('POST', '/api/admin/invitations', { email: c.member.email, name: 'Again' }),
  ),
  bad('a bulk invitation that picks no one', 'admin', 400, V, () => json('POST', '/api/admin/invitations/bulk', {})),
  bad('a bulk invitation of an unknown group', 'admin', 400, V, () => json('POST', '/api/admin/invitations/bulk', { everyone: 'all' })),
  bad('a bulk invitation of both picks and a group', 'admin', 400, V, (c) =>
    json('POST', '/api/admin/invitations/bulk', { personIds: [c.other.id], everyone: 'invited' }),
  ),
  bad('a bulk invitation of people who have joined', 'admin', 400, 'nobody_to_invite', (c) =>
    json('POST', '/api/admin/invitations/bulk', { personIds: [c.member.id, c.other.id] }),
  ),
  bad('an unknown bulk invitation', 'admin', 404, 'invitation_batch_not_found', () => ({
    method: 'GET',
    url: '/api/admin/invitations/bulk/0123456789abcdef',
  })),
  bad('admin people in an unknown state', 'admin', 400, V, () => ({ method: 'GET', url: '/api/admin/people?state=asleep' })),
  bad('dismissing the setup checklist before it is done', 'admin', 409, 'checklist_not_done', () => ({
    method: 'POST',
    url: '/api/admin/setup-checklist/dismiss',
  })),
  bad('an invitation token that is too short', 'anonymous', 400, V, () => ({ method: 'GET', url: '/api/auth/invitations/short' })),
  bad('an unknown invitation token', 'anonymous', 400, 'invalid_token', () => ({
    method: 'GET',
    url: '/api/auth/invitations/0123456789abcdef',
  })),
  bad('accepting an unknown invitation', 'anonymous', 400, 'invalid_token', () =>
    json('POST', '/api/auth/invitations/accept', { token: '0123456789abcdef', password: TEST_PASSWORD }),
  ),
  bad('a password reset with an unknown token', 'anonymous', 400, 'invalid_token', () =>
    json('POST', '/api/auth/password-reset/confirm', { token: '0123456789abcdef', password: TEST_PASSWORD }),
  ),
  bad('a password reset with a short password', 'anonymous', 400, V, () =>
    json('POST', '/api/auth/password-reset/confirm', { token: '0123456789abcdef', password: 'short' }),
  ),
  bad('a reset request with an invalid email', 'anonymous', 400, V, () =>
    json('POST', '/api/auth/password-reset/request', { email: 'not an email' }),
  ),
  // Communities, posts and media
  bad('a community with an invalid slug', 'member', 400, V, () => ({ method: 'GET', url: '/api/communities/Not_A_Slug' })),
  bad('a community with an unknown visibility', 'member', 400, V, () =>
    json('POST', '/api/communities', { name: 'Hidden', purpose: '', visibility: 'invisible' }),
  ),
  bad('a community whose slug is taken', 'member', 409, 'slug_taken', (c) =>
    json('POST', '/api/communities', { name: 'Again', purpose: '', visibility: 'open', slug: c.slug }),
  ),
  bad('promotion rules with a negative threshold', 'member', 400, V, (c) =>
    json('PATCH', `/api/communities/${c.slug}`, {
      rules: {
        toMember: { minQuestions: -1, minAnswers: 0, minPosts: 0, minThanksReceived: 0, minWeeksActive: 0 },
        toCore: { minQuestions: 0, minAnswers: 0, minPosts: 0, minThanksReceived: 0, minWeeksActive: 0 },
      },
    }),
  ),
  bad('a member role that does not exist', 'member', 400, V, (c) =>
    json('PATCH', `/api/communities/${c.slug}/members/${c.member.id}`, { role: 'owner' }),
  ),
  bad('a post of an unknown kind', 'member', 400, V, (c) =>
    json('POST', `/api/communities/${c.slug}/posts`, { kind: 'rant', title: 'Hello there', body: 'x' }),
  ),
  bad('a post with a short title', 'member', 400, V, (c) =>
    json('POST', `/api/communities/${c.slug}/posts`, { kind: 'question', title: 'Hi', body: 'x' }),
  ),
  bad('an anonymous question', 'member', 400, 'anonymous_lessons_only', (c) =>
    json('POST', `/api/communities/${c.slug}/posts`, { kind: 'question', title: 'Who am I?', body: 'x', anonymous: true }),
  ),
  bad('a post id that is not a number', 'member', 400, V, () => ({ method: 'GET', url: '/api/posts/abc' })),
  bad('a post id of zero', 'member', 400, V, () => ({ method: 'GET', url: '/api/posts/0' })),
  bad('a post id beyond any integer column', 'member', 404, 'post_not_found', () => ({ method: 'GET', url: '/api/posts/99999999999999' })),
  bad('an unknown post', 'member', 404, 'post_not_found', () => ({ method: 'GET', url: '/api/posts/987654' })),
  bad('an empty answer', 'member', 400, V, (c) => json('POST', `/api/posts/${c.postId}/answers`, { body: '' })),
  bad('a comment on nothing', 'member', 404, 'post_not_found', () => json('POST', '/api/posts/987654/comments', { body: 'hello' })),
  bad('thanking yourself', 'member', 400, 'thank_yourself', (c) =>
    json('POST', `/api/people/${c.member.id}/thanks`, { kind: 'thanks', note: 'me' }),
  ),
  bad('accepting something that is not an answer', 'member', 400, 'not_an_answer', (c) =>
    json('POST', `/api/posts/${c.postId}/accept`, { answerId: c.postId }),
  ),
  bad('a feed with an invalid cursor', 'member', 400, 'bad_cursor', (c) => ({
    method: 'GET',
    url: `/api/communities/${c.slug}/feed?cursor=nonsense`,
  })),
  bad('a search without words', 'member', 400, V, () => ({ method: 'GET', url: '/api/search?q=' })),
  bad('a search from an impossible date', 'member', 400, V, () => ({ method: 'GET', url: '/api/search?q=x&from=2024-02-31' })),
  bad('a media upload of a type not accepted', 'member', 415, 'unsupported_media_type', () =>
    raw('POST', '/api/media', 'plain words', 'text/html'),
  ),
  bad('a media upload that is not what it says', 'member', 415, 'unsupported_media_type', () =>
    raw('POST', '/api/media', 'not really a png at all', 'image/png'),
  ),
  bad('captions that are not WebVTT', 'member', 400, 'invalid_captions', () =>
    json('PATCH', '/api/media/no-such-media', { captions: 'hello' }),
  ),
  bad('notifications marked read that do not exist', 'member', 404, 'notification_not_found', () => ({
    method: 'POST',
    url: '/api/notifications/nope/read',
  })),
  bad('notification preferences with an unknown kind', 'member', 400, V, () =>
    json('PUT', '/api/notifications/preferences', { emailKinds: ['gossip'], digest: 'weekly' }),
  ),
  // Roster import requests (a file with broken rows is a job that applies nothing: see people/roster.test.ts).
  bad('a roster import with an unknown mode', 'admin', 400, V, () =>
    json('POST', '/api/admin/roster/imports', { filename: 'r.csv', csv: 'email,name\n', mode: 'force' }),
  ),
  bad('a roster import with an empty file', 'admin', 400, V, () =>
    json('POST', '/api/admin/roster/imports', { filename: 'r.csv', csv: '', mode: 'apply' }),
  ),
  bad('a roster import with the CSV as a number', 'admin', 400, V, () =>
    json('POST', '/api/admin/roster/imports', { filename: 'r.csv', csv: 42, mode: 'apply' }),
  ),
  bad('a roster import with an unknown field', 'admin', 400, V, () =>
    json('POST', '/api/admin/roster/imports', { filename: 'r.csv', csv: 'x', mode: 'apply', dryRun: true }),
  ),
  bad('an unknown roster import', 'admin', 404, undefined, () => ({ method: 'GET', url: '/api/admin/roster/imports/no-such-import' })),
  bad('an unknown API route', 'member', 404, 'route_not_found', () => ({ method: 'GET', url: '/api/no-such-thing' })),
  bad('a network map of an empty run id', 'admin', 400, V, () => ({ method: 'GET', url: '/api/insights/map?run=' })),
  bad('a network map with an unknown parameter', 'admin', 400, V, () => ({ method: 'GET', url: '/api/insights/map?zoom=2' })),
  bad('a network map of a run that has none', 'admin', 404, 'map_run_not_found', () => ({
    method: 'GET',
    url: '/api/insights/map?run=no-such-run',
  })),
  bad("another member's trajectory", 'member', 404, 'trajectory_not_found', (c) => ({
    method: 'GET',
    url: `/api/insights/trajectory/${c.other.id}`,
  })),
]
