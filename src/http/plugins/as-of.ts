// `asOf` on the catalog's reads: the catalog as it stood at a moment, built from the institution
// versions in force then (the store's history) and answered exactly as the present is. Every
// request gets `request.snapshot`: the present, or that past catalog for a route that takes asOf
// (config.asOf) and a request that names one. A past catalog is built on demand and kept by its
// data version (the content hash of that moment, which the answer's ETag carries), at most
// `pastCatalogs` of them; a moment already resolved costs one map lookup. An answer for a moment
// more than `settledMs` ago can never change: it is sent with an immutable cache lifetime. The
// scale is not versioned: a past catalog is read against the scale loaded now.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { type Snapshot, snapshotFromStore } from '../../catalog/snapshot.js'
import { combineVersion, scaleDigest } from '../../documents/version.js'
import { HttpProblem } from '../problems.js'
import { momentOf } from '../query.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The catalog as it stood at a moment (ISO 8601; one still to come is the present). */
    catalogAt(moment: string): Promise<{ snapshot: Snapshot; moment: string; settled: boolean }>
  }
  interface FastifyContextConfig {
    /** The route answers from `request.snapshot` and takes `asOf`. */
    asOf?: boolean
  }
  interface FastifyRequest {
    /** The catalog this request answers from: the present, or the one `asOf` names. */
    snapshot: Snapshot
    /** The moment `asOf` resolved to (ISO 8601), or null for the present. */
    asOf: string | null
    /** Whether the answer is for a settled past and can be cached for good. */
    asOfSettled: boolean
  }
}

export const AsOfQuerySchema = {
  type: 'string',
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  description:
    'Answer from the catalog as it stood at this moment: a date (the end of that day, UTC) or a timestamp. The answer carries `Levelmap-As-Of` (the moment) and `Levelmap-Data-Version` (the data version then); one for a moment more than a minute past never changes and is cached for good. A moment before an institution existed answers without it.',
} as const

/** Past moments resolve to the data version then; past catalogs are kept by that version. */
class PastCatalogs {
  private readonly byMoment = new Map<string, string>()
  private readonly byVersion = new Map<string, Snapshot>()
  constructor(private readonly limit: number) {}
  versionAt(moment: string): string | undefined {
    return this.byMoment.get(moment)
  }
  get(version: string): Snapshot | undefined {
    const found = this.byVersion.get(version)
    if (found) {
      // Most recently used last: the first is the one to drop.
      this.byVersion.delete(version)
      this.byVersion.set(version, found)
    }
    return found
  }
  set(moment: string, version: string, snapshot: Snapshot, settled: boolean): void {
    if (settled) {
      if (this.byMoment.size >= this.limit * 64) this.byMoment.clear()
      this.byMoment.set(moment, version)
    }
    this.byVersion.set(version, snapshot)
    while (this.byVersion.size > this.limit) {
      const oldest = this.byVersion.keys().next().value
      if (oldest === undefined) break
      this.byVersion.delete(oldest)
    }
  }
  clearMoments(): void {
    this.byMoment.clear()
  }
}

function withAsOf(route: RouteOptions): void {
  const querystring = (route.schema?.querystring ?? {
    type: 'object',
    properties: {},
    additionalProperties: false,
  }) as {
    properties?: Record<string, unknown>
  }
  route.schema = {
    ...route.schema,
    querystring: { ...querystring, properties: { ...querystring.properties, asOf: AsOfQuerySchema } },
  }
}

export default fp<{ pastCatalogs?: number; settledMs?: number }>(
  async function asOf(app: FastifyInstance, options) {
    const past = new PastCatalogs(options.pastCatalogs ?? 8)
    const settledMs = options.settledMs ?? 60_000
    app.decorateRequest('snapshot', null as unknown as Snapshot)
    app.decorateRequest('asOf', null)
    app.decorateRequest('asOfSettled', false)

    app.addHook('onRoute', (route) => {
      if (route.config?.asOf) withAsOf(route)
    })

    async function snapshotAt(moment: string, settled: boolean): Promise<Snapshot> {
      const known = settled ? past.versionAt(moment) : undefined
      const cached = known === undefined ? undefined : past.get(known)
      if (cached) return cached
      const { scaleDocument } = app.levelmap.current.catalog
      const versions = await app.store.institutionsAt(moment)
      const stored = versions.flatMap((entry) =>
        entry.document && entry.digest ? [{ document: entry.document, digest: entry.digest }] : [],
      )
      const version = combineVersion(
        scaleDigest(scaleDocument),
        stored.map(({ document, digest }) => ({ slug: document.slug, digest })),
      )
      const built = past.get(version) ?? snapshotFromStore(scaleDocument, stored, version)
      past.set(moment, version, built, settled)
      return built
    }

    app.decorate('catalogAt', async (moment: string) => {
      const now = Date.now()
      const settled = Date.parse(moment) < now - settledMs
      // A moment still to come answers the present.
      const effective = Date.parse(moment) > now ? new Date(now).toISOString() : moment
      return { snapshot: await snapshotAt(effective, settled), moment: effective, settled }
    })

    app.addHook('onRequest', async (request: FastifyRequest, reply) => {
      request.snapshot = app.levelmap.current
      if (!request.routeOptions.config?.asOf) return
      const given = (request.query as { asOf?: unknown }).asOf
      if (given === undefined) return
      const moment = typeof given === 'string' ? momentOf(given) : null
      if (moment === null) {
        const shown = typeof given === 'string' && given.length <= 40 ? `"${given}"` : 'the value given'
        throw HttpProblem.of('invalid-parameter', `asOf: ${shown} is not a date or timestamp that exists.`, {
          errors: [
            {
              location: 'querystring',
              name: 'asOf',
              message: 'a date (2026-03-15) or a timestamp (2026-03-15T09:30:00Z)',
            },
          ],
        })
      }
      const { snapshot, moment: effective, settled } = await app.catalogAt(moment)
      request.asOf = effective
      request.asOfSettled = settled
      request.snapshot = snapshot
      reply.header('levelmap-as-of', effective).header('levelmap-data-version', request.snapshot.catalog.version)
    })
  },
  { name: 'as-of', dependencies: ['catalog', 'store', 'errors'] },
)
