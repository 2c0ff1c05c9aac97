// `npx tsx scripts/routing/slice-site.ts SITE_DIR OUT_DIR FIRST COUNT [MAX_CHARS]`: copies COUNT questions
// of a team2box site, from the FIRST-th by id, with their answers' scores, into OUT_DIR (the test fixture
// under test/fixtures/expert-finding/ was made this way). Question bodies are cut to MAX_CHARS characters.
import fs from 'node:fs'
import path from 'node:path'
import { parseIdLines } from './team2box.js'
import { exitWithUsageOnHelp } from '../usage.js'

exitWithUsageOnHelp(import.meta.url)

const [src, out, first, count, maxChars] = process.argv.slice(2)
if (!src || !out || !first || !count) {
  console.error('usage: slice-site.ts SITE_DIR OUT_DIR FIRST COUNT [MAX_CHARS]')
  process.exit(2)
}
const read = (f: string) => fs.readFileSync(path.join(src, f), 'utf8')
const records = read('Record_All.json')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => ({ line: l, r: JSON.parse(l) as { QuestionId: string; AnswererAnswerTuples: [string, string][] } }))
  .sort((a, b) => Number(a.r.QuestionId) - Number(b.r.QuestionId))
  .slice(Number(first), Number(first) + Number(count))
const ids = new Set(records.map((x) => x.r.QuestionId))
const answers = new Set(records.flatMap((x) => x.r.AnswererAnswerTuples.map(([, a]) => a)))
const limit = Number(maxChars ?? Infinity)
const pick = (file: string, keep: Set<string>, cut = Infinity) =>
  [...parseIdLines(read(file))]
    .filter(([id]) => keep.has(id))
    .map(([id, text]) => `${id} ${text.slice(0, cut).trim()}`)
    .join('\n') + '\n'

fs.mkdirSync(out, { recursive: true })
fs.writeFileSync(path.join(out, 'Record_All.json'), records.map((x) => x.line).join('\n') + '\n')
fs.writeFileSync(path.join(out, 'Q_title.txt'), pick('Q_title.txt', ids))
fs.writeFileSync(path.join(out, 'Q_content.txt'), pick('Q_content.txt', ids, limit))
fs.writeFileSync(path.join(out, 'Q_tags.txt'), pick('Q_tags.txt', ids))
fs.writeFileSync(path.join(out, 'A_score.txt'), pick('A_score.txt', answers))
console.log(`${records.length} questions, ${answers.size} answers → ${out}`)
