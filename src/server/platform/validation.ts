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

/** The JSON-pointer path of the first string (or key) holding a NUL character, or undefined. */
function findNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined
  // for...in, not Object.entries: this runs on every request's params and query, and allocates nothing.
  for (const key in value) {
    if (key.includes('\u0000')) return `${path}/${key}`
    const item = (value as Record<string, unknown>)[key]
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return `${path}/${key}`
    } else if (item !== null && typeof item === 'object') {
      const found = findNul(item, `${path}/${key}`)
      if (found !== undefined) return found
    }
  }
  return undefined
}

// PostgreSQL text cannot hold NUL characters: a query with one fails there (a 500) while SQLite stores it.
// So NUL is refused in every validated part, on both dialects, before the schema runs.
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? strict : coercing).compile(schema)
  const guarded = Object.assign(
    (data: unknown, cxt?: object) => {
      const nulAt = findNul(data)
      if (nulAt !== undefined) {
        guarded.errors = [{ instancePath: nulAt, schemaPath: '#', keyword: 'nul', params: {}, message: 'must not contain NUL characters' }]
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
