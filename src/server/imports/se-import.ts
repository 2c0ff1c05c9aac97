import fs from 'node:fs'
import path from 'node:path'
import { memberIds } from '../communities/lookup.js'
import { joinFromImport } from '../communities/service.js'
import { importedInteractionRefs } from '../insights/lookup.js'
import { recordInteractions, type InteractionInput } from '../insights/service.js'
import { importedPostIds } from '../knowledge/lookup.js'
import { acceptImportedAnswers, importPosts, linkImportedPosts, type ImportedPost } from '../knowledge/service.js'
import { resolveImportedPeople } from '../people/service.js'
import type { Db } from '../platform/db/dialect.js'
import { nowIso } from '../platform/time.js'
import { htmlToMarkdown } from './html-to-markdown.js'
import { readRows, seDate, seTags } from './se-xml.js'

export interface SeImportReport {
  site: string
  questions: number
  answers: number
  accepted: number
  comments: number
  duplicates: number
  related: number
  votes: number
  peopleMatched: number
  placeholders: number
  created: { posts: number; interactions: number }
  skipped: { posts: number; reason: string }[]
  seconds: number
}

export interface SeImportOptions {
  dir: string
  site: string
  communityId: string
  progress?: (done: number, total: number, label: string) => Promise<void>
}

const BATCH = 250
/** The `source` of every post and interaction the import writes. */
const SOURCE = 'stackexchange'

interface RawPost {
  id: string
  type: '1' | '2'
  parent?: string
  accepted?: string
  owner?: string
  title: string
  body: string
  tags: string[]
  score: number
  created: string
  lastActivity: string
}

function file(dir: string, name: string): string | undefined {
  const found = fs.readdirSync(dir).find((f) => f.toLowerCase() === name.toLowerCase())
  return found ? path.join(dir, found) : undefined
}

/**
 * Imports a Stack Exchange (or Stack Overflow for Teams) dump directory into a community: questions,
 * answers, accepted answers, comments, tags, dates and duplicate links. People are matched by email where
 * the export has it, otherwise created as placeholders that a real account can claim. Answers, acceptances,
 * comments and up-votes go into the interaction log with source `stackexchange`. Re-running changes nothing:
 * every row carries its original id (`source_ref`) and existing ones are skipped.
 */
