// Property-based fuzzing driven by the committed OpenAPI document: for every operation, generated
// paths, queries and bodies (valid values mixed with unicode, huge numbers, empty strings, arrays
// for scalars, SQL and FTS fragments), a body in each media type the operation takes (JSON, and
// text/plain or text/csv where it takes them: job descriptions, CSV catalogs, empty and white-space
// bodies, broken quoting, unknown columns). Properties: never a 5xx; every 4xx is problem+json that
// matches the Problem schema; every JSON 2xx body matches the response schema in the document; a
// request the document calls valid is never refused as malformed (400/422, except the
// cross-parameter rules the document states in words), and one it calls invalid is always refused.
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsPlugin from 'ajv-formats'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../helpers/app.js'
import { seedCatalog } from '../helpers/catalog.js'

type Json = Record<string, unknown>
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: Json
}
type BodyMedia = 'application/json' | 'text/plain' | 'text/csv'
const bodyMedia: readonly BodyMedia[] = ['application/json', 'text/plain', 'text/csv']

interface Operation {
  method: string
  path: string
  parameters: Parameter[]
  body: boolean
  /** The body's schema per media type the operation takes. */
  bodySchemas: Partial<Record<BodyMedia, Json>>
  responses: Record<string, { content?: Record<string, { schema: Json }> }>
}

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Json>>
  components: Json
}

const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    parameters: (operation.parameters as Parameter[] | undefined) ?? [],
    body: operation.requestBody !== undefined,
    bodySchemas: Object.fromEntries(
      Object.entries(
        (operation.requestBody as { content?: Record<string, { schema: Json }> } | undefined)?.content ?? {},
      )
        .filter(([media]) => (bodyMedia as readonly string[]).includes(media))
        .map(([media, content]) => [media, content.schema]),
    ),
    responses: operation.responses as Operation['responses'],
  })),
)

const TOTAL_CASES = 6000
const runsPerOperation = Math.ceil(TOTAL_CASES / operations.length)

const catalog = seedCatalog()
const known: Record<string, string[]> = {
  slug: catalog.institutions.map((institution) => institution.slug),
  grade: catalog.institutions.flatMap((institution) =>
    institution.grades.flatMap((grade) => [grade.code, ...grade.aliases]),
  ),
  jobCode: catalog.jobs.flatMap((job) => (job.jobCode ? [job.jobCode, job.jobCode.toLowerCase()] : [])),
  level: catalog.jobs.map((job) => job.id),
  family: [...catalog.familyById.keys()],
  code: ['unknown-grade', 'not-found', 'rate-limited'],
}
const sampleFor: Record<string, string[]> = {
  from: known.slug ?? [],
  to: [...(known.slug ?? []), 'harvard,columbia', 'new-mexico,missouri,north-carolina'],
  institution: known.slug ?? [],
  institutions: [...(known.slug ?? []), 'harvard,columbia'],
  slug: known.slug ?? [],
  grade: known.grade ?? [],
  jobCode: known.jobCode ?? [],
  level: known.level ?? [],
  family: known.family ?? [],
  id: [...(known.level ?? []), ...(known.family ?? [])],
  code: known.code ?? [],
  seniority: ['1', '3', '3.5', '7'],
  seniorityMin: ['1', '3', '6'],
  seniorityMax: ['3', '7'],
  limit: ['1', '20', '100'],
  offset: ['0', '5', '23'],
  track: ['same', 'any', 'individual_contributor', 'management'],
  q: ['senior tech', 'IEUP', 'service spec', 'manager'],
  format: ['csv', 'json'],
  since: ['2020-01-01T00:00:00Z'],
  detail: ['full'],
  draft: ['acme-college', 'harvard'],
}

const hostile = [
  '',
  ' ',
  "' OR 1=1 --",
  '"; DROP TABLE jobs; --',
  'NEAR(support manager)',
  'title:manager',
  '"unterminated',
  '*',
  '^senior',
  '(a OR b) AND NOT c',
  '-manager',
  '\u0000',
  '%00',
  '💥🧨',
  'Ω≈ç√∫',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '1e309',
  '-1',
  '-0',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '0x10',
  'a'.repeat(5000),
  '{}',
  '[]',
  'null',
  'true',
]

