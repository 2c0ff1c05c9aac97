import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, twoPgNodes, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, loggedInPerson, updatePersonRow } from '../../../test/helpers/factories.js'

interface ThreadPost {
  id: number
  title: string
  body: string
  author: { name: string } | null
  answerCount: number
  thanksCount: number
  acceptedAnswerId: number | null
  deleted: boolean
  canEdit: boolean
  canAccept: boolean
  score: number
}
interface ThreadView {
  post: ThreadPost
  answers: ThreadPost[]
  comments: ThreadPost[]
  mine: { thanks: number[]; learned: number[]; votes: { postId: number; value: number }[] }
}

// Threads are cached in memory as JSON for readers with no rights in them (thread-cache.ts). Every write that
// changes what a thread shows, or who may read it, must show at once; rights stay each viewer's own.
describe.each(DIALECTS)('%s: cached threads follow every write', (dialect) => {
  let t: TestApp
  let ana: Client
  let raj: Client
  let out: Client
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj@example.com' })
    out = await loggedInPerson(t.app, { name: 'Out', email: 'out@example.com' })
    expect((await ana.post('/api/communities', { name: 'Ops', purpose: 'Operations', visibility: 'open' })).statusCode).toBe(201)
    expect((await ana.post('/api/communities', { name: 'Inner', purpose: 'Closed', visibility: 'closed' })).statusCode).toBe(201)
  })
  afterAll(async () => t.close())

  const thread = async (who: Client, id: number) => {
    const res = await who.get(`/api/posts/${id}`)
    expect(res.statusCode).toBe(200)
    return res.json<ThreadView>()
  }

  it('shows an answer, an edit, thanks, a rename, an accept and a deletion at once', async () => {
    const q = (await ana.post('/api/communities/ops/posts', { kind: 'question', title: 'First question', body: 'Why?' })).json<{
      id: number
    }>()
    // Read twice, so the second read comes from the cache.
    await thread(out, q.id)
    expect((await thread(out, q.id)).answers).toEqual([])

    const a = (await raj.post(`/api/posts/${q.id}/answers`, { body: 'Because.' })).json<{ id: number }>()
    expect((await thread(out, q.id)).answers.map((p) => p.body)).toEqual(['Because.'])
    expect((await thread(out, q.id)).post.answerCount).toBe(1)
    // The answer's own id leads to the same thread, cached under that id.
    expect((await thread(out, a.id)).post.id).toBe(q.id)

    expect((await raj.patch(`/api/posts/${a.id}`, { body: 'Because it is.' })).statusCode).toBe(200)
    expect((await thread(out, q.id)).answers[0]?.body).toBe('Because it is.')
    expect((await thread(out, a.id)).answers[0]?.body).toBe('Because it is.')

    expect((await out.post(`/api/posts/${a.id}/thanks`, { kind: 'thanks' })).statusCode).toBe(201)
    expect((await thread(out, q.id)).answers[0]?.thanksCount).toBe(1)

    await updatePersonRow(t.app, raj.id, { name: 'Raj Renamed' })
    expect((await thread(out, q.id)).answers[0]?.author?.name).toBe('Raj Renamed')

    expect((await ana.post(`/api/posts/${q.id}/accept`, { answerId: a.id })).statusCode).toBe(200)
    expect((await thread(out, q.id)).post.acceptedAnswerId).toBe(a.id)

    const c = (await out.post(`/api/posts/${q.id}/comments`, { body: 'Thanks both.' })).json<{ id: number }>()
    expect((await thread(raj, q.id)).comments.map((p) => p.body)).toEqual(['Thanks both.'])
    expect((await raj.delete(`/api/posts/${a.id}`)).statusCode).toBe(200)
    expect((await thread(out, q.id)).answers).toEqual([])
    expect((await out.get(`/api/posts/${a.id}`)).statusCode).toBe(404)
    expect((await out.delete(`/api/posts/${c.id}`)).statusCode).toBe(200)
    expect((await thread(raj, q.id)).comments).toEqual([])
  })

  it('shows a vote at once: the score to everyone, the vote to its voter only', async () => {
    const q = (await ana.post('/api/communities/ops/posts', { kind: 'question', title: 'Vote question', body: 'Which?' })).json<{
      id: number
    }>()
    const a = (await raj.post(`/api/posts/${q.id}/answers`, { body: 'This one.' })).json<{ id: number }>()
    const stranger = await loggedInPerson(t.app)
    await thread(out, q.id)
    expect((await thread(stranger, q.id)).answers[0]?.score).toBe(0)

    expect((await out.post(`/api/posts/${a.id}/vote`, { value: 1 })).statusCode).toBe(200)
    for (let i = 0; i < 2; i++) {
      const voter = await thread(out, q.id)
      expect([voter.answers[0]?.score, voter.mine.votes]).toEqual([1, [{ postId: a.id, value: 1 }]])
      // Read through the answer's id too: the same thread, cached under that id.
      expect((await thread(out, a.id)).mine.votes).toEqual([{ postId: a.id, value: 1 }])
      const other = await thread(stranger, q.id)
      expect([other.answers[0]?.score, other.mine.votes]).toEqual([1, []])
    }
    expect((await out.post(`/api/posts/${q.id}/vote`, { value: -1 })).statusCode).toBe(200)
    expect((await thread(out, q.id)).post.score).toBe(-1)
    expect((await thread(out, q.id)).mine.votes).toEqual([
      { postId: q.id, value: -1 },
      { postId: a.id, value: 1 },
    ])
    expect((await out.post(`/api/posts/${a.id}/vote`, { value: 0 })).statusCode).toBe(200)
    const after = await thread(out, q.id)
    expect([after.answers[0]?.score, after.mine.votes]).toEqual([0, [{ postId: q.id, value: -1 }]])
    // A viewer with rights (the asker, a steward) gets their own part too, and nobody else's.
    expect((await thread(ana, q.id)).mine).toEqual({ thanks: [], learned: [], votes: [] })
    expect((await raj.post(`/api/posts/${q.id}/vote`, { value: 1 })).statusCode).toBe(200)
    const answerer = await thread(raj, q.id)
    expect([answerer.post.score, answerer.mine.votes, answerer.answers[0]?.canEdit]).toEqual([0, [{ postId: q.id, value: 1 }], true])
  })

  it('gives each viewer their own thanks and "I learned" with the shared thread', async () => {
    const q = (await ana.post('/api/communities/ops/posts', { kind: 'question', title: 'Thanks question', body: 'How?' })).json<{
      id: number
    }>()
    const a = (await raj.post(`/api/posts/${q.id}/answers`, { body: 'Like so.' })).json<{ id: number }>()
    const stranger = await loggedInPerson(t.app)
    await thread(out, q.id)
    expect((await out.post(`/api/posts/${a.id}/thanks`, { kind: 'learned' })).statusCode).toBe(201)
    expect((await stranger.post(`/api/posts/${q.id}/thanks`, { kind: 'thanks' })).statusCode).toBe(201)
    for (let i = 0; i < 2; i++) {
      expect((await thread(out, q.id)).mine).toEqual({ thanks: [], learned: [a.id], votes: [] })
      expect((await thread(stranger, a.id)).mine).toEqual({ thanks: [q.id], learned: [], votes: [] })
      expect((await thread(admin, q.id)).mine).toEqual({ thanks: [], learned: [], votes: [] })
    }
  })

  it('keeps each viewer’s rights: authors, stewards and admins see theirs, others none', async () => {
    const q = (await raj.post('/api/communities/ops/posts', { kind: 'question', title: 'Rights question', body: 'Who?' })).json<{
      id: number
    }>()
    const a = (await out.post(`/api/posts/${q.id}/answers`, { body: 'Me.' })).json<{ id: number }>()
    for (let i = 0; i < 2; i++) {
      const stranger = await thread(await loggedInPerson(t.app), q.id)
      expect([stranger.post.canEdit, stranger.post.canAccept, stranger.answers[0]?.canEdit]).toEqual([false, false, false])
      const asker = await thread(raj, q.id)
      expect([asker.post.canEdit, asker.post.canAccept, asker.answers[0]?.canEdit]).toEqual([true, true, false])
      const answerer = await thread(out, a.id)
      expect([answerer.post.canEdit, answerer.post.canAccept, answerer.answers[0]?.canEdit]).toEqual([false, false, true])
      // Ana created the community: its steward.
      const steward = await thread(ana, q.id)
      expect([steward.post.canEdit, steward.post.canAccept, steward.answers[0]?.canEdit]).toEqual([true, true, true])
      const byAdmin = await thread(admin, q.id)
      expect([byAdmin.post.canEdit, byAdmin.post.canAccept, byAdmin.answers[0]?.canEdit]).toEqual([true, false, true])
    }
  })

  it('never serves a cached thread of a closed community to someone who may not read it', async () => {
    const story = (await ana.post('/api/communities/inner/posts', { kind: 'story', title: 'Members only', body: 'Shh.' })).json<{
      id: number
    }>()
    // A member fills the cache; the outsider still gets nothing.
    expect((await thread(ana, story.id)).post.title).toBe('Members only')
    expect((await thread(ana, story.id)).post.title).toBe('Members only')
    const refused = await out.get(`/api/posts/${story.id}`)
    expect(refused.statusCode).toBe(404)
    expect(refused.body).not.toContain('Members only')

    // Let in: reads at once. Gone again: refused at once.
    expect((await out.post('/api/communities/inner/join', {})).statusCode).toBeLessThan(300)
    const pending = (await ana.get('/api/communities/inner/requests')).json<{ items: { id: string }[] }>().items
    expect((await ana.post(`/api/communities/inner/requests/${pending[0]?.id}/approve`, {})).statusCode).toBe(200)
    expect((await thread(out, story.id)).post.title).toBe('Members only')
    expect((await thread(out, story.id)).post.title).toBe('Members only')
    expect((await out.post('/api/communities/inner/leave', {})).statusCode).toBe(200)
    const after = await out.get(`/api/posts/${story.id}`)
    expect(after.statusCode).toBe(404)
    expect(after.body).not.toContain('Members only')
  })
})

