import Ajv from 'ajv'

// A structural check of an OpenAPI 3.0 document, written from the 3.0.3 specification: the fields it
// requires, the shapes of paths, operations, parameters and responses, the Schema Object's keyword set (a
// subset of JSON Schema, with nullable and boolean exclusiveMinimum/Maximum), and that every $ref resolves.
// It returns the problems found, so a test can show them all at once.

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
const PATH_ITEM_KEYS = new Set([...METHODS, 'parameters', 'summary', 'description', 'servers', '$ref'])
const PARAM_IN = new Set(['query', 'header', 'path', 'cookie'])
const STATUS_KEY = /^([1-5](\d\d|XX)|default)$/
const SCHEMA_KEYS = new Set([
  'title',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'type',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'items',
  'properties',
  'additionalProperties',
  'description',
  'format',
  'default',
  'nullable',
  'discriminator',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'example',
  'deprecated',
  '$ref',
])
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object'])

export function checkOpenApi3(doc: unknown): string[] {
  const problems: string[] = []
  const fail = (where: string, what: string): void => void problems.push(`${where}: ${what}`)
  if (!isObject(doc)) return ['document: not an object']
  if (typeof doc.openapi !== 'string' || !/^3\.0\.\d+$/.test(doc.openapi)) fail('openapi', `expected 3.0.x, got ${String(doc.openapi)}`)
  const info = doc.info
  if (!isObject(info) || typeof info.title !== 'string' || !info.title || typeof info.version !== 'string' || !info.version)
    fail('info', 'needs title and version')
  if (!isObject(doc.paths)) return [...problems, 'paths: missing']
  const ajv = new Ajv({ strict: false, validateFormats: false })

  const resolve = (ref: string): unknown =>
    ref.startsWith('#/')
      ? ref
          .slice(2)
          .split('/')
          .reduce<unknown>((node, key) => (isObject(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc)
      : undefined

  const checkSchema = (schema: unknown, where: string, top = false): void => {
    if (!isObject(schema)) return fail(where, 'schema is not an object')
    for (const [key, value] of Object.entries(schema)) {
      if (key.startsWith('x-')) continue
      if (!SCHEMA_KEYS.has(key)) fail(where, `keyword ${key} is not allowed in an OpenAPI 3.0 Schema Object`)
      if (key === 'type' && (typeof value !== 'string' || !TYPES.has(value))) fail(where, `type must be one of ${[...TYPES].join(', ')}`)
      if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value !== 'boolean')
        fail(where, `${key} must be a boolean in 3.0`)
      if (key === '$ref' && (typeof value !== 'string' || resolve(value) === undefined)) fail(where, `unresolved $ref ${String(value)}`)
    }
    if (schema.type === 'array' && schema.items === undefined) fail(where, 'an array schema needs items')
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = schema[key]
      if (list !== undefined) (Array.isArray(list) ? list : [null]).forEach((s, i) => checkSchema(s, `${where}/${key}/${i}`))
    }
    for (const key of ['not', 'items'] as const) if (schema[key] !== undefined) checkSchema(schema[key], `${where}/${key}`)
    if (isObject(schema.additionalProperties)) checkSchema(schema.additionalProperties, `${where}/additionalProperties`)
    if (schema.properties !== undefined) {
      if (!isObject(schema.properties)) fail(where, 'properties must be an object')
      else for (const [name, s] of Object.entries(schema.properties)) checkSchema(s, `${where}/properties/${name}`)
    }
    if (top) {
      try {
        ajv.compile(schema)
      } catch (err) {
        fail(where, `schema does not compile: ${(err as Error).message}`)
      }
    }
  }

  const checkContent = (content: unknown, where: string): void => {
    if (!isObject(content) || Object.keys(content).length === 0) return fail(where, 'content must map media types to Media Type Objects')
    for (const [type, media] of Object.entries(content)) {
      if (!/^[\w.+-]+\/[\w.+*-]+$/.test(type) && type !== '*/*') fail(`${where}/${type}`, 'not a media type')
      if (!isObject(media)) fail(`${where}/${type}`, 'not a Media Type Object')
      else if (media.schema !== undefined) checkSchema(media.schema, `${where}/${type}/schema`, true)
    }
  }

  const operationIds = new Set<string>()
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/')) fail(path, 'a path must start with /')
    if (!isObject(item)) {
      fail(path, 'not a Path Item Object')
      continue
    }
    const templated = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!))
    for (const [key, op] of Object.entries(item)) {
      if (!PATH_ITEM_KEYS.has(key)) fail(path, `unexpected key ${key}`)
      if (!METHODS.has(key)) continue
      const where = `${key.toUpperCase()} ${path}`
      if (!isObject(op)) {
        fail(where, 'not an Operation Object')
        continue
      }
      if (typeof op.operationId === 'string') {
        if (operationIds.has(op.operationId)) fail(where, `duplicate operationId ${op.operationId}`)
        operationIds.add(op.operationId)
      }
      if (op.tags !== undefined && (!Array.isArray(op.tags) || op.tags.some((t) => typeof t !== 'string')))
        fail(where, 'tags must be strings')
      const params = op.parameters === undefined ? [] : op.parameters
      if (!Array.isArray(params)) fail(where, 'parameters must be an array')
      const seen = new Set<string>()
      const pathParams = new Set<string>()
      for (const p of Array.isArray(params) ? params : []) {
        if (!isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string' || !PARAM_IN.has(p.in)) {
          fail(where, `bad parameter ${JSON.stringify(p)}`)
          continue
        }
        if (seen.has(`${p.in}:${p.name}`)) fail(where, `duplicate parameter ${p.in} ${p.name}`)
        seen.add(`${p.in}:${p.name}`)
        if (p.in === 'path') {
          pathParams.add(p.name)
          if (p.required !== true) fail(where, `path parameter ${p.name} must be required`)
        }
        if ((p.schema === undefined) === (p.content === undefined))
          fail(where, `parameter ${p.name} needs exactly one of schema and content`)
        if (p.schema !== undefined) checkSchema(p.schema, `${where} parameter ${p.name}`, true)
      }
      for (const name of templated) if (!pathParams.has(name)) fail(where, `path parameter {${name}} is not declared`)
      for (const name of pathParams) if (!templated.has(name)) fail(where, `path parameter ${name} is not in the path`)
      if (op.requestBody !== undefined) {
        if (!isObject(op.requestBody)) fail(where, 'requestBody is not an object')
        else checkContent(op.requestBody.content, `${where} requestBody`)
      }
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        fail(where, 'responses must name at least one response')
        continue
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (!STATUS_KEY.test(status)) fail(where, `bad response key ${status}`)
        if (!isObject(response) || typeof response.description !== 'string') fail(`${where} ${status}`, 'a response needs a description')
        else if (response.content !== undefined) checkContent(response.content, `${where} ${status}`)
      }
    }
  }
  const schemes = isObject(doc.components) ? doc.components.securitySchemes : undefined
  if (isObject(schemes)) {
    for (const [name, s] of Object.entries(schemes)) {
      if (!isObject(s) || !['apiKey', 'http', 'oauth2', 'openIdConnect'].includes(String(s.type)))
        fail(`securityScheme ${name}`, 'bad type')
      else if (s.type === 'apiKey' && (typeof s.name !== 'string' || !['query', 'header', 'cookie'].includes(String(s.in))))
        fail(`securityScheme ${name}`, 'apiKey needs name and in')
    }
  }
  return problems
}