const scalar = (name: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(sampleFor[name] ?? ['x'])) },
    { weight: 3, arbitrary: fc.constantFrom(...hostile) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.double({ noNaN: false }).map(String) },
    { weight: 1, arbitrary: fc.bigInt().map(String) },
  )

/** A query value: one string, or an array (the key repeated), as a client might send. */
const queryValue = (name: string) =>
  fc.oneof(
    { weight: 5, arbitrary: scalar(name) },
    { weight: 1, arbitrary: fc.array(scalar(name), { minLength: 2, maxLength: 3 }) },
  )

/** Job descriptions as an employer publishes them, and texts that hold none. */
const jobTexts = [
  'Service Desk Technician\nUnder general supervision, resolves tier 1 and 2 problems. Requires two years of experience.',
  'Job Title: Support Analyst\nGrade: 12\nWorks independently on complex problems; leads other staff.\nJob Title: Support Assistant\nGrade: 9\nWorks under close supervision.',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
  'Manager, IT Support. Manages supervisors, sets strategy and the budget. Ten years of experience and a bachelor’s degree.',
  'Tier 3\r\nminimal supervision\r\n5 yrs',
  '\u0000\u0001 senior technician',
  'Senior Technician '.repeat(300),
]

/** A text/plain body: job descriptions, empty and white-space texts, hostile and random strings. */
const textBody = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...jobTexts) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\n\n', '\t \r\n') },
  { weight: 2, arbitrary: fc.constantFrom(...hostile) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
)

const csvColumns = [
  'title',
  'Job Title',
  'jobCode',
  'grade',
  'Pay Grade',
  'education',
  'experienceYears',
  'supervisionReceived',
  'supportTier',
  'leads',
  'duties',
  'text',
  'description',
  'colour',
]
const csvCell = fc.oneof(
  fc.constantFrom('Technician', '2', '2-4 years', 'general', 'minimal', '3', '=SUM(A1)', '', 'a,b', 'say "hi"'),
  fc.string({ maxLength: 20 }),
)
const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)

/** A text/csv body: generated catalogs (known and unknown columns), and the shapes that are refused. */
const csvBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...csvColumns), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(csvCell, { minLength: 1, maxLength: 6 }), { maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([header, rows, end]) => [header, ...rows].map((row) => row.map(quoted).join(',')).join(end)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'title,experienceYears,supervisionReceived\nService Desk Technician,2,general',
      'title\n',
      'title',
      'title\n\n\n',
      'colour\nred',
      'title\n"unterminated',
      'title\nTechnician,extra',
      '"title"\r\n"Senior, Support"\r\n',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\n', '\r\n\r\n') },
  { weight: 1, arbitrary: fc.constantFrom(...hostile) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
)

/** A JSON body: any JSON value, or shapes close to what the routes take. */
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    { items: [] },
    { items: [{ seniority: 3 }] },
    { jobs: [{ experienceYears: 3, supervisionReceived: 'general' }] },
    { jobs: [{ text: 'Under general supervision; two years of experience.' }], draft: 'acme-college' },
    {
      items: [
        { form: 'harvard', grade: 57 },
        { ref: 'a', from: 'harvard', grade: '57' },
      ],
    },
    { items: [{ from: 'harvard' }, 7, { level: 'harvard.10657P', ref: '' }] },
  ),
)

const bodyOf: Record<BodyMedia, fc.Arbitrary<unknown>> = {
  'application/json': jsonBody,
  'text/plain': textBody,
  'text/csv': csvBody,
}

interface Body {
  media: BodyMedia
  value: unknown
}

