import type { Compilable, CompiledQuery } from 'kysely'
import { directReaderOf } from './database.js'
import type { Db } from './dialect.js'

/** Stands in for an argument while a query is built; it never reaches the database. */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  compiled: CompiledQuery
  /** For each compiled parameter, the argument it takes, or -1 for a constant of the query. */
  sources: number[]
}

function compileTemplate<A extends unknown[]>(db: Db, build: (db: Db, ...args: A) => Compilable<unknown>, arity: number): Template {
  const slots = Array.from({ length: arity }, (_, i) => new Slot(i)) as unknown as A
  const compiled = build(db, ...slots).compile()
  const sources = compiled.parameters.map((p) => (p instanceof Slot ? p.index : -1))
  for (let i = 0; i < arity; i++) {
    if (!sources.includes(i)) throw new Error(`prepared query: argument ${i} is not used as a value in the query`)
  }
  return { compiled, sources }
}

/**
 * A query that is built and compiled once per database handle; later calls only swap in the arguments.
 * Building and compiling a Kysely query costs several times more than running a point read on SQLite, so
 * hot request paths (the session lookup, a profile) use this. The cache is compiled SQL text, the same on
 * every node, so it holds no state that app nodes would need to share.
 *
 * `build` must use each argument only as a value in the query: while it builds, the arguments are opaque
 * placeholders, so it cannot branch on them or call methods on them. On SQLite, a read outside any transaction runs straight
 * on the connection (see directReaderOf in database.ts), with the same rows as through Kysely.
 */
export function prepareQuery<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R[]> {
  const arity = build.length - 1
  // Keyed by the Kysely adapter, which a database handle shares with its transactions (and their plugins):
  // a query in a transaction (every write request) reuses the template too. Handles made with withPlugin
  // share the adapter as well, so prepared queries must not be used through a plugin that rewrites queries.
  const templates = new WeakMap<object, Template>()
  return async (db, ...args) => {
    const key = db.getExecutor().adapter
    let template = templates.get(key)
    if (!template) {
      template = compileTemplate(db, build, arity)
      templates.set(key, template)
    }
    const { compiled, sources } = template
    const parameters = compiled.parameters.map((p, i) => {
      const source = sources[i] as number
      return source < 0 ? p : args[source]
    })
    const direct = directReaderOf(db)?.(compiled.sql, parameters)
    if (direct) return direct as R[]
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows
  }
}