export async function importStackExchange(db: Db, opts: SeImportOptions): Promise<SeImportReport> {
  const started = Date.now()
  const progress = opts.progress ?? (async () => undefined)
  const postsFile = file(opts.dir, 'Posts.xml')
  if (!postsFile) throw new Error('Posts.xml is missing: upload the dump (.7z) or at least Posts.xml')
  const site = opts.site

  await progress(0, 6, 'Reading posts')
  const raw: RawPost[] = []
  for await (const r of readRows(postsFile)) {
    if (r.PostTypeId !== '1' && r.PostTypeId !== '2') continue
    if (!r.Id) continue
    raw.push({
      id: r.Id,
      type: r.PostTypeId,
      parent: r.ParentId,
      accepted: r.AcceptedAnswerId,
      owner: r.OwnerUserId,
      title: r.Title ?? '',
      body: r.Body ?? '',
      tags: seTags(r.Tags),
      score: Number.parseInt(r.Score ?? '0', 10) || 0,
      created: seDate(r.CreationDate),
      lastActivity: seDate(r.LastActivityDate ?? r.CreationDate),
    })
  }
  // Scores come from the votes themselves where the dump has them (UpMod 2 counts +1, DownMod 3 counts -1);
  // Posts.xml's Score is the fallback for exports without Votes.xml.
  const voted = await readVoteScores(file(opts.dir, 'Votes.xml'))
  if (voted) for (const p of raw) p.score = voted.get(p.id) ?? 0
  const questions = new Map(raw.filter((p) => p.type === '1').map((p) => [p.id, p]))
  const answers = raw.filter((p) => p.type === '2' && p.parent && questions.has(p.parent))
  const skipped = raw
    .filter((p) => p.type === '2' && (!p.parent || !questions.has(p.parent)))
    .map((p) => ({ posts: Number(p.id), reason: 'answer to a missing question' }))

  await progress(1, 6, 'Reading comments and users')
  const comments: { id: string; post: string; user?: string; text: string; created: string }[] = []
  const commentsFile = file(opts.dir, 'Comments.xml')
  const postIds = new Set(raw.map((p) => p.id))
  if (commentsFile) {
    for await (const r of readRows(commentsFile)) {
      if (r.Id && r.PostId && postIds.has(r.PostId) && r.Text)
        comments.push({ id: r.Id, post: r.PostId, user: r.UserId, text: r.Text, created: seDate(r.CreationDate) })
    }
  }
  const referenced = new Set(
    [...raw.map((p) => p.owner), ...comments.map((c) => c.user)].filter((u): u is string => Boolean(u) && u !== '-1'),
  )
  const users = new Map<string, { name: string; email?: string }>()
  const usersFile = file(opts.dir, 'Users.xml')
  if (usersFile) {
    for await (const r of readRows(usersFile)) {
      if (r.Id && referenced.has(r.Id))
        users.set(r.Id, { name: r.DisplayName ?? `User ${r.Id}`, email: r.Email || r.EmailAddress || undefined })
    }
  }

  await progress(2, 6, 'Matching people')
  const people = new Map<string, string>()
  const firstSeen = new Map<string, string>()
  for (const p of [...raw, ...comments.map((c) => ({ owner: c.user, created: c.created }))]) {
    if (p.owner && (!firstSeen.has(p.owner) || (firstSeen.get(p.owner) as string) > p.created)) firstSeen.set(p.owner, p.created)
  }
  let matched = 0
  let placeholders = 0
  await db.transaction().execute(async (tx) => {
    // People not matched by email become placeholders (README), which a real account can claim by the key.
    const claimKey = (seId: string) => `stackexchange:${site}:${seId}`
    const resolved = await resolveImportedPeople(
      tx,
      [...referenced].map((seId) => {
        const user = users.get(seId) ?? { name: `User ${seId}` }
        return {
          claimKey: claimKey(seId),
          email: user.email,
          name: user.name,
          placeholderEmail: `se-${seId}@${site}.imported.invalid`,
          placeholderTitle: `Imported from ${site}`,
        }
      }),
    )
    for (const seId of referenced) {
      const found = resolved.get(claimKey(seId))
      if (!found) continue
      people.set(seId, found.personId)
      if (found.how === 'email') matched++
      if (found.how === 'created') placeholders++
    }
    const members = new Set(await memberIds(tx, opts.communityId))
    for (const [seId, personId] of people) {
      if (!members.has(personId)) {
        await joinFromImport(tx, opts.communityId, personId, firstSeen.get(seId) ?? nowIso())
        members.add(personId)
      }
    }
  })

  await progress(3, 6, 'Importing questions and answers')
  const existing = await importedPostIds(db, SOURCE, `${site}:`)
  const url = (kind: 'q' | 'a', id: string) => `https://${site}/${kind}/${id}`
  const toImported = (p: RawPost): ImportedPost => ({
    ref: `${site}:${p.id}`,
    kind: p.type === '1' ? 'question' : 'answer',
    parentRef: p.type === '2' ? `${site}:${p.parent}` : null,
    authorId: p.owner ? (people.get(p.owner) ?? null) : null,
    title: p.title,
    body: htmlToMarkdown(p.body),
    tags: p.tags,
    score: p.score,
    created: p.created,
    lastActivity: p.lastActivity,
    url: url(p.type === '1' ? 'q' : 'a', p.id),
  })
  const newQuestions = [...questions.values()].filter((q) => !existing.has(`${site}:${q.id}`))
  const newAnswers = answers.filter((a) => !existing.has(`${site}:${a.id}`))
  const target = { communityId: opts.communityId, source: SOURCE }
  let createdPosts = 0
  for (let i = 0; i < newQuestions.length; i += BATCH) {
    createdPosts += await importPosts(db, target, newQuestions.slice(i, i + BATCH).map(toImported), existing)
  }
  for (let i = 0; i < newAnswers.length; i += BATCH) {
    createdPosts += await importPosts(db, target, newAnswers.slice(i, i + BATCH).map(toImported), existing)
  }
  const newComments = comments.filter((c) => !existing.has(`${site}:c${c.id}`))
  for (let i = 0; i < newComments.length; i += BATCH) {
    createdPosts += await importPosts(
      db,
      target,
      newComments.slice(i, i + BATCH).map((c) => ({
        ref: `${site}:c${c.id}`,
        kind: 'comment',
        parentRef: `${site}:${c.post}`,
        authorId: c.user ? (people.get(c.user) ?? null) : null,
        title: '',
        body: c.text,
        tags: [],
        score: 0,
        created: c.created,
        lastActivity: c.created,
        url: `https://${site}/posts/comments/${c.id}`,
      })),
      existing,
    )
  }

  await progress(4, 6, 'Linking accepted answers and duplicates')
  const links = await linkImported(db, opts, raw, existing)

  await progress(5, 6, 'Writing the interaction log')
  const interactions = await logInteractions(db, opts, { questions, answers, comments, people })
  await progress(6, 6, 'Done')

  const accepted = [...questions.values()].filter((q) => q.accepted && answers.some((a) => a.id === q.accepted)).length
  return {
    site,
    questions: questions.size,
    answers: answers.length,
    accepted,
    comments: comments.length,
    duplicates: links.duplicates,
    related: links.related,
    votes: interactions.votes,
    peopleMatched: matched,
    placeholders,
    created: { posts: createdPosts, interactions: interactions.created },
    skipped,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }
}