function requestArbitrary(operation: Operation) {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path')
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query')
  // An empty or dot segment would address another route (/v1/levels/ and /v1/levels/. are the
  // list, after URL normalisation), so path values are never empty, '.' or '..'.
  const path = fc.record(
    Object.fromEntries(
      pathParameters.map((parameter) => [
        parameter.name,
        scalar(parameter.name).map((value) => (value === '' || value === '.' || value === '..' ? ` ${value}` : value)),
      ]),
    ),
  )
  const query = fc.record(
    Object.fromEntries(
      queryParameters.map((parameter) => [parameter.name, fc.option(queryValue(parameter.name), { nil: undefined })]),
    ),
  )
  const extra = fc.option(fc.tuple(fc.constantFrom('colour', 'debug', '__proto__', 'constructor'), scalar('x')), {
    nil: undefined,
  })
  // A body in one of the media types the operation takes (JSON when it declares none).
  const taken = Object.keys(operation.bodySchemas) as BodyMedia[]
  const media: BodyMedia[] = taken.length > 0 ? taken : ['application/json']
  const body: fc.Arbitrary<Body | undefined> = operation.body
    ? fc.option(fc.oneof(...media.map((type) => bodyOf[type].map((value): Body => ({ media: type, value })))), {
        nil: undefined,
      })
    : fc.constant(undefined)
  const accept = fc.constantFrom(
    'application/json',
    '*/*',
    'text/csv',
    'application/x-ndjson',
    'text/html',
    'image/png',
  )
  return fc.record({ path, query, extra, body, accept })
}

function url(operation: Operation, request: { path: Json; query: Json; extra?: [string, string] }): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(String(request.path[name] ?? '')),
  )
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(request.query)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item))
  }
  if (request.extra) search.append(request.extra[0], request.extra[1])
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
// ajv-formats is CommonJS: its function is the module itself and its `default`.
;(addFormatsPlugin as unknown as { default: (instance: Ajv2020) => void }).default(ajv)
const validators = new Map<Json, ReturnType<typeof ajv.compile>>()
function validatorFor(schema: Json) {
  let validate = validators.get(schema)
  if (!validate) {
    validate = ajv.compile({ ...schema, components: document.components })
    validators.set(schema, validate)
  }
  return validate
}

/**
 * Problem codes for rules the document states in words, not in schemas: across parameters, and a
 * leveling submission that is well formed but in which no job is recognisable.
 */
const crossParameterCodes = new Set(['conflicting-parameters', 'level-institution-mismatch', 'no-recognisable-job'])

/** A query value as the document's schema reads it: a decimal string is a number, a repeated key an array. */
function asDocumentValue(value: unknown, schema: Json): unknown {
  const type = schema.type
  if (type === 'array') {
    const items = (Array.isArray(value) ? value : [value]).map((item) =>
      asDocumentValue(item, (schema.items as Json) ?? {}),
    )
    return items
  }
  if (Array.isArray(value)) return value
  if ((type === 'number' || type === 'integer') && typeof value === 'string') {
    // A client library would send the decimal form of a number; anything else is not a number.
    return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value))
      ? Number(value)
      : value
  }
  return value
}

/**
 * Problem codes a text body may get although its schema (a string) accepts it: CSV syntax and
 * columns, which the document states in words.
 */
const wordsOnlyCodes: Partial<Record<BodyMedia, Set<string>>> = { 'text/csv': new Set(['invalid-submission']) }

/** Whether the document calls the request valid, and if not, why. */
function documentVerdict(
  operation: Operation,
  request: { path: Json; query: Json; extra?: [string, string]; body?: Body },
): string | undefined {
  if (request.extra) return `unknown query parameter ${request.extra[0]}`
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header') continue
    const raw = parameter.in === 'path' ? request.path[parameter.name] : request.query[parameter.name]
    if (raw === undefined) {
      if (parameter.required) return `missing ${parameter.name}`
      continue
    }
    const schema = parameter.schema ?? {}
    const validate = validatorFor(schema)
    if (!validate(asDocumentValue(raw, schema))) return `${parameter.name} ${ajv.errorsText(validate.errors)}`
  }
  const bodySchema = request.body === undefined ? undefined : operation.bodySchemas[request.body.media]
  if (operation.body && Object.keys(operation.bodySchemas).length > 0) {
    if (request.body === undefined) return 'missing body'
    if (bodySchema === undefined) return `a ${request.body.media} body`
    const validate = validatorFor(bodySchema)
    if (!validate(request.body.value)) return `${request.body.media} body ${ajv.errorsText(validate.errors)}`
  }
  return undefined
}

