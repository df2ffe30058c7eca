// Everything under /v1/institutions: the list, one institution as the API shows it, and its
// document: read one in the format of data/institutions/<slug>.json, write one whole (create or
// replace), delete one. Writes need an API key with scope `write`, go through the one
// write path (src/db/writes.ts) and swap the new snapshot in before they answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import type { ApiKeyIdentity } from '../../db/keys.js'
import { canonicalJson } from '../../documents/canonical.js'
import { InstitutionDocumentRef, InstitutionDocumentSchema } from '../../documents/schema.js'
import { authProblemResponses, bearerSecurity } from '../plugins/auth.js'
import { HttpProblem } from '../problems.js'
import { institutionSummary, institutionView } from '../representations/json.js'
import { ChangeSchema } from '../schemas/change.js'
import { problemResponse, problemResponses } from '../schemas/common.js'
import { InstitutionListSchema, InstitutionParamsSchema, InstitutionSchema } from '../schemas/institution.js'

/** A write refused because the shared store cannot be reached (PostgreSQL down): nothing was written. */
const storeUnavailableResponse = problemResponse(
  'The store (PostgreSQL) cannot be reached; nothing was written. Retry-After says when to try again.',
)

/** Largest request body a document write reads; the biggest seed document is about 35 KiB. */
export const documentBodyLimit = 2 * 1024 * 1024

/**
 * The PUT body is declared with the document schema (so OpenAPI describes it) but not checked by
 * Fastify's validator, which stops at the first error and coerces types: the write path checks
 * it in full and answers every problem at once (422). The URL parameters are checked as usual,
 * with errors in the shape the error handler reads.
 */
const documentRouteValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return () => true
  const validator = Compile(schema)
  return (value: unknown) =>
    validator.Check(value)
      ? true
      : {
          error: validator.Errors(value).map((error) => ({
            keyword: error.keyword,
            instancePath: error.instancePath,
            schemaPath: error.schemaPath,
            params: error.params as Record<string, unknown>,
            message: error.message,
          })),
        }
}

/** The document is sent in canonical form, the exact bytes of its file in data/institutions/. */
const canonicalDocumentSerializer: FastifySerializerCompiler<TSchema> = ({ httpStatus }) =>
  httpStatus === '200'
    ? (document) => canonicalJson(InstitutionDocumentSchema, document)
    : (value) => JSON.stringify(value)

/** The key name the change log records; the preParsing hook guarantees a key. */
function writer(key: ApiKeyIdentity | null): string {
  if (!key) throw new Error('a write route ran without its key check')
  return key.name
}

const writeDescription = `Needs an API key with scope \`write\`. The body is a whole institution document in the format of the files in data/institutions/ (grades with placements and rationale, families, jobs with sources); unknown fields are rejected. Every problem is reported at once as a 422 with a JSON pointer per problem, and nothing is written. The write is one SQLite transaction; the crosswalk and the data version switch before the response is sent. Body limit ${documentBodyLimit / 1024 / 1024} MiB.`

/** GET /v1/institutions and /v1/institutions/{slug}. */
const readRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'listInstitutions',
        summary: 'Every institution with its source document and effective date',
        response: { 200: InstitutionListSchema },
      },
    },
    async () => {
      const { institutions } = app.levelmap.current.catalog
      return { items: institutions.map(institutionSummary), total: institutions.length }
    },
  )

  app.get(
    '/institutions/:slug',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitution',
        summary: 'One institution: its grades in pay order with their placements, its families and source',
        params: InstitutionParamsSchema,
        response: { 200: InstitutionSchema, ...problemResponses },
      },
    },
    async (request) => {
      const institution = app.levelmap.current.catalog.institutionBySlug.get(request.params.slug)
      if (!institution) throw HttpProblem.of('unknown-institution', `No institution "${request.params.slug}".`)
      return institutionView(institution)
    },
  )
}

