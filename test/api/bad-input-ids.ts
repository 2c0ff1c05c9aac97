import type { InjectOptions } from 'fastify'
import type { BadCase, BadCtx } from './bad-input-cases.js'

// Numeric ids out of range, in params, query strings and bodies: each is a 400 (or a 404 for a well-formed id
// that names nothing), never a 500. PostgreSQL refused them as bigints ('1e+25', 'Infinity'), a 500 there.

const V = 'validation_failed'
/** The largest integer a JSON number holds exactly, and one past it. */
const MAX_SAFE = String(Number.MAX_SAFE_INTEGER)
const PAST_SAFE = '9007199254740992'
const OUT_OF_RANGE = ['9999999999999999999999999', 'Infinity', '-Infinity', '1e309', '1e25', PAST_SAFE, 'NaN', '-1']

const request = (method: InjectOptions['method'], url: string, payload?: unknown): InjectOptions => ({
  method,
  url,
  ...(payload !== undefined && { payload: payload as InjectOptions['payload'] }),
})

/** Every route that takes a post id in its path, with a body that would otherwise be accepted. */
const POST_ID_ROUTES: [InjectOptions['method'], string, unknown][] = [
  ['GET', '', undefined],
  ['PATCH', '', { title: 'A better title' }],
  ['DELETE', '', undefined],
  ['GET', '/revisions', undefined],
  ['POST', '/answers', { body: 'an answer' }],
  ['POST', '/comments', { body: 'a comment' }],
  ['POST', '/accept', { answerId: null }],
  ['POST', '/thanks', { kind: 'thanks' }],
  ['POST', '/adoptions', {}],
]

const inPath: BadCase[] = OUT_OF_RANGE.flatMap((id) =>
  POST_ID_ROUTES.map(([method, suffix, body]) => ({
    name: `${method} /api/posts/${id}${suffix}`,
    as: 'member' as const,
    status: 400,
    code: V,
    request: () => request(method, `/api/posts/${id}${suffix}`, body),
  })),
)

/** Bodies whose id fields are JSON numbers out of range. JSON text, since JSON.stringify cannot write 1e309. */
const inBodies: BadCase[] = ['1e308', '1e309', '-1e309', '99999999999999999999999', PAST_SAFE].flatMap((n) => [
  {
    name: `accepting answer ${n}`,
    as: 'member' as const,
    status: 400,
    code: V,
    request: (c: BadCtx) => ({
      ...request('POST', `/api/posts/${c.postId}/accept`),
      payload: `{"answerId":${n}}`,
      headers: { 'content-type': 'application/json' },
    }),
  },
  {
    name: `resolving a question with post ${n}`,
    as: 'member' as const,
    status: 400,
    code: V,
    request: () => ({
      ...request('POST', '/api/asks/resolve'),
      payload: `{"query":"how do I","postId":${n}}`,
      headers: { 'content-type': 'application/json' },
    }),
  },
])

export const ID_CASES: BadCase[] = [
  ...inPath,
  ...inBodies,
  {
    name: 'the largest exact post id, which names nothing',
    as: 'member',
    status: 404,
    code: 'post_not_found',
    request: () => request('GET', `/api/posts/${MAX_SAFE}`),
  },
  {
    name: 'accepting the largest exact answer id, which names nothing',
    as: 'member',
    status: 400,
    code: 'not_an_answer',
    request: (c) => request('POST', `/api/posts/${c.postId}/accept`, { answerId: Number.MAX_SAFE_INTEGER }),
  },
  ...['1e25', '9999999999999999999999999', PAST_SAFE, 'Infinity', '-5', '1.5'].map((id): BadCase => ({
    name: `a feed cursor naming post ${id}`,
    as: 'member',
    status: 400,
    code: 'bad_cursor',
    request: (c) => request('GET', `/api/communities/${c.slug}/feed?cursor=${encodeURIComponent(`2024-01-01T00:00:00.000Z|${id}`)}`),
  })),
  {
    name: 'a path parameter longer than the router takes',
    as: 'member',
    status: 414,
    code: 'param_too_long',
    request: () => request('GET', `/api/people/${'a'.repeat(150)}`),
  },
]
