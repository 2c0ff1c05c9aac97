import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import { createTestApp, DIALECTS, setupAdmin, TEST_PASSWORD, type Client, type TestApp } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { sessionClient, snapshotTables, TINY_PNG } from './support.js'

// Bad input gets a 4xx with { error: { code, message } } and changes nothing (DESIGN.md). Each case is sent
// between two snapshots of every table a request could touch.

interface Case {
  name: string
  /** Who sends it. */
  as: 'anonymous' | 'member' | 'admin'
  request(ctx: Ctx): InjectOptions
  status: number
  /** The error code, when it is a stable one worth pinning. */
  code?: string
}

interface Ctx {
  member: PersonRow
  other: PersonRow
}

const json = (method: InjectOptions['method'], url: string, payload: unknown): InjectOptions => ({ method, url, payload: payload as InjectOptions['payload'] })
const raw = (method: InjectOptions['method'], url: string, body: string | Buffer, contentType: string): InjectOptions => ({ method, url, payload: body, headers: { 'content-type': contentType } })
const big = 'x'.repeat(300 * 1024)

const SETUP_CASES: Case[] = [
  { name: 'setup with an empty object', as: 'anonymous', request: () => json('POST', '/api/setup', {}), status: 400, code: 'validation_failed' },
  { name: 'setup with no body at all', as: 'anonymous', request: () => ({ method: 'POST', url: '/api/setup' }), status: 400 },
  { name: 'setup with an empty JSON body', as: 'anonymous', request: () => raw('POST', '/api/setup', '', 'application/json'), status: 400, code: 'invalid_json' },
  { name: 'setup with malformed JSON', as: 'anonymous', request: () => raw('POST', '/api/setup', '{"name": "Ada", "email":', 'application/json'), status: 400, code: 'invalid_json' },
  { name: 'setup with an invalid email', as: 'anonymous', request: () => json('POST', '/api/setup', { name: 'Ada', email: 'not-an-email', password: TEST_PASSWORD }), status: 400, code: 'validation_failed' },
  { name: 'setup with a short password', as: 'anonymous', request: () => json('POST', '/api/setup', { name: 'Ada', email: 'ada@example.com', password: 'short' }), status: 400, code: 'validation_failed' },
  { name: 'setup with a blank name', as: 'anonymous', request: () => json('POST', '/api/setup', { name: '   ', email: 'ada@example.com', password: TEST_PASSWORD }), status: 400, code: 'validation_failed' },
  { name: 'setup with an unknown field', as: 'anonymous', request: () => json('POST', '/api/setup', { name: 'Ada', email: 'ada@example.com', password: TEST_PASSWORD, role: 'admin' }), status: 400, code: 'validation_failed' },
  { name: 'setup with a number for a name', as: 'anonymous', request: () => json('POST', '/api/setup', { name: 42, email: 'ada@example.com', password: TEST_PASSWORD }), status: 400, code: 'validation_failed' },
  { name: 'setup as a JSON array', as: 'anonymous', request: () => json('POST', '/api/setup', [{ name: 'Ada', email: 'ada@example.com', password: TEST_PASSWORD }]), status: 400, code: 'validation_failed' },
  { name: 'setup as a form post', as: 'anonymous', request: () => raw('POST', '/api/setup', 'name=Ada&email=ada%40example.com', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported_media_type' },
  { name: 'setup with a prototype-poisoning body', as: 'anonymous', request: () => raw('POST', '/api/setup', '{"name":"Ada","email":"ada@example.com","password":"correct horse battery","__proto__":{"x":1}}', 'application/json'), status: 400 },
]

const CASES: Case[] = [
  // Login
  { name: 'login with an empty object', as: 'anonymous', request: () => json('POST', '/api/auth/login', {}), status: 400, code: 'validation_failed' },
  { name: 'login with an empty password', as: 'anonymous', request: (c) => json('POST', '/api/auth/login', { email: c.member.email, password: '' }), status: 400, code: 'validation_failed' },
  { name: 'login with a number for a password', as: 'anonymous', request: (c) => json('POST', '/api/auth/login', { email: c.member.email, password: 1234567890 }), status: 400, code: 'validation_failed' },
  { name: 'login as text/plain', as: 'anonymous', request: (c) => raw('POST', '/api/auth/login', JSON.stringify({ email: c.member.email, password: TEST_PASSWORD }), 'text/plain'), status: 415, code: 'unsupported_media_type' },
  { name: 'login with malformed JSON', as: 'anonymous', request: () => raw('POST', '/api/auth/login', '{"email"', 'application/json'), status: 400, code: 'invalid_json' },
  { name: 'login with an oversized body', as: 'anonymous', request: (c) => json('POST', '/api/auth/login', { email: c.member.email, password: big }), status: 413, code: 'body_too_large' },

  // Profiles: no coercion, no unknown fields
  { name: 'profile with a number for bio', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { bio: 123 }), status: 400, code: 'validation_failed' },
  { name: 'profile with a string for a flag', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { analyticsOptOut: 'true' }), status: 400, code: 'validation_failed' },
  { name: 'profile with a string for a tag list', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { skillsOffered: 'sql' }), status: 400, code: 'validation_failed' },
  { name: 'profile with null for bio', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { bio: null }), status: 400, code: 'validation_failed' },
  { name: 'profile with an unknown field', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { bio: 'ok', role: 'admin' }), status: 400, code: 'validation_failed' },
  { name: 'profile with no fields', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, {}), status: 400, code: 'validation_failed' },
  { name: 'profile with a blank name', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { name: '  ' }), status: 400 },
  { name: 'profile with too many tags', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { aspirationTags: Array.from({ length: 31 }, (_, i) => `tag${i}`) }), status: 400, code: 'validation_failed' },
  { name: 'profile with an empty tag', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { skillsWanted: [''] }), status: 400, code: 'validation_failed' },
  { name: 'profile with a bio over the limit', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { bio: 'x'.repeat(2001) }), status: 400, code: 'validation_failed' },
  { name: 'profile with an oversized body', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { bio: big }), status: 413, code: 'body_too_large' },
  { name: 'profile as text/plain', as: 'member', request: (c) => raw('PATCH', `/api/people/${c.member.id}`, '{"bio":"x"}', 'text/plain'), status: 415, code: 'unsupported_media_type' },
  { name: 'profile with malformed JSON', as: 'member', request: (c) => raw('PATCH', `/api/people/${c.member.id}`, '{bio: "x"}', 'application/json'), status: 400, code: 'invalid_json' },
  { name: 'profile of an unknown person', as: 'admin', request: () => json('PATCH', '/api/people/no-such-person', { bio: 'x' }), status: 404, code: 'person_not_found' },
  { name: 'profile with an id over the limit', as: 'admin', request: () => json('PATCH', `/api/people/${'a'.repeat(65)}`, { bio: 'x' }), status: 400, code: 'validation_failed' },
  { name: 'profile with an impossible start date', as: 'admin', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { startDate: '2021-02-30' }), status: 400, code: 'validation_failed' },
  { name: 'profile with month 13', as: 'admin', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { startDate: '2021-13-01' }), status: 400, code: 'validation_failed' },
  { name: 'profile with an unknown manager', as: 'admin', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { managerId: 'no-such-person' }), status: 400, code: 'unknown_manager' },
  { name: 'profile managed by themself', as: 'admin', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { managerId: c.member.id }), status: 400, code: 'manager_cycle' },
  { name: 'profile with a NUL character', as: 'member', request: (c) => json('PATCH', `/api/people/${c.member.id}`, { bio: 'a\u0000b' }), status: 400, code: 'validation_failed' },

  // Reads with bad ids and bad query strings
  { name: 'a person with an id over the limit', as: 'member', request: () => ({ method: 'GET', url: `/api/people/${'a'.repeat(65)}` }), status: 400, code: 'validation_failed' },
  { name: 'an unknown person', as: 'member', request: () => ({ method: 'GET', url: '/api/people/no-such-person' }), status: 404, code: 'person_not_found' },
  { name: 'a person id with a NUL character', as: 'member', request: () => ({ method: 'GET', url: '/api/people/a%00b' }), status: 400 },
  { name: 'the chain of an unknown person', as: 'member', request: () => ({ method: 'GET', url: '/api/people/no-such-person/chain' }), status: 404, code: 'person_not_found' },
  { name: 'the photo of someone without one', as: 'member', request: (c) => ({ method: 'GET', url: `/api/people/${c.other.id}/photo` }), status: 404, code: 'photo_not_found' },
  { name: 'an unknown job', as: 'member', request: () => ({ method: 'GET', url: '/api/jobs/no-such-job' }), status: 404, code: 'job_not_found' },
  { name: 'directory with limit=abc', as: 'member', request: () => ({ method: 'GET', url: '/api/people?limit=abc' }), status: 400, code: 'validation_failed' },
  { name: 'directory with limit=100000', as: 'member', request: () => ({ method: 'GET', url: '/api/people?limit=100000' }), status: 400, code: 'validation_failed' },
  { name: 'directory with limit=0', as: 'member', request: () => ({ method: 'GET', url: '/api/people?limit=0' }), status: 400, code: 'validation_failed' },
  { name: 'directory with limit=1.5', as: 'member', request: () => ({ method: 'GET', url: '/api/people?limit=1.5' }), status: 400, code: 'validation_failed' },
  { name: 'directory with offset=-1', as: 'member', request: () => ({ method: 'GET', url: '/api/people?offset=-1' }), status: 400, code: 'validation_failed' },
  { name: 'directory with an unknown parameter', as: 'member', request: () => ({ method: 'GET', url: '/api/people?sort=name' }), status: 400, code: 'validation_failed' },
  { name: 'directory with a repeated q', as: 'member', request: () => ({ method: 'GET', url: '/api/people?q=a&q=b' }), status: 400, code: 'validation_failed' },
  { name: 'directory with a query over the limit', as: 'member', request: () => ({ method: 'GET', url: `/api/people?q=${'a'.repeat(201)}` }), status: 400, code: 'validation_failed' },
  { name: 'directory with a NUL character in q', as: 'member', request: () => ({ method: 'GET', url: '/api/people?q=a%00b' }), status: 400 },
  { name: 'org chart with an empty managerId', as: 'member', request: () => ({ method: 'GET', url: '/api/org/children?managerId=' }), status: 400, code: 'validation_failed' },
  { name: 'org chart of an unknown manager', as: 'member', request: () => ({ method: 'GET', url: '/api/org/children?managerId=nobody' }), status: 404, code: 'person_not_found' },
  { name: 'admin people with limit=abc', as: 'admin', request: () => ({ method: 'GET', url: '/api/admin/people?limit=abc' }), status: 400, code: 'validation_failed' },

  // Photos
  { name: 'a photo that is not an image', as: 'member', request: () => raw('PUT', '/api/me/photo', 'hello, I am text', 'image/png'), status: 400, code: 'invalid_image' },
  { name: 'a photo sent as JSON', as: 'member', request: () => json('PUT', '/api/me/photo', { image: 'data' }), status: 400, code: 'invalid_image' },
  { name: 'a photo of an unsupported type', as: 'member', request: () => raw('PUT', '/api/me/photo', TINY_PNG, 'image/gif'), status: 415, code: 'unsupported_media_type' },
  { name: 'a photo over 2 MB', as: 'member', request: () => raw('PUT', '/api/me/photo', Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png'), status: 413, code: 'body_too_large' },
  { name: 'an empty photo', as: 'member', request: () => raw('PUT', '/api/me/photo', Buffer.alloc(0), 'image/png'), status: 400 },

  // Erasure, roles, invitations, tokens
  { name: 'erasure with a number for a reason', as: 'member', request: () => json('POST', '/api/me/erasure', { reason: 7 }), status: 400, code: 'validation_failed' },
  { name: 'erasure with an unknown field', as: 'member', request: () => json('POST', '/api/me/erasure', { reason: 'bye', now: true }), status: 400, code: 'validation_failed' },
  { name: 'erasure with a reason over the limit', as: 'member', request: () => json('POST', '/api/me/erasure', { reason: 'x'.repeat(1001) }), status: 400, code: 'validation_failed' },
  { name: 'confirming an unknown erasure', as: 'admin', request: () => ({ method: 'POST', url: '/api/admin/erasures/no-such-request/confirm' }), status: 404, code: 'erasure_not_found' },
  { name: 'roles with an unknown role', as: 'admin', request: (c) => json('PATCH', `/api/admin/people/${c.member.id}/roles`, { role: 'owner' }), status: 400, code: 'validation_failed' },
  { name: 'roles with a string for a flag', as: 'admin', request: (c) => json('PATCH', `/api/admin/people/${c.member.id}/roles`, { managerGranted: 1 }), status: 400, code: 'validation_failed' },
  { name: 'roles with nothing to change', as: 'admin', request: (c) => json('PATCH', `/api/admin/people/${c.member.id}/roles`, {}), status: 400, code: 'validation_failed' },
  { name: 'roles of an unknown person', as: 'admin', request: () => json('PATCH', '/api/admin/people/nobody/roles', { managerGranted: true }), status: 404, code: 'person_not_found' },
  { name: 'an invitation with an invalid email', as: 'admin', request: () => json('POST', '/api/admin/invitations', { email: 'nope', name: 'Nope' }), status: 400, code: 'validation_failed' },
  { name: 'an invitation with a blank name', as: 'admin', request: () => json('POST', '/api/admin/invitations', { email: 'blank@example.com', name: ' ' }), status: 400, code: 'validation_failed' },
  { name: 'an invitation for an active account', as: 'admin', request: (c) => json('POST', '/api/admin/invitations', { email: c.member.email, name: 'Again' }), status: 409, code: 'already_active' },
  { name: 'an invitation token that is too short', as: 'anonymous', request: () => ({ method: 'GET', url: '/api/auth/invitations/short' }), status: 400, code: 'validation_failed' },
  { name: 'an unknown invitation token', as: 'anonymous', request: () => ({ method: 'GET', url: '/api/auth/invitations/0123456789abcdef' }), status: 400, code: 'invalid_token' },
  { name: 'accepting an unknown invitation', as: 'anonymous', request: () => json('POST', '/api/auth/invitations/accept', { token: '0123456789abcdef', password: TEST_PASSWORD }), status: 400, code: 'invalid_token' },
  { name: 'a password reset with an unknown token', as: 'anonymous', request: () => json('POST', '/api/auth/password-reset/confirm', { token: '0123456789abcdef', password: TEST_PASSWORD }), status: 400, code: 'invalid_token' },
  { name: 'a password reset with a short password', as: 'anonymous', request: () => json('POST', '/api/auth/password-reset/confirm', { token: '0123456789abcdef', password: 'short' }), status: 400, code: 'validation_failed' },
  { name: 'a reset request with an invalid email', as: 'anonymous', request: () => json('POST', '/api/auth/password-reset/request', { email: 'not an email' }), status: 400, code: 'validation_failed' },
  { name: 'an unknown API route', as: 'member', request: () => ({ method: 'GET', url: '/api/no-such-thing' }), status: 404, code: 'route_not_found' },
]

function expectErrorBody(res: LightMyRequestResponse, status: number, code: string | undefined): void {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expect(res.json()).toEqual({ error: { code: code ?? expect.any(String), message: expect.any(String) } })
}

describe.each(DIALECTS)('%s: bad input', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(async () => t.close())

  describe('before setup', () => {
    it.each(SETUP_CASES.map((c) => [c.name, c] as const))('refuses %s and changes nothing', async (_name, c) => {
      const before = await snapshotTables(t.app)
      expectErrorBody(await t.app.inject(c.request({} as Ctx)), c.status, c.code)
      expect(await snapshotTables(t.app)).toEqual(before)
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json().setupNeeded).toBe(true)
    })
  })

  describe('after setup', () => {
    const ctx = {} as Ctx
    const clients: Partial<Record<Case['as'], Client>> = {}
    beforeAll(async () => {
      clients.admin = await setupAdmin(t.app)
      ctx.member = await buildPerson(t.app, { email: 'member@example.com' })
      ctx.other = await buildPerson(t.app)
      clients.member = await sessionClient(t.app, ctx.member)
    })

    it.each(CASES.map((c) => [c.name, c] as const))('refuses %s and changes nothing', async (_name, c) => {
      const opts = c.request(ctx)
      const client = clients[c.as]
      const before = await snapshotTables(t.app)
      const res = client ? await client.request(opts) : await t.app.inject(opts)
      expectErrorBody(res, c.status, c.code)
      expect(await snapshotTables(t.app)).toEqual(before)
    })

    it('stores no file when a photo upload is refused', async () => {
      const res = await clients.member!.request(raw('PUT', '/api/me/photo', 'GIF89a not really', 'image/png'))
      expectErrorBody(res, 400, 'invalid_image')
      expect(await t.app.storage.get(`photos/${ctx.member.id}`)).toBeUndefined()
    })
  })
})
