import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Holds DESIGN.md's boundary rule for tables: each table belongs to one domain (or to platform), and only that
// domain's files query it. Other domains read through its lookup.ts and write through its service.ts. The
// import side of the rule is held by lint (no-restricted-imports in eslint.config.js).
//
// It reads every TypeScript file under src/server (tests included; migrations are frozen and exempt, and so are
// their tests, migration-NNNN*.test.ts, which write rows as they stood before a migration), finds the
// tables each one names in Kysely calls (selectFrom, insertInto, updateTable, deleteFrom, replaceInto,
// mergeInto, the joins, sql.table) and in raw `sql` text (from, join, into, update), and compares them with
// TABLE_OWNERS. It fails on a table queried by a file of another domain, on a table in the migrations that has
// no owner, and on an owner entry for a table no migration creates.

/** Every table (and FTS5 table or view) a migration creates, with the domain that owns it. */
const TABLE_OWNERS: Readonly<Record<string, string>> = {
  // platform: sessions and sign-on, jobs, audit, rate limits, installation settings
  session: 'platform',
  oidc_state: 'platform',
  job: 'platform',
  audit_log: 'platform',
  rate_limit: 'platform',
  schedule: 'platform',
  setting: 'platform',
  // people: accounts, profiles, roster imports, erasure
  person: 'people',
  token: 'people',
  invitation_send: 'people',
  roster_import: 'people',
  erasure_request: 'people',
  person_search: 'people',
  person_search_key: 'people',
  // communities
  community: 'communities',
  membership: 'communities',
  membership_event: 'communities',
  join_request: 'communities',
  // knowledge: posts and what hangs off them, and their full-text index
  post: 'knowledge',
  post_tag: 'knowledge',
  post_vote: 'knowledge',
  post_flag: 'knowledge',
  search_term: 'knowledge',
  post_revision: 'knowledge',
  post_link: 'knowledge',
  media: 'knowledge',
  thanks: 'knowledge',
  adoption: 'knowledge',
  post_fts: 'knowledge',
  post_search: 'knowledge',
  post_search_src: 'knowledge',
  post_search_defer: 'knowledge',
  post_search_pending: 'knowledge',
  // asks
  availability: 'asks',
  hidden_topic: 'asks',
  question_route: 'asks',
  route_offer: 'asks',
  ask_resolution: 'asks',
  community_routing: 'asks',
  // notifications
  notification: 'notifications',
  notification_pref: 'notifications',
  notification_fanout: 'notifications',
  // insights: the interaction log
  interaction: 'insights',
  discovery_run: 'insights',
  discovered_community: 'insights',
  discovered_snapshot: 'insights',
  discovered_member: 'insights',
  discovered_tie: 'insights',
  discovered_edge: 'insights',
  // imports
  qa_import: 'imports',
  collab_import: 'imports',
  collab_identity: 'imports',
  // connections: programmes, rounds, matches, meetings and the pairs' logs
  programme: 'connections',
  programme_participant: 'connections',
  connection_round: 'connections',
  connection_match: 'connections',
  connection_member: 'connections',
  connection_meeting: 'connections',
  connection_log: 'connections',
  // learning: the catalogue of modules, SCORM packages and their tracking data
  learning_module: 'learning',
  learning_item: 'learning',
  scorm_attempt: 'learning',
  learning_session: 'learning',
  session_enrolment: 'learning',
  lesson_page: 'learning',
  lesson_progress: 'learning',
  simulation: 'learning',
  simulation_situation: 'learning',
  simulation_choice: 'learning',
  simulation_attempt: 'learning',
  simulation_step: 'learning',
  quiz: 'learning',
  quiz_question: 'learning',
  quiz_answer: 'learning',
  review_card: 'learning',
  quiz_challenge: 'learning',
  learning_assignment: 'learning',
  learning_map_node: 'learning',
  learning_map_edge: 'learning',
  learning_map_resource: 'learning',
  learning_map_goal: 'learning',

  learning_search: 'learning',
  learning_search_fts: 'learning',
}

const ROOT = path.resolve(import.meta.dirname)
const MIGRATIONS = path.join(ROOT, 'platform', 'db', 'migrations')
const MIGRATION_TEST = /^migration-\d{4}.*\.test\.ts$/

/** Kysely methods whose first argument names a table (or several, as an array). */
const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
])
/** Where raw SQL names a table. CTE names and aliases match too, but only names of real tables count. */
const RAW_TABLE = /\b(?:from|join|into|update|table)\s+([a-z_][a-z0-9_]*)/gi

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return full === MIGRATIONS ? [] : filesUnder(full)
    return e.name.endsWith('.ts') && !MIGRATION_TEST.test(e.name) ? [full] : []
  })
}

