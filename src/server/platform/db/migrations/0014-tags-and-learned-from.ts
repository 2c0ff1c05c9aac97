import { sql, type Kysely } from 'kysely'

// Frozen in time. Tags were cleaned by five rules (posts hyphenated, communities and imports only lower-cased,
// profiles kept what was typed, the routing model trimmed); src/shared/tags.ts is now the one rule. This
// rewrites every stored tag in it, merging tags that become the same: post and revision tags, post_tag rows,
// community topics, profile lists, hidden topics and the interaction log's topics. Rows that are not JSON
// arrays are left as they are (readers treat them as no tags). The rule is copied here, as it was, because a
// migration must not change when the app's code does.
// Also: knowledge's "learning page" moved to /people/:id/learned-from ("learning" names the learning
// catalogue), so notifications already sent link to the new address.

const MAX_LENGTH = 60
const POST_LIMIT = 10
const LIST_LIMIT = 30
// Rows read per batch; with two parameters per changed row, within both dialects' limits per statement.
const BATCH = 1000
const CANONICAL = /^[a-z0-9+#.]+(?:-[a-z0-9+#.]+)*$/
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

function canonicalTag(text: string): string {
  if (text.length <= MAX_LENGTH && CANONICAL.test(text)) return text
  const tag = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(CONTROL, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  return tag.length <= MAX_LENGTH ? tag : [...tag].slice(0, MAX_LENGTH).join('').replace(/-+$/, '')
}

/** The canonical JSON of a stored list, or undefined when the stored value is not a JSON array. */
function canonicalJson(json: string, limit: number): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!Array.isArray(value)) return undefined
  const out = new Set<string>()
  for (const t of value) {
    if (out.size >= limit) break
    const tag = typeof t === 'string' ? canonicalTag(t) : ''
    if (tag) out.add(tag)
  }
  return JSON.stringify([...out])
}

type Key = string | number

/**
 * Rewrites JSON tag columns of a table in batches by key; each batch's changed rows are written by one
 * statement per column (a CASE on the key), so a large table takes a few thousand statements, not one per
 * row. Calls `changed` with each batch's new values of the first column, by key.
 */
async function rewriteJsonColumns(
  db: Kysely<any>,
  table: string,
  key: string,
  columns: readonly string[],
  limit: number,
  changed?: (values: Map<Key, string>) => Promise<void>,
): Promise<void> {
  let last: Key | undefined
  for (;;) {
    let q = db
      .selectFrom(table)
      .select([key, ...columns])
      .where((eb) => eb.or(columns.map((c) => eb(c, '<>', '[]'))))
      .orderBy(key)
      .limit(BATCH)
    if (last !== undefined) q = q.where(key, '>', last)
    const rows = (await q.execute()) as Record<string, Key>[]
    for (const [i, c] of columns.entries()) {
      const values = new Map<Key, string>()
      for (const row of rows) {
        const json = canonicalJson(String(row[c]), limit)
        if (json !== undefined && json !== row[c]) values.set(row[key] as Key, json)
      }
      if (values.size === 0) continue
      const cases = sql.join(
        [...values].map(([k, v]) => sql`when ${k} then ${v}`),
        sql` `,
      )
      await db
        .updateTable(table)
        .set({ [c]: sql`case ${sql.ref(key)} ${cases} end` })
        .where(key, 'in', [...values.keys()])
        .execute()
      if (i === 0 && changed) await changed(values)
    }
    if (rows.length < BATCH) return
    last = rows[rows.length - 1]![key]
  }
}

/** Rewrites a (owner, tag) table's tags: each non-canonical tag moves to its canonical form, merging. */
async function rewriteTagRows(db: Kysely<any>, table: string, owner: string, extra: readonly string[]): Promise<void> {
  const tags = (await db.selectFrom(table).select('tag').distinct().execute()) as { tag: string }[]
  for (const { tag } of tags) {
    const canonical = canonicalTag(tag)
    if (canonical === tag) continue
    if (canonical)
      await db
        .insertInto(table)
        .columns([owner, 'tag', ...extra])
        // The cast tells PostgreSQL the parameter's type, which a select list alone does not.
        .expression((eb) =>
          eb
            .selectFrom(table)
            .select([owner, sql<string>`cast(${canonical} as text)`.as('tag'), ...extra])
            .where('tag', '=', tag),
        )
        .onConflict((oc) => oc.doNothing())
        .execute()
    await db.deleteFrom(table).where('tag', '=', tag).execute()
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // A post whose tags change gets its post_tag rows from the new list, so the two always agree.
  await rewriteJsonColumns(db, 'post', 'id', ['tags'], POST_LIMIT, async (changed) => {
    await db
      .deleteFrom('post_tag')
      .where('post_id', 'in', [...changed.keys()])
      .execute()
    const rows = [...changed].flatMap(([id, json]) => (JSON.parse(json) as string[]).map((tag) => ({ post_id: id, tag })))
    for (let i = 0; i < rows.length; i += BATCH)
      await db
        .insertInto('post_tag')
        .values(rows.slice(i, i + BATCH))
        .execute()
  })
  await rewriteTagRows(db, 'post_tag', 'post_id', [])
  await rewriteJsonColumns(db, 'post_revision', 'id', ['tags'], POST_LIMIT)
  await rewriteJsonColumns(db, 'community', 'id', ['tags'], LIST_LIMIT)
  await rewriteJsonColumns(db, 'person', 'id', ['aspiration_tags', 'skills_offered', 'skills_wanted'], LIST_LIMIT)
  await rewriteTagRows(db, 'hidden_topic', 'person_id', ['created_at'])
  await rewriteJsonColumns(db, 'interaction', 'id', ['topics'], Number.POSITIVE_INFINITY)
  await sql`update notification set link = substr(link, 1, length(link) - length('/learning')) || '/learned-from'
    where link like '/people/%/learning'`.execute(db)
}

/** Canonical tags are valid tags under every earlier rule; only the links go back. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`update notification set link = substr(link, 1, length(link) - length('/learned-from')) || '/learning'
    where link like '/people/%/learned-from'`.execute(db)
}
