// POST /v1/crosswalk/batch: up to 10,000 crosswalk inputs in one request, answered in order from
// the same in-memory crosswalk as the GET (no SQL per item). Each item is validated and answered
// on its own: a bad item gets a problem object in its place and never fails the batch. Work that
// does not depend on the item is done once per batch: the targets, the track, the serializer;
// items that repeat (an HRIS sends the same job code for many employees) are computed and
// serialized once, and their bytes reused.
// A batch never holds the event loop for long: the items are answered in slices of at most
// `sliceItems` items or `sliceMs` milliseconds, yielding to other requests between slices, and the
// answer is streamed in chunks as the client reads it, never joined into one string.
import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import type { Catalog, Institution } from '../../catalog/model.js'
import { CrosswalkError, type CrosswalkSource, ordered, type TrackMode } from '../../crosswalk/crosswalk.js'
import { HttpProblem, type ProblemDetails, problem } from '../problems.js'
import { crosswalkInput } from '../query.js'
import { csvField, csvRow } from '../representations/csv.js'
import { crosswalkResultView, essentialResultView } from '../representations/json.js'
import { contentTypes, negotiate } from '../representations/media.js'
import { batchCsvHeader, crosswalkRows, utf8Bom } from '../representations/tabular.js'
import {
  BatchItemProblemSchema,
  BatchItemSchema,
  BatchQuerySchema,
  BatchRequestDocumentSchema,
  BatchRequestSchema,
  BatchResponseSchema,
  batchLimit,
  EssentialEntrySchema,
  FullEntrySchema,
} from '../schemas/batch.js'
import { problemResponse, problemResponses, textBody } from '../schemas/common.js'

type BatchItem = Static<typeof BatchItemSchema>
/** fastify types serialization schemas and their inputs as plain records. */
const schemaOf = (schema: TSchema) => schema as unknown as Record<string, unknown>
type Serialize = (input: object) => string

/** Sends the answer as a stream already serialized (the typed reply expects the object). */
function sendStream(reply: FastifyReply, stream: Readable, contentType = 'application/json; charset=utf-8') {
  return reply.type(contentType).send(stream)
}

/** Items answered between two yields to the event loop, at most, and milliseconds at most. */
const sliceItems = 1000
const sliceMs = 5
/** Bytes of the answer sent in one chunk. */
const chunkBytes = 256 * 1024

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The answer in chunks of about `chunkBytes`, built as it is read: `opening`, the entries with
 * `separator` between them, then `closing` (JSON: `{"items":[`, `,`, `],"total":n,"failed":m}`;
 * CSV: the header row, nothing, nothing).
 */
function* answerChunks(entries: Buffer[], opening: string, separator: string, closing: string): Generator<Buffer> {
  const comma = Buffer.from(separator)
  let pending: Buffer[] = [Buffer.from(opening)]
  let size = 0
  for (let index = 0; index < entries.length; index++) {
    if (index > 0 && comma.length > 0) pending.push(comma)
    const entry = entries[index] as Buffer
    pending.push(entry)
    size += entry.length + 1
    if (size >= chunkBytes) {
      yield Buffer.concat(pending)
      pending = []
      size = 0
    }
  }
  pending.push(Buffer.from(closing))
  yield Buffer.concat(pending)
}

const itemValidator = Compile(BatchItemSchema)

/** The crosswalk columns of a failed item's CSV row, empty. */
const crosswalkRowBlanks = batchCsvHeader.slice(2, -1).map(() => null)

/** Room for 10,000 items of the longest shape (a 128-character level id and a 64-character slug). */
const bodyLimit = 4 * 1024 * 1024

function itemProblem(index: number, item: unknown): ProblemDetails {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return problem('invalid-parameter', `Item ${index} is not an object.`, {
      errors: [{ location: 'body', path: `/items/${index}`, message: 'must be an object' }],
    })
  }
  // One message per field: unknown fields by name, otherwise the first failure at each path.
  const errors: { location: 'body'; path: string; message: string }[] = []
  for (const error of itemValidator.Errors(item)) {
    if (error.keyword === 'boolean') continue
    if (error.keyword === 'additionalProperties') {
      const names = (error.params as { additionalProperties?: string[] }).additionalProperties ?? []
      for (const name of names)
        errors.push({ location: 'body', path: `/items/${index}/${name}`, message: `unknown field "${name}"` })
      continue
    }
    const path = `/items/${index}${error.instancePath}`
    if (!errors.some((known) => known.path === path)) errors.push({ location: 'body', path, message: error.message })
  }
  const first = errors[0]
  return problem('invalid-parameter', `Item ${index}: ${first?.path.split('/').at(-1)}: ${first?.message}.`, {
    errors,
  })
}