describe('postgres: a thread cached on one node follows writes made on another', () => {
  const nodes = twoPgNodes()

  it('shows an answer, an edit, an accept, votes and a deletion made through the other node', async () => {
    const { t, second } = nodes
    const ana = await buildPerson(t.app, { name: 'Ana' })
    const raj = await buildPerson(t.app, { name: 'Raj' })
    const anaFirst = await sessionClient(t.app, ana)
    const anaSecond = await sessionClient(second, ana)
    const rajSecond = await sessionClient(second, raj)
    expect((await anaFirst.post('/api/communities', { name: 'Ops', purpose: 'Operations', visibility: 'open' })).statusCode).toBe(201)
    const q = (await anaFirst.post('/api/communities/ops/posts', { kind: 'question', title: 'Across nodes', body: 'Hm?' })).json<{
      id: number
    }>()
    // Raj reads on the first node (no rights in the question: the shared JSON).
    const rajFirst = await sessionClient(t.app, raj)
    const view = async () => (await rajFirst.get(`/api/posts/${q.id}`)).json<ThreadView>()
    expect((await view()).answers).toEqual([])
    expect((await view()).answers).toEqual([])
    // The cache TTL (60 s) is far longer than these waits: only the notifications can make them pass.
    const wait = { timeout: 3000, interval: 20 }
    const a = (await rajSecond.post(`/api/posts/${q.id}/answers`, { body: 'Yes.' })).json<{ id: number }>()
    await vi.waitFor(async () => expect((await view()).answers.map((p) => p.body)).toEqual(['Yes.']), wait)
    expect((await anaSecond.patch(`/api/posts/${q.id}`, { title: 'Across nodes, edited' })).statusCode).toBe(200)
    await vi.waitFor(async () => expect((await view()).post.title).toBe('Across nodes, edited'), wait)
    expect((await anaSecond.post(`/api/posts/${q.id}/accept`, { answerId: a.id })).statusCode).toBe(200)
    await vi.waitFor(async () => expect((await view()).post.acceptedAnswerId).toBe(a.id), wait)
    // A vote through the other node: the score, and the voter's own vote on this node.
    expect((await anaSecond.post(`/api/posts/${a.id}/vote`, { value: 1 })).statusCode).toBe(200)
    await vi.waitFor(async () => expect((await view()).answers[0]?.score).toBe(1), wait)
    const anaView = async () => (await anaFirst.get(`/api/posts/${q.id}`)).json<ThreadView>()
    expect((await anaView()).mine.votes).toEqual([{ postId: a.id, value: 1 }])
    expect((await view()).mine.votes).toEqual([])
    expect((await rajSecond.post(`/api/posts/${q.id}/vote`, { value: -1 })).statusCode).toBe(200)
    await vi.waitFor(async () => expect((await view()).mine.votes).toEqual([{ postId: q.id, value: -1 }]), wait)
    expect((await view()).post.score).toBe(-1)
    expect((await rajSecond.delete(`/api/posts/${a.id}`)).statusCode).toBe(200)
    await vi.waitFor(async () => expect((await view()).answers).toEqual([]), wait)
  })
})
