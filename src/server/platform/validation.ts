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

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema) as ReturnType<FastifySchemaCompiler<object>>
