// Reads a team2box site directory (Stack Exchange data preprocessed by the team2box project, MIT; the text
// is CC BY-SA, see the site's attribution). Record_All.json holds the questions, their askers and their
// answers; Q_title.txt, Q_content.txt and Q_tags.txt hold the text; A_score.txt the answers' scores.
import fs from 'node:fs'
import path from 'node:path'

export interface SiteAnswer {
  id: string
  num: number
  authorId: string
  accepted: boolean
  score: number
}

export interface SiteQuestion {
  id: string
  num: number
  askerId: string
  title: string
  body: string
  tags: string[]
  acceptedAnswererId: string | null
  answers: SiteAnswer[]
}

export interface Site {
  name: string
  /** Ordered by id, which grows with time. */
  questions: SiteQuestion[]
}

/** "<id> <text>" lines as a map from id to text. */
export function parseIdLines(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s?(.*)$/.exec(line.trimEnd())
    if (m) out.set(m[1]!, m[2]!)
  }
  return out
}

interface RecordLine {
  QuestionId: string
  QuestionOwnerId: string
  AcceptedAnswerId: string
  AcceptedAnswererId: string
  AnswererAnswerTuples: [string, string][]
  Tags: string[]
}

/** Builds a site from the files' contents (so tests can build variants without touching the files). */
export function parseSite(
  name: string,
  files: { records: string; titles: string; contents: string; tags?: string; scores?: string },
): Site {
  const titles = parseIdLines(files.titles)
  const contents = parseIdLines(files.contents)
  const tagLines = files.tags ? parseIdLines(files.tags) : new Map<string, string>()
  const scores = files.scores ? parseIdLines(files.scores) : new Map<string, string>()
  const questions: SiteQuestion[] = []
  for (const line of files.records.split('\n')) {
    if (!line.trim()) continue
    const r = JSON.parse(line) as RecordLine
    const tags = tagLines.get(r.QuestionId)?.split(/\s+/).filter(Boolean) ?? r.Tags
    questions.push({
      id: r.QuestionId,
      num: Number(r.QuestionId),
      askerId: r.QuestionOwnerId,
      title: titles.get(r.QuestionId) ?? '',
      body: contents.get(r.QuestionId) ?? '',
      tags,
      acceptedAnswererId: r.AcceptedAnswererId || null,
      answers: r.AnswererAnswerTuples.map(([user, answer]) => ({
        id: answer,
        num: Number(answer),
        authorId: user,
        accepted: answer === r.AcceptedAnswerId,
        score: Number(scores.get(answer) ?? 0) || 0,
      })),
    })
  }
  questions.sort((a, b) => a.num - b.num)
  return { name, questions }
}

/** Reads a site directory. */
export function loadSite(dir: string): Site {
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : undefined)
  const records = read('Record_All.json')
  if (records === undefined) throw new Error(`${dir}: no Record_All.json (not a team2box site directory)`)
  return parseSite(path.basename(path.resolve(dir)), {
    records,
    titles: read('Q_title.txt') ?? '',
    contents: read('Q_content.txt') ?? '',
    tags: read('Q_tags.txt'),
    scores: read('A_score.txt'),
  })
}