/** GET /v1/institutions/{slug}/document, PUT and DELETE /v1/institutions/{slug}. */
const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions/:slug/document',
    {
      serializerCompiler: canonicalDocumentSerializer,
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitutionDocument',
        summary: 'One institution as a document, byte for byte in the format of data/institutions/<slug>.json',
        description: 'Canonical JSON: keys in schema order, two-space indent, a trailing newline.',
        params: InstitutionParamsSchema,
        response: {
          200: { ...InstitutionDocumentRef, description: 'The document, in canonical form.' },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const institution = app.levelmap.current.catalog.institutionBySlug.get(request.params.slug)
      if (!institution) throw HttpProblem.of('unknown-institution', `No institution "${request.params.slug}".`)
      return institution.document
    },
  )

  app.put(
    '/institutions/:slug',
    {
      preParsing: app.requireScope('write'),
      bodyLimit: documentBodyLimit,
      validatorCompiler: documentRouteValidator,
      schema: {
        tags: ['institutions'],
        operationId: 'putInstitution',
        summary: 'Create or replace an institution from its whole document',
        description: writeDescription,
        security: bearerSecurity,
        params: InstitutionParamsSchema,
        body: InstitutionDocumentRef,
        response: {
          200: { ...ChangeSchema, description: 'Replaced: the change as logged.' },
          201: { ...ChangeSchema, description: 'Created: the change as logged.' },
          400: problemResponses[400],
          ...authProblemResponses,
          413: problemResponse(`The body exceeds ${documentBodyLimit / 1024 / 1024} MiB.`),
          415: problemResponse('The body is not application/json.'),
          422: problemResponse('The document is invalid; `errors` lists every problem. Nothing was written.'),
          503: storeUnavailableResponse,
        },
      },
    },
    async (request, reply) => {
      const document: unknown = request.body
      const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
      if (document === undefined || document === null) {
        throw HttpProblem.of('bad-request', 'The body must be an institution document (a JSON object).')
      }
      if (mediaType !== 'application/json') {
        throw HttpProblem.of('unsupported-media-type', 'Send the document as application/json.')
      }
      if (typeof document !== 'object' || Array.isArray(document)) {
        throw HttpProblem.of('bad-request', 'The body must be an institution document (a JSON object).')
      }
      const { slug } = request.params
      const result = await app.store.put(document, writer(request.apiKey), { urlSlug: slug })
      if (result.outcome === 'invalid') {
        const [first] = result.issues
        throw HttpProblem.of(
          'invalid-document',
          `The document has ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}; nothing was written. First: ${first?.path || '(document)'}: ${first?.message}.`,
          { errors: result.issues.map((issue) => ({ location: 'body', path: issue.path, message: issue.message })) },
        )
      }
      // Same tick as the commit: no other request runs between the two.
      app.levelmap.apply(result.change.institution, result.institution, result.sources)
      request.log.info({ change: result.change }, 'institution written')
      if (result.change.kind === 'create') reply.code(201).header('location', `/v1/institutions/${slug}`)
      return result.change
    },
  )

  app.delete(
    '/institutions/:slug',
    {
      preParsing: app.requireScope('write'),
      schema: {
        tags: ['institutions'],
        operationId: 'deleteInstitution',
        summary: 'Delete an institution with its grades, families and jobs',
        description:
          'Needs an API key with scope `write`. The institutions the scale is calibrated on (harvard, columbia, new-mexico) cannot be deleted (409).',
        security: bearerSecurity,
        params: InstitutionParamsSchema,
        response: {
          200: { ...ChangeSchema, description: 'Deleted: the change as logged.' },
          ...problemResponses,
          ...authProblemResponses,
          409: problemResponse('The scale is calibrated on this institution.'),
          503: storeUnavailableResponse,
        },
      },
    },
    async (request) => {
      const { slug } = request.params
      const result = await app.store.remove(slug, writer(request.apiKey))
      if (result.outcome === 'not-found') throw HttpProblem.of('unknown-institution', `No institution "${slug}".`)
      if (result.outcome === 'conflict') throw HttpProblem.of('conflict', result.reason)
      app.levelmap.apply(slug, null)
      request.log.info({ change: result.change }, 'institution deleted')
      return result.change
    },
  )
}

const institutionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(readRoutes)
  await app.register(documentRoutes)
}

export default institutionRoutes