const batchItemSchema = { $ref: '#/components/schemas/BatchItem' }

/**
 * The batch items the document calls invalid, when they are all that is wrong with the request:
 * the batch answers each of them with a problem in its place rather than refusing the batch.
 */
function invalidItems(
  operation: Operation,
  request: { path: Json; query: Json; extra?: [string, string]; body?: Body },
): number[] {
  const items = (request.body?.value as { items?: unknown } | null | undefined)?.items
  if (operation.path !== '/v1/crosswalk/batch' || !Array.isArray(items)) return []
  const validItem = validatorFor(batchItemSchema)
  const bad = items.flatMap((item, index) => (validItem(item) ? [] : [index]))
  if (bad.length === 0) return []
  const rest = documentVerdict(operation, {
    ...request,
    body: { media: 'application/json', value: { ...(request.body?.value as Json), items: [] } },
  })
  return rest === undefined ? bad : []
}

let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
  await app.ready()
})
afterAll(async () => {
  await app.close()
})

describe('fuzzing every operation in openapi/openapi.json', () => {
  it(`covers at least 5,000 generated requests (${operations.length} operations × ${runsPerOperation})`, () => {
    expect(operations.length * runsPerOperation).toBeGreaterThanOrEqual(5000)
  })

  for (const operation of operations) {
    it(`${operation.method} ${operation.path}: no 5xx, problem+json 4xx, 2xx bodies match the document`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (request) => {
          const target = url(operation, request)
          const response = await app.inject({
            method: operation.method as 'GET',
            url: target,
            headers: {
              accept: request.accept,
              ...(request.body === undefined ? {} : { 'content-type': request.body.media }),
            },
            payload:
              request.body === undefined
                ? undefined
                : request.body.media === 'application/json'
                  ? JSON.stringify(request.body.value)
                  : String(request.body.value),
          })
          const context = `${operation.method} ${target} → ${response.statusCode} ${response.body.slice(0, 300)}`
          expect(response.statusCode, context).toBeLessThan(500)
          const type = String(response.headers['content-type'] ?? '')
          const badItems = invalidItems(operation, request)
          const invalid = badItems.length > 0 ? undefined : documentVerdict(operation, request)
          if (badItems.length > 0 && response.statusCode === 200 && type.startsWith('application/json')) {
            const entries = response.json().items as Json[]
            for (const index of badItems) {
              expect(entries[index]?.code, `${context}: item ${index} is answered with a problem`).toBeDefined()
            }
          }
          if (invalid === undefined && (response.statusCode === 400 || response.statusCode === 422)) {
            const code = String(response.json().code)
            const inWords =
              crossParameterCodes.has(code) || wordsOnlyCodes[request.body?.media ?? 'application/json']?.has(code)
            expect(inWords, `${context}: the document calls this request valid`).toBe(true)
          }
          if (invalid !== undefined) {
            expect(
              response.statusCode,
              `${context}: the document calls this request invalid (${invalid})`,
            ).toBeGreaterThanOrEqual(400)
          }
          if (response.statusCode >= 400) {
            expect(type, context).toBe('application/problem+json; charset=utf-8')
            const problem = validatorFor(
              operation.responses[String(response.statusCode)]?.content?.['application/problem+json']?.schema ?? {
                $ref: '#/components/schemas/Problem',
              },
            )
            expect(problem(response.json()), `${context} ${ajv.errorsText(problem.errors)}`).toBe(true)
          } else if (response.statusCode < 300 && type.startsWith('application/json')) {
            const schema = operation.responses[String(response.statusCode)]?.content?.['application/json']?.schema
            expect(schema, `${context}: no response schema in the document`).toBeDefined()
            const validate = validatorFor(schema as Json)
            expect(validate(response.json()), `${context} ${ajv.errorsText(validate.errors)}`).toBe(true)
          }
        }),
        { numRuns: runsPerOperation },
      )
    })
  }
})
