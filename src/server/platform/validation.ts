import { EventEmitter } from 'node:events'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

// Bodies are validated strictly: no type coercion and no silent removal of unknown fields, so a wrong type
// or an unknown field is a 400. Query strings and params arrive as text, so they are coerced.
const strict = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: true, removeAdditional: false, strict: false })
const coercing = new Ajv({ allErrors: false, coerceTypes: 'array', useDefaults: true, removeAdditional: false, strict: false })
const addFormatsTo = addFormats as unknown as { default: (ajv: Ajv) => void }
addFormatsTo.default(strict)
addFormatsTo.default(coercing)

/**
 * How deeply a validated value may nest objects and arrays. The API's bodies nest four levels at most; this
 * leaves room for new ones while keeping far below what would exhaust the stack of any code that recurses on
 * a body (JSON.stringify does, from about 8,000 levels). JSON.parse itself is not recursive in V8, so a body
 * 100,000 levels deep parses and is refused here.
 */
export const MAX_DEPTH = 64
/** The keyword of the validation error for a value nested deeper than MAX_DEPTH (errors.ts names it). */
export const TOO_DEEP = 'maxDepth'

/**
 * A Buffer, or a stream (an upload's raw request): passed through by binary routes, and not data to look into.
 * Walking a request stream followed its socket and server (a 500 after 70 ms of CPU).
 */
function isOpaque(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof EventEmitter
}

interface Finding {
  keyword: 'nul' | typeof TOO_DEEP
  path: string
}

/**
 * The first string (or key) holding a NUL character, or the first container nested deeper than MAX_DEPTH,
 * as a JSON-pointer path. Iterative, with its own stack, so that no nesting can exhaust the call stack.
 */
function inspect(root: unknown): Finding | undefined {
  if (typeof root === 'string') return root.includes('\u0000') ? { keyword: 'nul', path: '' } : undefined
  if (root === null || typeof root !== 'object' || isOpaque(root)) return undefined
  // The containers still to look into; made only when there is one, so a flat value (every request's params
  // and query) allocates nothing.
  let pending: { value: object; path: string; depth: number }[] | undefined
  let value: object = root
  let path = ''
  let depth = 1
  for (;;) {
    // for...in, not Object.entries: it allocates nothing.
    for (const key in value) {
      if (key.includes('\u0000')) return { keyword: 'nul', path: `${path}/${key}` }
      const item = (value as Record<string, unknown>)[key]
      if (typeof item === 'string') {
        if (item.includes('\u0000')) return { keyword: 'nul', path: `${path}/${key}` }
      } else if (item !== null && typeof item === 'object' && !isOpaque(item)) {
        if (depth >= MAX_DEPTH) return { keyword: TOO_DEEP, path: `${path}/${key}` }
        ;(pending ??= []).push({ value: item, path: `${path}/${key}`, depth: depth + 1 })
      }
    }
    const next = pending?.pop()
    if (next === undefined) return undefined
    ;({ value, path, depth } = next)
  }
}

const MESSAGES: Record<Finding['keyword'], string> = {
  nul: 'must not contain NUL characters',
  [TOO_DEEP]: `must not nest objects and arrays more than ${MAX_DEPTH} deep`,
}

// PostgreSQL text cannot hold NUL characters: a query with one fails there (a 500) while SQLite stores it.
// So NUL is refused in every validated part, on both dialects, before the schema runs; so is nesting deeper
// than MAX_DEPTH.
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? strict : coercing).compile(schema)
  const guarded = Object.assign(
    (data: unknown, cxt?: object) => {
      const found = inspect(data)
      if (found !== undefined) {
        guarded.errors = [
          { instancePath: found.path, schemaPath: '#', keyword: found.keyword, params: {}, message: MESSAGES[found.keyword] },
        ]
        return false
      }
      const ok = (validate as (d: unknown, c?: object) => boolean)(data, cxt)
      guarded.errors = validate.errors
      return ok
    },
    // Fastify passes the parent object only to validators carrying schemaEnv; Ajv needs it to coerce a root value.
    { schemaEnv: validate.schemaEnv, errors: null as typeof validate.errors },
  )
  return guarded
}
