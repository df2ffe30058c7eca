// An institution's history, read from the store: every published version (immutable), one
// version's document, and what changed between two versions or two moments.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { crosswalkChanges } from '../../crosswalk/changes.js'
import type { StoredVersion, VersionListing } from '../../db/versions.js'
import { diffDocuments } from '../../documents/diff.js'
import { settledCacheControl } from '../plugins/answer-cache.js'
import { HttpProblem, unknownInstitutionDetail } from '../problems.js'
import { requireMoment } from '../query.js'
import { problemResponse, problemResponses } from '../schemas/common.js'
import {
  CrosswalkChangesQuerySchema,
  CrosswalkChangesSchema,
  DiffQuerySchema,
  VersionDiffSchema,
  VersionListSchema,
  VersionParamsSchema,
  VersionSchema,
} from '../schemas/history.js'
import { InstitutionParamsSchema } from '../schemas/institution.js'

const listingOf = ({ document: _document, slug: _slug, ...listing }: StoredVersion): Omit<VersionListing, 'slug'> =>
  listing

const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const neverExisted = (slug: string) =>
    HttpProblem.of('unknown-institution', unknownInstitutionDetail(slug), {
      errors: [{ location: 'params', name: 'slug', message: 'no institution has had this slug' }],
    })

  app.get(
    '/institutions/:slug/versions',
    {
      config: { uncached: true },
      schema: {
        tags: ['institutions'],
        operationId: 'listInstitutionVersions',
        summary: 'Every published version of an institution, oldest first',
        description:
          'One version per write that changed the document (a PUT of the document already stored adds none; the change log still records it), and one for a delete, which ends the history without erasing it. Each says when it was published, by which key and change, and the effective date its source states.',
        params: InstitutionParamsSchema,
        response: { 200: VersionListSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { slug } = request.params
      const items = await app.store.listInstitutionVersions(slug)
      if (items.length === 0) throw neverExisted(slug)
      reply.header('cache-control', 'no-cache')
      return { slug, items: items.map(({ slug: _slug, ...item }) => item) }
    },
  )

  app.get(
    '/institutions/:slug/versions/:n',
    {
      config: { uncached: true },
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitutionVersion',
        summary: 'One published version of an institution, with its document as it was',
        description: 'A version never changes: it is answered with a year-long, immutable cache lifetime.',
        params: VersionParamsSchema,
        response: {
          200: VersionSchema,
          ...problemResponses,
          404: problemResponse('No institution has had this slug, or it has no version n.'),
        },
      },
    },
    async (request, reply) => {
      const { slug, n } = request.params
      const version = await app.store.readInstitutionVersion(slug, n)
      if (!version) {
        const known = await app.store.listInstitutionVersions(slug)
        if (known.length === 0) throw neverExisted(slug)
        throw HttpProblem.of('not-found', `${slug} has versions 1 to ${known.length}, not ${n}.`, {
          errors: [{ location: 'params', name: 'n', message: `at most ${known.length}` }],
        })
      }
      reply
        .header('cache-control', settledCacheControl)
        .header('etag', `"${slug}-v${n}-${version.digest ?? 'deleted'}"`)
      const { slug: _slug, ...rest } = version
      return rest
    },
  )

  app.get(
    '/institutions/:slug/diff',
    {
      config: { uncached: true },
      schema: {
        tags: ['institutions'],
        operationId: 'diffInstitutionVersions',
        summary: 'What changed in an institution between two versions or two moments',
        description:
          'Grades and jobs added, removed, moved on the scale (from → to, with both rationales) and renamed. `from` and `to` are version numbers, dates (the end of that day, UTC) or timestamps; `to` is the latest version when left out. A moment before the institution existed compares with nothing.',
        params: InstitutionParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: VersionDiffSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { slug } = request.params
      const versions = await app.store.listInstitutionVersions(slug)
      if (versions.length === 0) throw neverExisted(slug)
      const resolve = async (point: string | undefined, name: string): Promise<StoredVersion | null> => {
        if (point === undefined) return (await app.store.readInstitutionVersion(slug, versions.length)) ?? null
        if (/^\d+$/.test(point)) {
          const found = await app.store.readInstitutionVersion(slug, Number(point))
          if (!found) {
            throw HttpProblem.of('invalid-parameter', `${slug} has versions 1 to ${versions.length}, not ${point}.`, {
              errors: [{ location: 'querystring', name, message: `at most ${versions.length}` }],
            })
          }
          return found
        }
        return (await app.store.institutionVersionAt(slug, requireMoment(point, name))) ?? null
      }
      const from = await resolve(request.query.from, 'from')
      const to = await resolve(request.query.to, 'to')
      reply.header('cache-control', 'no-cache')
      return {
        slug,
        from: from ? listingOf(from) : null,
        to: to ? listingOf(to) : null,
        ...diffDocuments(from?.document ?? null, to?.document ?? null),
      }
    },
  )

  app.get(
    '/crosswalk/changes',
    {
      config: { uncached: true },
      schema: {
        tags: ['crosswalk'],
        operationId: 'crosswalkChanges',
        summary: 'Which crosswalk answers from one institution to another differ between two moments',
        description:
          'For every job of `from` at either moment, its best match in `to` at `since` and at `until` (now by default), each from the catalog as it stood then (as `asOf` reads it); only the answers that differ are listed. What an HRIS that synced at `since` needs to update.',
        querystring: CrosswalkChangesQuerySchema,
        response: { 200: CrosswalkChangesSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { from, to, since, until } = request.query
      const [before, after] = await Promise.all([
        app.catalogAt(requireMoment(since, 'since')),
        app.catalogAt(requireMoment(until ?? new Date().toISOString(), 'until')),
      ])
      for (const [slug, name] of [
        [from, 'from'],
        [to, 'to'],
      ] as const) {
        if (
          !before.snapshot.catalog.institutionBySlug.has(slug) &&
          !after.snapshot.catalog.institutionBySlug.has(slug)
        ) {
          throw HttpProblem.of('unknown-institution', `No institution "${slug}" at either moment.`, {
            errors: [{ location: 'querystring', name, message: 'no such institution at either moment' }],
          })
        }
      }
      reply.header('cache-control', before.settled && after.settled ? settledCacheControl : 'no-cache')
      return {
        from,
        to,
        since: before.moment,
        until: after.moment,
        versions: { since: before.snapshot.catalog.version, until: after.snapshot.catalog.version },
        items: crosswalkChanges(before.snapshot, after.snapshot, from, to),
      }
    },
  )
}

export default historyRoutes
