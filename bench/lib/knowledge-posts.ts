/**
 * The post history of bench/knowledge.ts: threads laid out in typed arrays (who, where, when, replying to
 * what), then written in time order with raw prepared statements. Counters the app keeps (answer and comment
 * counts, accepted answers, last activity) are computed up front so every row is written once, final.
 */
import type SqliteDatabase from 'better-sqlite3'
import { buildPostRow } from '../../src/server/knowledge/post-row.js'
import { AREAS, rngFrom, type CommunityVocabulary, type TextGenerator } from './knowledge-text.js'

export interface PostMix {
  posts: number
  /** Share of each kind; stories, practices and lessons share what is left. */
  questions: number
  answers: number
  comments: number
}

export const DEFAULT_MIX: PostMix = { posts: 1_000_000, questions: 0.35, answers: 0.45, comments: 0.1 }

const KIND = ['question', 'answer', 'comment', 'story', 'practice', 'lesson'] as const
const Q = 0
const A = 1
const C = 2
const STORY = 3
const PRACTICE = 4
const LESSON = 5

export interface PostWorld {
  /** Members of each community (person ids), most active first. */
  members: string[][]
  /** Draws a community index in proportion to its activity. */
  pickCommunity: (rnd: () => number) => number
  communityIds: string[]
  vocab: CommunityVocabulary[]
  text: TextGenerator
  startMs: number
  endMs: number
  seed: number
}

export interface WrittenPosts {
  /** Ids of active questions, with their community index. */
  questions: { id: number; community: number }[]
  lastActivity: Float64Array
  postCount: Int32Array
}

const DAY = 86_400_000

/** Lays out `mix.posts` posts and writes them, with their tags, thanks and adoptions. */
export function writePosts(raw: SqliteDatabase.Database, world: PostWorld, mix: PostMix): WrittenPosts {
  const rnd = rngFrom(world.seed + 1)
  const n = mix.posts
  const nq = Math.round(n * mix.questions)
  const na = Math.round(n * mix.answers)
  const nc = Math.round(n * mix.comments)
  const nt = n - na - nc // top-level: questions, stories, practices, lessons
  const kind = new Uint8Array(n)
  const community = new Uint16Array(n)
  const author = new Uint16Array(n)
  const time = new Float64Array(n)
  const parent = new Int32Array(n).fill(-1)
  const root = new Int32Array(n).fill(-1)
  const answers = new Int32Array(n)
  const comments = new Int32Array(n)
  const accepted = new Int32Array(n).fill(-1)
  const lastAct = new Float64Array(n)
  const span = world.endMs - world.startMs
  const pickMember = (c: number) => {
    const m = world.members[c]!
    return Math.floor(Math.pow(rnd(), 2) * m.length)
  }

  for (let g = 0; g < nt; g++) {
    const rest = (nt - nq) / 3
    kind[g] = g < nq ? Q : g < nq + rest ? STORY : g < nq + 2 * rest ? PRACTICE : LESSON
    const c = world.pickCommunity(rnd)
    community[g] = c
    author[g] = pickMember(c)
    time[g] = world.startMs + rnd() * span
    lastAct[g] = time[g]!
  }
  const later = (t: number, meanDays: number) => {
    const at = t + 60_000 + -Math.log(1 - rnd()) * meanDays * DAY
    return at < world.endMs ? at : t + rnd() * (world.endMs - t)
  }
  // About a fifth of questions never get an answer; the rest get one or more, at random.
  const answerable: number[] = []
  for (let g = 0; g < nq; g++) if (rnd() < 0.8) answerable.push(g)
  const seen = new Int32Array(n)
  for (let g = nt; g < nt + na; g++) {
    const q = answerable[Math.floor(rnd() * answerable.length)]!
    kind[g] = A
    community[g] = community[q]!
    author[g] = pickMember(community[q]!)
    parent[g] = q
    root[g] = q
    time[g] = later(time[q]!, 2)
    answers[q]!++
    if (time[g]! > lastAct[q]!) lastAct[q] = time[g]!
    // Reservoir sampling: each answer equally likely to be the one accepted.
    seen[q]!++
    if (rnd() * seen[q]! < 1) accepted[q] = g
  }
  for (let g = nt + na; g < n; g++) {
    const p = rnd() < 0.6 ? Math.floor(rnd() * nt) : nt + Math.floor(rnd() * na)
    const r = root[p]! >= 0 ? root[p]! : p
    kind[g] = C
    community[g] = community[p]!
    author[g] = pickMember(community[p]!)
    parent[g] = p
    root[g] = r
    time[g] = later(time[p]!, 1)
    comments[p]!++
    // As the app does: a comment below an answer makes its thread active; one on the root post does not.
    if (r !== p && time[g]! > lastAct[r]!) lastAct[r] = time[g]!
  }
  for (let g = 0; g < nq; g++) if (accepted[g]! >= 0 && rnd() > 0.45) accepted[g] = -1

  // Ids follow time: sort (second, index) pairs packed in one float (exact below 2^53).
  const keys = new Float64Array(n)
  for (let g = 0; g < n; g++) keys[g] = Math.floor(time[g]! / 1000) * 2 ** 21 + g
  keys.sort()
  const order = new Int32Array(n)
  const idOf = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const g = keys[i]! % 2 ** 21
    order[i] = g
    idOf[g] = i + 1
  }

  // Rows as the app writes them (knowledge/post-row.ts), with the rendering it stores, and the ids chosen here.
  const columns = [
    'id',
    ...Object.keys(buildPostRow({ communityId: '', kind: 'question', authorId: null, body: '', at: '', render: true })),
  ]
  const insert = raw.prepare(`insert into post (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`)
  const insertTag = raw.prepare('insert or ignore into post_tag (post_id, tag) values (?, ?)')
  const iso = (ms: number) => new Date(ms).toISOString()
  const written: WrittenPosts = {
    questions: [],
    lastActivity: new Float64Array(world.communityIds.length),
    postCount: new Int32Array(world.communityIds.length),
  }
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const g = order[i]!
      const id = i + 1
      const k = kind[g]!
      const c = community[g]!
      const v = world.vocab[c]!
      const r = rngFrom(world.seed * 7919 + id)
      const top = k !== A && k !== C
      const tags = top ? pickTags(v, r) : []
      const deleted = top && r() < 0.004
      const words =
        k === C
          ? 12 + Math.floor(r() * 25)
          : k === A
            ? 30 + Math.floor(r() * 120)
            : k === Q
              ? 40 + Math.floor(r() * 100)
              : 90 + Math.floor(r() * 200)
      const fields =
        k === PRACTICE
          ? { context: world.text.sentence(v, r), steps: world.text.body(v, r, 40), evidence: world.text.sentence(v, r) }
          : k === LESSON
            ? {
                whatHappened: world.text.sentence(v, r),
                whatWeLearned: world.text.sentence(v, r),
                whatWeWouldDoDifferently: world.text.sentence(v, r),
              }
            : {}
      const title = top ? world.text.title(v, r, k === Q) : ''
      const body = world.text.body(v, r, words)
      const row = buildPostRow({
        communityId: world.communityIds[c]!,
        kind: KIND[k]!,
        parentId: parent[g]! >= 0 ? idOf[parent[g]!] : null,
        rootId: root[g]! >= 0 ? idOf[root[g]!] : null,
        authorId: world.members[c]![author[g]!]!,
        anonymous: k === LESSON && r() < 0.2,
        title,
        body,
        fields,
        tags,
        acceptedAnswerId: accepted[g]! >= 0 ? idOf[accepted[g]!] : null,
        answerCount: answers[g],
        commentCount: comments[g],
        score: k === A ? Math.floor(Math.pow(r(), 3) * 12) : 0,
        status: deleted ? 'deleted' : 'active',
        at: iso(time[g]!),
        lastActivityAt: iso(top ? lastAct[g]! : time[g]!),
        render: true,
      })
      insert.run({ id, ...row })
      for (const t of tags) insertTag.run(id, t)
      if (k === Q && !deleted) written.questions.push({ id, community: c })
      if (!deleted) written.postCount[c]!++
      if (time[g]! > written.lastActivity[c]!) written.lastActivity[c] = time[g]!
    }
  })
  const step = 20_000
  for (let i = 0; i < n; i += step) {
    batch(i, Math.min(n, i + step))
    if ((i / step) % 10 === 9) process.stdout.write(`  ${(((i + step) / n) * 100).toFixed(0)}% of posts written\n`)
  }
  writeReactions(raw, world, { kind, community, author, parent, time, idOf, n, nt, na })
  return written
}

