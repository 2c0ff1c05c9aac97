// Makes the small Stack Exchange fixture the tests use, from the full Beer dump in ../shared/data:
// `tsx scripts/make-se-slice.ts <unpacked dump dir> <out dir> [maxQuestionId]`
// Keeps questions up to maxQuestionId with their answers, comments, up-votes, users and links.
import fs from 'node:fs'
import path from 'node:path'
import { parseRow } from '../src/server/imports/se-xml.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const [src, out, maxArg] = process.argv.slice(2)
if (!src || !out) throw new Error('usage: tsx scripts/make-se-slice.ts <dump dir> <out dir> [maxQuestionId]')
const maxId = Number(maxArg ?? 120)
const rows = (file: string) => fs.readFileSync(path.join(src, file), 'utf8').split('\n')
const keep = (file: string, root: string, test: (r: Record<string, string>) => boolean) => {
  const lines = rows(file).filter((l) => {
    const r = parseRow(l)
    return r ? test(r) : false
  })
  fs.writeFileSync(path.join(out, file), `<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n${lines.join('\n')}\n</${root}>\n`)
  return lines.length
}
fs.mkdirSync(out, { recursive: true })
const posts = new Set<string>()
const users = new Set<string>()
for (const l of rows('Posts.xml')) {
  const r = parseRow(l)
  if (!r?.Id) continue
  const questionId = r.PostTypeId === '1' ? Number(r.Id) : Number(r.ParentId)
  if ((r.PostTypeId === '1' || r.PostTypeId === '2') && questionId <= maxId) {
    posts.add(r.Id)
    if (r.OwnerUserId) users.add(r.OwnerUserId)
  }
}
for (const l of rows('Comments.xml')) {
  const r = parseRow(l)
  if (r?.PostId && posts.has(r.PostId) && r.UserId) users.add(r.UserId)
}
console.log(
  'posts',
  keep('Posts.xml', 'posts', (r) => posts.has(r.Id ?? '')),
)
console.log(
  'comments',
  keep('Comments.xml', 'comments', (r) => posts.has(r.PostId ?? '')),
)
console.log(
  'votes',
  keep('Votes.xml', 'votes', (r) => posts.has(r.PostId ?? '') && (r.VoteTypeId === '2' || r.VoteTypeId === '1')),
)
console.log(
  'links',
  keep('PostLinks.xml', 'postlinks', (r) => posts.has(r.PostId ?? '') && posts.has(r.RelatedPostId ?? '')),
)
console.log(
  'users',
  keep('Users.xml', 'users', (r) => users.has(r.Id ?? '')),
)
