// Everything under /v1/institutions: the list, one institution as the API shows it, and its
// document: read one in the format of data/institutions/<slug>.json, write one whole (create or
// replace), delete one. Writes need an API key with scope `write`, go through the one
// write path (src/db/writes.ts) and swap the new snapshot in before they answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest, FastifySerializerCompiler } from 'fastify'
import { type TSchema, Type } from 'typebox'
import type { ApiKeyIdentity } from '../../db/keys.js'
import { canonicalJson } from '../../documents/canonical.js'
import { InstitutionDocumentRef, InstitutionDocumentSchema } from '../../documents/schema.js'
import { retryAfterHeader } from '../plugins/api-contract.js'
import { authProblemResponses, bearerSecurity } from '../plugins/auth.js'
import {
  HttpProblem,
  invalidDocument,
  type ProblemPlace,
  requireInstitution,
  unknownInstitutionDetail,
} from '../problems.js'
import { institutionSummary, institutionView } from '../representations/json.js'
import { ChangeSchema } from '../schemas/change.js'
import { problemResponse, problemResponses } from '../schemas/common.js'
import { InstitutionListSchema, InstitutionParamsSchema, InstitutionSchema } from '../schemas/institution.js'
import { bodyCheckedByRoute } from '../validation.js'

/** A write refused because the store cannot be reached, or is busy: nothing was written. */
const slugParam: ProblemPlace = { location: 'params', name: 'slug' }

const storeUnavailableResponse = {
  ...problemResponse(
    'Nothing was written: the store cannot be reached (`store-unavailable`, Retry-After 5), or it is busy and the write could not get a connection or the lock in time (`store-busy`, Retry-After 1).',
  ),
  headers: retryAfterHeader,
}

/** Largest request body a document write reads; the biggest seed document is about 35 KiB. */
export const documentBodyLimit = 2 * 1024 * 1024

/** The document is sent in canonical form, the exact bytes of its file in data/institutions/. */
const canonicalDocumentSerializer: FastifySerializerCompiler<TSchema> = ({ httpStatus }) =>
  httpStatus === '200'
    ? (document) => canonicalJson(InstitutionDocumentSchema, document)
    : (value) => JSON.stringify(value)

/** An institution document's ETag: its digest, so a write to another institution leaves it as it is. */
export function documentTag(digest: string): string {
  return `"${digest}"`
}

/**
 * The digests an If-Match header names (RFC 9110 §13.1.1, strong comparison): `*` stays `*`, a
 * weak tag never matches, and the ETag of a compressed form names the same document. Undefined
 * when the header is absent.
 */
export function expectedDigests(header: string | string[] | undefined): string[] | undefined {
  if (header === undefined) return undefined
  const text = Array.isArray(header) ? header.join(',') : header
  return text
    .split(',')
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate === '*' || /^"[^"]*"$/.test(candidate))
    .map((candidate) => (candidate === '*' ? '*' : candidate.slice(1, -1).replace(/-(br|gzip)$/, '')))
}

const ifMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 2000,
      description:
        'The ETag of `GET /v1/institutions/{slug}/document` as last read: the write happens only if the stored document is still that one (412 otherwise). `*`: only if the institution exists.',
    }),
  ),
})

const etagHeader = {
  ETag: {
    type: 'string',
    maxLength: 80,
    description: 'The ETag of the document as now stored, for the next If-Match.',
  },
}

function preconditionFailed(slug: string, current: string | null): HttpProblem {
  return HttpProblem.of(
    'precondition-failed',
    current === null
      ? `If-Match was given but there is no institution "${slug}"; nothing was written.`
      : `The document of "${slug}" changed since the ETag in If-Match was read (it is now ${documentTag(current)}); nothing was written. GET it again, reapply the edit and retry.`,
    { errors: [{ location: 'headers', name: 'if-match', message: 'does not name the stored document' }] },
  )
}

/** The key name the change log records; the preParsing hook guarantees a key. */
function writer(key: ApiKeyIdentity | null): string {
  if (!key) throw new Error('a write route ran without its key check')
  return key.name
}

const writeDescription = `Needs an API key with scope \`write\`. The body is a whole institution document in the format of the files in data/institutions/ (grades with placements and rationale, families, jobs with sources); unknown fields are rejected. Every problem is reported at once as a 422 with a JSON pointer per problem, and nothing is written. The write is one transaction; the crosswalk and the data version switch before the response is sent. A PUT of the document already stored is still a write: 200 with a logged \`replace\` whose \`versionBefore\` equals \`versionAfter\`, and \`changedAt\` of /v1/meta moves to it. Body limit ${documentBodyLimit / 1024 / 1024} MiB.`