/** A problem thrown while answering one item, re-pointed at that item's fields. */
function answeredProblem(index: number, error: unknown): ProblemDetails {
  if (error instanceof CrosswalkError) {
    return problem(error.code, error.message, {
      errors: [{ location: 'body', path: `/items/${index}/${error.parameter}`, message: error.message }],
    })
  }
  if (error instanceof HttpProblem) {
    return {
      ...error.problem,
      errors: error.problem.errors?.map((item) => ({
        location: 'body',
        path: `/items/${index}/${item.name}`,
        message: item.message,
      })),
    }
  }
  throw error
}

function targetOf(catalog: Catalog, slug: string): Institution {
  const institution = catalog.institutionBySlug.get(slug)
  if (institution) return institution
  const known = catalog.institutions.map((candidate) => candidate.slug).join(', ')
  const detail = `No institution "${slug}". Known: ${known}.`
  throw HttpProblem.of('unknown-institution', detail, { errors: [{ location: 'body', path: '/to', message: detail }] })
}

/** The item's own reference, when it is an object that carries a string `ref`. */
function refOf(item: unknown): string | undefined {
  const ref = (item as { ref?: unknown } | null)?.ref
  return typeof ref === 'string' && ref.length <= 200 ? ref : undefined
}

/** The media type of the answer: CSV when `format=csv` or when the Accept header prefers it. */
function batchMedia(format: string | undefined, accept: string | undefined): 'application/json' | 'text/csv' {
  if (format !== undefined) return format === 'csv' ? 'text/csv' : 'application/json'
  return negotiate(accept, ['application/json', 'text/csv'] as const) ?? 'application/json'
}

function itemKey(item: BatchItem): string {
  return `${item.from ?? ''}\u0000${item.grade ?? ''}\u0000${item.jobCode ?? ''}\u0000${item.level ?? ''}\u0000${item.seniority ?? ''}`
}

const batchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/crosswalk/batch',
    {
      bodyLimit,
      config: {
        asOf: true,
        documentedBody: BatchRequestDocumentSchema,
        bodyHint: `A batch is { items: [...], to?, track?, order?, detail? } with at most ${batchLimit.toLocaleString('en-US')} items.`,
      },
      schema: {
        tags: ['crosswalk'],
        operationId: 'crosswalkBatch',
        summary: 'Map up to 10,000 grades, job codes, levels or seniorities in one request',
        description:
          'Each item is what the GET takes: `{ from, grade | jobCode | level }` or `{ seniority }`. `to`, `track` and `order` apply to every item; the matches of each result are best first (score, then distance, then institution name) unless `order` is `catalog`. The answer keeps input order, one entry per item: `{ results }` as the GET answers it, or an RFC 9457 problem for that item alone. By default each match carries its essentials; `detail=full` (query or body) adds the rationale and sources.',
        querystring: BatchQuerySchema,
        body: BatchRequestSchema,
        response: {
          200: {
            description:
              'One entry per item, in input order (JSON); or, as CSV, one row per match and one row per failed item.',
            content: {
              'application/json': { schema: BatchResponseSchema },
              'text/csv': {
                schema: textBody(
                  `Header row: ${batchCsvHeader.join(',')}. \`item\` is the item's index, \`ref\` its ref; a failed item has one row whose \`problem\` gives its code and detail.`,
                ),
              },
            },
          },
          ...problemResponses,
          413: problemResponse(
            `More than ${batchLimit.toLocaleString('en-US')} items, or a body over ${bodyLimit / 1024 / 1024} MiB.`,
          ),
        },
      },
      // Counted before schema validation, so an oversized batch is a 413 that names the limit
      // rather than a 400 from maxItems.
      preValidation: async (request) => {
        const items = (request.body as { items?: unknown } | null)?.items
        if (Array.isArray(items) && items.length > batchLimit) {
          throw HttpProblem.of(
            'too-many-items',
            `A batch holds at most ${batchLimit.toLocaleString('en-US')} items; this one has ${items.length.toLocaleString('en-US')}. Split it.`,
          )
        }
      },
    },
    async (request, reply) => {
      const started = performance.now()
      const { items, to, track = 'same', order = 'best' } = request.body
      const full = request.query.detail === 'full' || request.body.detail === 'full'
      const { catalog, crosswalk } = request.snapshot

      const chosen = to && to.length > 0 ? [...new Set(to)].map((slug) => targetOf(catalog, slug)) : null
      // Default targets: every institution but the source's, one list per source institution.
      const othersOf = new Map<Institution | null, Institution[]>()
      const targetsOf = (source: CrosswalkSource): Institution[] => {
        if (chosen) return chosen
        let others = othersOf.get(source.institution)
        if (!others) {
          others = catalog.institutions.filter((institution) => institution !== source.institution)
          othersOf.set(source.institution, others)
        }
        return others
      }
      const view = full ? crosswalkResultView : essentialResultView
      const mode: TrackMode = track
      const csv = batchMedia(request.query.format, request.headers.accept) === 'text/csv'
      const serializeEntry = reply.compileSerializationSchema(
        schemaOf(full ? FullEntrySchema : EssentialEntrySchema),
      ) as Serialize
      const serializeProblem = reply.compileSerializationSchema(schemaOf(BatchItemProblemSchema)) as Serialize

      /** A problem entry: JSON with the item's ref, or its one CSV row. */
      const problemEntry = (index: number, ref: string | undefined, details: ProblemDetails): Buffer =>
        Buffer.from(
          csv
            ? csvRow([index, ref, ...crosswalkRowBlanks, `${details.code}: ${details.detail}`])
            : serializeProblem(ref === undefined ? details : { ref, ...details }),
        )
      /** An answered entry: the shared bytes of its results, with the item's own index and ref. */
      const answeredEntry = (index: number, ref: string | undefined, shared: Buffer | string[]): Buffer => {
        if (Array.isArray(shared)) {
          const prefix = `${index},${csvField(ref)},`
          return Buffer.from(shared.map((row) => prefix + row).join(''))
        }
        if (ref === undefined) return shared
        return Buffer.concat([Buffer.from(`{"ref":${JSON.stringify(ref)},`), shared.subarray(1)])
      }

      // Each distinct entry is serialized once (JSON bytes, or CSV rows without index and ref);
      // a repeated item reuses them.
      const answered = new Map<string, Buffer | string[]>()
      const entries: Buffer[] = new Array(items.length)
      let failed = 0
      let sliceStarted = performance.now()
      for (let index = 0; index < items.length; index++) {
        if (
          index > 0 &&
          (index % sliceItems === 0 || (index % 64 === 0 && performance.now() - sliceStarted > sliceMs))
        ) {
          await yieldToLoop()
          sliceStarted = performance.now()
        }
        const item = items[index]
        const ref = refOf(item)
        if (!itemValidator.Check(item)) {
          entries[index] = problemEntry(index, ref, itemProblem(index, item))
          failed++
          continue
        }
        const key = itemKey(item)
        const known = answered.get(key)
        if (known !== undefined) {
          entries[index] = answeredEntry(index, ref, known)
          continue
        }
        try {
          const input = crosswalkInput({ ...item, grade: item.grade === undefined ? undefined : String(item.grade) })
          const results = crosswalk.resolve(input).map((source) => ({
            source,
            matches: ordered(
              targetsOf(source).map((target) => crosswalk.match(source, target, mode)),
              order,
            ),
          }))
          const shared = csv
            ? results.flatMap((result) => crosswalkRows(result, full)).map((row) => csvRow([...row, null]))
            : Buffer.from(serializeEntry({ results: results.map(view) }))
          answered.set(key, shared)
          entries[index] = answeredEntry(index, ref, shared)
        } catch (error) {
          entries[index] = problemEntry(index, ref, answeredProblem(index, error))
          failed++
        }
      }

      // The time to answer every item; sending follows, as the client reads.
      reply.header('server-timing', `batch;dur=${(performance.now() - started).toFixed(1)}`)
      if (csv) {
        const header = `${request.query.bom ? utf8Bom : ''}${csvRow(batchCsvHeader)}`
        const rows = Readable.from(answerChunks(entries, header, '', ''), { objectMode: false })
        return sendStream(reply, rows, contentTypes['text/csv'])
      }
      const closing = `],"total":${items.length},"failed":${failed}}`
      return sendStream(reply, Readable.from(answerChunks(entries, '{"items":[', ',', closing), { objectMode: false }))
    },
  )
}

export default batchRoutes