/** Net votes per post id from Votes.xml (up-votes minus down-votes), or undefined without the file. */
async function readVoteScores(votesFile: string | undefined): Promise<Map<string, number> | undefined> {
  if (!votesFile) return undefined
  const scores = new Map<string, number>()
  for await (const v of readRows(votesFile)) {
    if (!v.PostId || (v.VoteTypeId !== '2' && v.VoteTypeId !== '3')) continue
    scores.set(v.PostId, (scores.get(v.PostId) ?? 0) + (v.VoteTypeId === '2' ? 1 : -1))
  }
  return scores
}

async function linkImported(
  db: Db,
  opts: SeImportOptions,
  raw: RawPost[],
  ids: Map<string, number>,
): Promise<{ duplicates: number; related: number }> {
  const site = opts.site
  const accepted: { questionId: number; answerId: number }[] = []
  for (const q of raw) {
    if (q.type !== '1' || !q.accepted) continue
    const questionId = ids.get(`${site}:${q.id}`)
    const answerId = ids.get(`${site}:${q.accepted}`)
    if (questionId && answerId) accepted.push({ questionId, answerId })
  }
  await acceptImportedAnswers(db, accepted)
  let duplicates = 0
  let related = 0
  const linksFile = file(opts.dir, 'PostLinks.xml')
  if (!linksFile) return { duplicates, related }
  const rows: { post_id: number; target_id: number; kind: 'duplicate' | 'related'; created_at: string }[] = []
  for await (const r of readRows(linksFile)) {
    const from = ids.get(`${site}:${r.PostId}`)
    const to = ids.get(`${site}:${r.RelatedPostId}`)
    if (!from || !to || (r.LinkTypeId !== '3' && r.LinkTypeId !== '1')) continue
    const kind = r.LinkTypeId === '3' ? 'duplicate' : 'related'
    if (kind === 'duplicate') duplicates++
    else related++
    rows.push({ post_id: from, target_id: to, kind, created_at: seDate(r.CreationDate) })
  }
  await linkImportedPosts(db, rows)
  return { duplicates, related }
}

async function logInteractions(
  db: Db,
  opts: SeImportOptions,
  data: {
    questions: Map<string, RawPost>
    answers: RawPost[]
    comments: { id: string; post: string; user?: string; created: string }[]
    people: Map<string, string>
  },
): Promise<{ created: number; votes: number }> {
  const site = opts.site
  const have = await importedInteractionRefs(db, SOURCE, `${site}:`)
  const person = (se: string | undefined) => (se ? data.people.get(se) : undefined)
  const owners = new Map<string, RawPost>([...data.questions.values(), ...data.answers].map((p) => [p.id, p]))
  const out: InteractionInput[] = []
  // Self-interactions (answering one's own question) are not help between people; the log leaves them out.
  const add = (i: InteractionInput & { ref: string }) => {
    if (!have.has(i.ref) && i.actorId !== i.targetId) out.push(i)
  }
  const base = { communityId: opts.communityId, source: SOURCE }
  for (const a of data.answers) {
    const q = data.questions.get(a.parent as string)
    const actor = person(a.owner)
    const target = person(q?.owner)
    if (!q || !actor || !target) continue
    add({
      ...base,
      actorId: actor,
      targetId: target,
      kind: 'answer',
      topics: q.tags,
      weight: 1,
      at: a.created,
      ref: `${site}:answer:${a.id}`,
    })
    if (q.accepted === a.id)
      add({
        ...base,
        actorId: target,
        targetId: actor,
        kind: 'accept',
        topics: q.tags,
        weight: 2,
        at: a.lastActivity,
        ref: `${site}:accept:${q.id}`,
      })
  }
  for (const c of data.comments) {
    const parent = owners.get(c.post)
    const actor = person(c.user)
    const target = person(parent?.owner)
    if (!parent || !actor || !target) continue
    const q = parent.type === '1' ? parent : data.questions.get(parent.parent as string)
    add({
      ...base,
      actorId: actor,
      targetId: target,
      kind: 'comment',
      topics: q?.tags ?? [],
      weight: 0.3,
      at: c.created,
      ref: `${site}:comment:${c.id}`,
    })
  }
  let votes = 0
  const votesFile = file(opts.dir, 'Votes.xml')
  if (votesFile) {
    for await (const v of readRows(votesFile)) {
      if (v.VoteTypeId !== '2' || !v.PostId) continue
      const post = owners.get(v.PostId)
      const target = person(post?.owner)
      if (!post || !target) continue
      votes++
      const q = post.type === '1' ? post : data.questions.get(post.parent as string)
      // Public dumps do not say who voted: the voter is recorded as the site's anonymous crowd.
      add({
        ...base,
        actorId: person(v.UserId) ?? `stackexchange:${site}:voter`,
        targetId: target,
        kind: 'vote',
        topics: q?.tags ?? [],
        weight: 0.5,
        at: seDate(v.CreationDate),
        ref: `${site}:vote:${v.Id}`,
      })
    }
  }
  for (let i = 0; i < out.length; i += 1000) {
    await db.transaction().execute((tx) => recordInteractions(tx, out.slice(i, i + 1000)))
  }
  return { created: out.length, votes }
}