/** GET /v1/institutions and /v1/institutions/{slug}. */
const readRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions',
    {
      config: { asOf: true },
      schema: {
        tags: ['institutions'],
        operationId: 'listInstitutions',
        summary: 'Every institution with its source document and effective date',
        response: { 200: InstitutionListSchema },
      },
    },
    async (request) => {
      const { institutions } = request.snapshot.catalog
      return { items: institutions.map(institutionSummary), total: institutions.length }
    },
  )

  app.get(
    '/institutions/:slug',
    {
      config: { asOf: true },
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitution',
        summary: 'One institution: its grades in pay order with their placements, its families and source',
        params: InstitutionParamsSchema,
        response: { 200: InstitutionSchema, ...problemResponses },
      },
    },
    async (request) => {
      const institution = requireInstitution(request.snapshot.catalog, request.params.slug, slugParam)
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
      config: {
        entityTag: (request: FastifyRequest) => {
          const { slug } = request.params as { slug?: string }
          const institution = slug === undefined ? undefined : app.levelmap.current.catalog.institutionBySlug.get(slug)
          return institution ? documentTag(institution.digest) : undefined
        },
      },
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitutionDocument',
        summary: 'One institution as a document, byte for byte in the format of data/institutions/<slug>.json',
        description:
          'Canonical JSON: keys in schema order, two-space indent, a trailing newline. The `ETag` is the document’s digest: send it back as `If-Match` on PUT or DELETE so that a write made by someone else in between is refused (412) rather than overwritten.',
        params: InstitutionParamsSchema,
        response: {
          200: { ...InstitutionDocumentRef, description: 'The document, in canonical form.' },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const institution = requireInstitution(app.levelmap.current.catalog, request.params.slug, slugParam)
      return institution.document
    },
  )

  app.put(
    '/institutions/:slug',
    {
      preParsing: app.requireScope('write'),
      bodyLimit: documentBodyLimit,
      // The write path checks the document in full and answers every problem at once (422).
      validatorCompiler: bodyCheckedByRoute,
      schema: {
        tags: ['institutions'],
        operationId: 'putInstitution',
        summary: 'Create or replace an institution from its whole document',
        description: writeDescription,
        security: bearerSecurity,
        params: InstitutionParamsSchema,
        headers: ifMatchHeaders,
        body: InstitutionDocumentRef,
        response: {
          200: { ...ChangeSchema, description: 'Replaced: the change as logged.', headers: etagHeader },
          201: { ...ChangeSchema, description: 'Created: the change as logged.', headers: etagHeader },
          400: problemResponses[400],
          ...authProblemResponses,
          413: problemResponse(`The body exceeds ${documentBodyLimit / 1024 / 1024} MiB.`),
          415: problemResponse('The body is not application/json.'),
          412: problemResponse('If-Match does not name the stored document (or there is none). Nothing was written.'),
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
      const result = await app.store.put(document, writer(request.apiKey), {
        urlSlug: slug,
        ifMatch: expectedDigests(request.headers['if-match']),
      })
      if (result.outcome === 'precondition-failed') throw preconditionFailed(slug, result.current)
      if (result.outcome === 'invalid') throw invalidDocument(result.issues)
      // Same tick as the commit: no other request runs between the two.
      app.levelmap.apply(result.change.institution, result.institution, result.sources, {
        changedAt: result.changedAt,
        head: result.logHead,
      })
      if (result.institution) reply.header('etag', documentTag(result.institution.digest))
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
          'Needs an API key with scope `write`. The institutions the scale is calibrated on (harvard, columbia, new-mexico) cannot be deleted (409). With `If-Match`, only the document of that ETag is deleted (412 otherwise).',
        security: bearerSecurity,
        params: InstitutionParamsSchema,
        headers: ifMatchHeaders,
        response: {
          200: { ...ChangeSchema, description: 'Deleted: the change as logged.' },
          ...problemResponses,
          ...authProblemResponses,
          409: problemResponse('The scale is calibrated on this institution.'),
          412: problemResponse('If-Match does not name the stored document (or there is none). Nothing was deleted.'),
          503: storeUnavailableResponse,
        },
      },
    },
    async (request) => {
      const { slug } = request.params
      const result = await app.store.remove(slug, writer(request.apiKey), {
        ifMatch: expectedDigests(request.headers['if-match']),
      })
      if (result.outcome === 'precondition-failed') throw preconditionFailed(slug, result.current)
      if (result.outcome === 'not-found') {
        throw HttpProblem.of('unknown-institution', unknownInstitutionDetail(slug), {
          errors: [{ ...slugParam, message: `no institution "${slug}"` }],
        })
      }
      if (result.outcome === 'conflict') throw HttpProblem.of('conflict', result.reason)
      app.levelmap.apply(slug, null, [], { changedAt: result.changedAt, head: result.logHead })
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