/** The tables the migrations create: createTable('x') and raw create table / virtual table / view. */
function tablesInMigrations(dir = MIGRATIONS): Set<string> {
  const tables = new Set<string>()
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8')
    for (const m of text.matchAll(/createTable\(\s*['"`]([a-z_][a-z0-9_]*)/g)) tables.add(m[1] as string)
    for (const m of text.matchAll(/create\s+(?:virtual\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi))
      tables.add((m[1] as string).toLowerCase())
  }
  return tables
}

/** The domain a file belongs to: its folder under src/server; files at the top (the app's wiring) are 'app'. */
function domainOf(file: string): string {
  const parts = path.relative(ROOT, file).split(path.sep)
  return parts.length > 1 ? (parts[0] as string) : 'app'
}

const literalText = (node: ts.Node): string | undefined =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined

/** Table name of a `'post as p'` argument. */
const tableOf = (text: string) => text.trim().split(/\s+as\s+|\s+/i)[0] as string

/** The tables a source text queries, each with the line that names it. */
function queriedTables(source: string, known: ReadonlySet<string>, fileName = 'x.ts'): { table: string; line: number }[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true)
  const found: { table: string; line: number; at: number }[] = []
  const add = (table: string, node: ts.Node) => {
    const at = node.getStart(sf)
    found.push({ table, line: sf.getLineAndCharacterOfPosition(at).line + 1, at })
  }
  const rawText = (text: string, node: ts.Node) => {
    for (const m of text.matchAll(RAW_TABLE)) {
      const name = (m[1] as string).toLowerCase()
      if (known.has(name)) add(name, node)
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const first = node.arguments[0]
      const isSql = ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'sql'
      if (first && (TABLE_METHODS.has(method) || (isSql && method === 'table'))) {
        const args = ts.isArrayLiteralExpression(first) ? [...first.elements] : [first]
        for (const arg of args) {
          const text = literalText(arg)
          if (text !== undefined) add(tableOf(text), arg)
        }
      }
      if (isSql && method === 'raw' && first) {
        const text = literalText(first) ?? (ts.isTemplateExpression(first) ? templateText(first) : undefined)
        if (text !== undefined) rawText(text, first)
      }
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      const t = node.template
      rawText(ts.isNoSubstitutionTemplateLiteral(t) ? t.text : templateText(t), node)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found.sort((a, b) => a.at - b.at).map(({ table, line }) => ({ table, line }))
}

/** A template's literal parts; each `${…}` becomes a space (its own code is visited on its own). */
function templateText(t: ts.TemplateExpression): string {
  return [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(' ')
}

/** Every query of a table owned by another domain, as `file:line: table (owner)`. */
function crossings(files: string[], owners: Readonly<Record<string, string>>, known: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (const file of files) {
    const domain = domainOf(file)
    for (const { table, line } of queriedTables(fs.readFileSync(file, 'utf8'), known, file)) {
      const owner = owners[table]
      if (owner !== domain) out.push(`${path.relative(ROOT, file)}:${line}: ${table} (owned by ${owner ?? 'nobody'})`)
    }
  }
  return out
}

describe('table ownership', () => {
  const known = tablesInMigrations()

  it('gives every table in the migrations an owner, and owns no table that does not exist', () => {
    expect([...known].filter((t) => !(t in TABLE_OWNERS)).sort()).toEqual([])
    expect(Object.keys(TABLE_OWNERS).filter((t) => !known.has(t))).toEqual([])
  })

  it('finds the tables of builder calls, joins and raw SQL, and nothing in plain strings', () => {
    const source = [
      "db.selectFrom('post as p').innerJoin('person as a', 'a.id', 'p.author_id')",
      "eb.exists(eb.selectFrom('membership as m').select('m.person_id'))",
      "db.insertInto('thanks'); db.updateTable('community'); db.deleteFrom('session'); db.selectFrom(['job', 'token'])",
      'sql`select count(*) from interaction i join notification n on true`',
      'sql<number>`update setting set value = ${v}`',
      "sql.raw('delete from media'); sql.table('adoption')",
      "const message = 'no post in this community'; const t = `from person`",
    ].join('\n')
    expect(queriedTables(source, known).map((f) => `${f.line}:${f.table}`)).toEqual([
      '1:post',
      '1:person',
      '2:membership',
      '3:thanks',
      '3:community',
      '3:session',
      '3:job',
      '3:token',
      '4:interaction',
      '4:notification',
      '5:setting',
      '6:media',
      '6:adoption',
    ])
  })

  it("queries no other domain's tables anywhere in src/server, tests included", () => {
    expect(crossings(filesUnder(ROOT), TABLE_OWNERS, known)).toEqual([])
  })
})