/** One to three tags: mostly the area's topic words, sometimes the community's own jargon. */
function pickTags(v: CommunityVocabulary, r: () => number): string[] {
  const area = AREAS[v.area]!.words
  const tags = new Set<string>()
  const count = 1 + Math.floor(r() * 3)
  for (let i = 0; i < count; i++) tags.add(r() < 0.7 ? area[Math.floor(r() * area.length)]! : v.jargon[Math.floor(r() * v.jargon.length)]!)
  return [...tags]
}

/** Thanks and "learned from" on answers (from the asker to the answerer), and adoptions of practices. */
function writeReactions(
  raw: SqliteDatabase.Database,
  world: PostWorld,
  p: {
    kind: Uint8Array
    community: Uint16Array
    author: Uint16Array
    parent: Int32Array
    time: Float64Array
    idOf: Int32Array
    n: number
    nt: number
    na: number
  },
): void {
  const rnd = rngFrom(world.seed + 2)
  // A person thanks a post once per kind (migration 0015's unique index, built after the load): a repeat the
  // draw makes is skipped.
  const given = new Set<string>()
  const thanks = raw.prepare(
    'insert into thanks (id, kind, giver_id, receiver_id, post_id, community_id, note, at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const adopt = raw.prepare(
    'insert into adoption (id, post_id, person_id, community_id, note, created_by, at) values (?, ?, ?, ?, ?, ?, ?)',
  )
  const iso = (ms: number) => new Date(Math.min(ms, world.endMs)).toISOString()
  raw.transaction(() => {
    for (let i = 0; i < Math.round(p.na * 0.15); i++) {
      const g = p.nt + Math.floor(rnd() * p.na)
      const q = p.parent[g]!
      const c = p.community[g]!
      const giver = world.members[c]![p.author[q]!]!
      const receiver = world.members[c]![p.author[g]!]!
      if (giver === receiver) continue
      const kind = rnd() < 0.85 ? 'thanks' : 'learned'
      const once = `${g}:${giver}:${kind}`
      if (given.has(once)) continue
      given.add(once)
      thanks.run(
        `t${i}`,
        kind,
        giver,
        receiver,
        p.idOf[g],
        world.communityIds[c],
        kind === 'learned' ? 'This saved me a day.' : '',
        iso(p.time[g]! + 3600_000),
      )
    }
    let a = 0
    for (let g = 0; g < p.nt; g++) {
      if (p.kind[g] !== PRACTICE || rnd() > 0.15) continue
      const c = p.community[g]!
      const m = world.members[c]!
      adopt.run(`a${a++}`, p.idOf[g], m[Math.floor(rnd() * m.length)], null, 'We use it in our team now.', null, iso(p.time[g]! + 5 * DAY))
    }
  })()
}
