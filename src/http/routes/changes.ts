import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ChangeFrom } from '../../db/institutions.js'
import { retryAfterHeader } from '../plugins/api-contract.js'
import { HttpProblem } from '../problems.js'
import { pageLinks } from '../representations/pagination.js'
import { ChangeListQuerySchema, ChangeListSchema } from '../schemas/change.js'
import { linkHeader, problemResponse, problemResponses } from '../schemas/common.js'

const versionPattern = /^[0-9a-f]{16}$/
// A date, or a date and time with a zone: a time without one would depend on the server's zone.
const timePattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/

const changeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/changes',
    {
      config: { reportsLog: true },
      schema: {
        tags: ['changes'],
        operationId: 'listChanges',
        summary: 'The change log: every committed write, oldest first',
        description:
          'Every acknowledged write, one entry each (a PUT that left the document as it was too, with `versionBefore` equal to `versionAfter`). `since` takes a data version (the `dataVersion` of /readyz or a `versionAfter`): the changes made after the data was at that version; a version the data has held more than once counts from its first appearance, so changes may repeat but are never skipped. Or an ISO 8601 date or time with a zone: the changes at or after it. `limit` (≤ 100) and `offset` page through the list; `total` counts it and a `Link` header gives the next and previous pages.',
        querystring: ChangeListQuerySchema,
        response: {
          200: { ...ChangeListSchema, headers: linkHeader },
          ...problemResponses,
          503: {
            ...problemResponse(
              'The change log is read from the store, which cannot be reached (`store-unavailable`, Retry-After 5) or is busy (`store-busy`, Retry-After 1); or the service is overloaded.',
            ),
            headers: retryAfterHeader,
          },
        },
      },
    },
    async (request, reply) => {
      const { since } = request.query
      const limit = request.query.limit ?? 20
      const offset = request.query.offset ?? 0
      let from: ChangeFrom = {}
      if (since !== undefined && versionPattern.test(since)) {
        const found = await app.store.changesSinceVersion(since)
        if (found) from = found
        else if (since === app.levelmap.current.catalog.version) from = { fromId: Number.MAX_SAFE_INTEGER }
        else throw HttpProblem.of('unknown-version', `The change log has no data version "${since}".`)
      } else if (since !== undefined) {
        const time = timePattern.test(since) ? Date.parse(since) : Number.NaN
        if (Number.isNaN(time)) {
          const message = 'must be a data version (16 hex digits) or an ISO 8601 date or time with a zone'
          throw HttpProblem.of('invalid-parameter', `Invalid querystring: since: ${message}.`, {
            errors: [{ location: 'querystring', name: 'since', message }],
          })
        }
        from = { at: new Date(time).toISOString() }
      }
      const page = await app.store.readChanges(from, { limit, offset })
      const links = pageLinks(request.url, offset, limit, page.total)
      if (links) reply.header('link', links)
      return { items: page.items, total: page.total, limit, offset }
    },
  )
}

export default changeRoutes
