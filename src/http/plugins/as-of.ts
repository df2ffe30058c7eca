// `asOf` on the catalog's reads: the catalog as it stood at a moment, built from the institution
// versions in force then (the store's history) and answered exactly as the present is. A route
// that takes asOf (config.asOf) reads `request.snapshot`: the present, or the past catalog the
// request names. Which versions were in force is one statement; an institution whose document is
// one already built (the present's, or a kept past catalog's) is reused with its crosswalk index,
// and only the others are read and built, a few at a time between turns of the event loop, so
// that building a past catalog of 1,000 institutions does not hold other requests. Past catalogs
// are kept by their data version (the content hash of that moment, which the answer's ETag
// carries), at most `pastCatalogs`; a settled moment already resolved costs one map lookup. An
// answer for a moment more than `settledMs` ago can never change: it is sent with an immutable
// cache lifetime. The scale is not versioned: a past catalog is read against the scale loaded now.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { assembleCatalog, buildInstitution, type Institution } from '../../catalog/model.js'
import { type Snapshot, snapshotOf } from '../../catalog/snapshot.js'
import type { VersionListing } from '../../db/versions.js'
import { combineVersion, scaleDigest } from '../../documents/version.js'
import { requireMoment } from '../query.js'
import { addRouteHook } from './negotiation.js'

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
    /** The data version of the moment asOf names (null for the present). */
    asOfVersion: string | null
  }
}

export const AsOfQuerySchema = {
  type: 'string',
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  description:
    'Answer from the catalog as it stood at this moment: a date (the end of that day, UTC) or a timestamp. The answer carries `Levelmap-As-Of` (the moment) and `Levelmap-Data-Version` (the data version then); one for a moment more than a minute past never changes and is cached for good. A moment before an institution existed answers without it.',
} as const

/** Institutions read and built between two turns of the event loop, when a past catalog is built. */
const buildChunk = 20

/** Past moments resolve to the data version then; past catalogs are kept by that version, the least recently used dropped first. */
class PastCatalogs {
  private readonly byMoment = new Map<string, string>()
  private readonly byVersion = new Map<string, Snapshot>()
  constructor(private readonly limit: number) {}
  versionAt(moment: string): string | undefined {
    return this.byMoment.get(moment)
  }
  /** A settled moment's version: it can never change. */
  remember(moment: string, version: string): void {
    if (this.byMoment.size >= 10_000) this.byMoment.clear()
    this.byMoment.set(moment, version)
  }
  get(version: string): Snapshot | undefined {
    const found = this.byVersion.get(version)
    if (found) {
      this.byVersion.delete(version)
      this.byVersion.set(version, found)
    }
    return found
  }
  snapshots(): IterableIterator<Snapshot> {
    return this.byVersion.values()
  }
  keep(version: string, snapshot: Snapshot): void {
    this.byVersion.set(version, snapshot)
    while (this.byVersion.size > this.limit) {
      const oldest = this.byVersion.keys().next().value
      if (oldest === undefined) break
      this.byVersion.delete(oldest)
    }
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
    const past = new PastCatalogs(options.pastCatalogs ?? 4)
    const settledMs = options.settledMs ?? 60_000
    app.decorateRequest('snapshot', null as unknown as Snapshot)
    app.decorateRequest('asOf', null)
    app.decorateRequest('asOfSettled', false)
    app.decorateRequest('asOfVersion', null)

    /** Institutions already built, by digest: the present's and those of the past catalogs kept. */
    function builtByDigest(): Map<string, Institution> {
      const built = new Map<string, Institution>()
      for (const institution of app.levelmap.current.catalog.institutions) built.set(institution.digest, institution)
      for (const snapshot of past.snapshots()) {
        for (const institution of snapshot.catalog.institutions) built.set(institution.digest, institution)
      }
      return built
    }

    /** The version of each institution in force at a moment (deletes are left out, so each has a digest). */
    const inForceAt = async (moment: string) =>
      (await app.store.versionsInForce(moment)).filter((entry) => entry.digest !== null)

    /** A moment's data version and the versions in force then, without building anything. */
    async function versionAt(
      moment: string,
      settled: boolean,
    ): Promise<{ version: string; inForce: VersionListing[] | null }> {
      const known = settled ? past.versionAt(moment) : undefined
      if (known !== undefined) return { version: known, inForce: null }
      const { scaleDocument } = app.levelmap.current.catalog
      const inForce = await inForceAt(moment)
      const version = combineVersion(
        scaleDigest(scaleDocument),
        inForce.map((entry) => ({ slug: entry.slug, digest: entry.digest as string })),
      )
      if (settled) past.remember(moment, version)
      return { version, inForce }
    }

    /** The catalog of a moment whose version is known: kept, or built from the versions in force. */
    async function buildAt(moment: string, version: string, given: VersionListing[] | null): Promise<Snapshot> {
      const kept = past.get(version)
      if (kept) return kept
      const { scaleDocument } = app.levelmap.current.catalog
      const inForce = given ?? (await inForceAt(moment))
      // An institution whose document is one already built (the present's, or a kept past's) is
      // reused with its crosswalk index; only the others are read and built, a few at a time so
      // that other requests are answered in between.
      const built = builtByDigest()
      const parts: Institution[] = []
      for (let start = 0; start < inForce.length; start += buildChunk) {
        for (const entry of inForce.slice(start, start + buildChunk)) {
          const reused = built.get(entry.digest as string)
          if (reused) {
            parts.push(reused)
            continue
          }
          const stored = await app.store.readInstitutionVersion(entry.slug, entry.n)
          if (!stored?.document || !stored.digest)
            throw new Error(`version ${entry.n} of ${entry.slug} has no document`)
          parts.push(buildInstitution(stored.document, stored.digest))
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
      const snapshot = snapshotOf(assembleCatalog(scaleDocument, parts, version))
      past.keep(version, snapshot)
      return snapshot
    }

    /** A moment resolved: still to come is the present; settled when over `settledMs` ago. */
    function resolveMoment(moment: string): { moment: string; settled: boolean } {
      const now = Date.now()
      const settled = Date.parse(moment) < now - settledMs
      return { moment: Date.parse(moment) > now ? new Date(now).toISOString() : moment, settled }
    }

    app.decorate('catalogAt', async (given: string) => {
      const { moment, settled } = resolveMoment(given)
      const { version, inForce } = await versionAt(moment, settled)
      return { snapshot: await buildAt(moment, version, inForce), moment, settled }
    })

    /**
     * onRequest: a request's asOf resolved to its moment and that moment's data version (one
     * statement, or none for a settled moment seen before), which the answer cache's ETag and
     * lookup need; the present at no cost when it names none (no promise made).
     */
    const resolve = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      request.snapshot = app.levelmap.current
      const given = (request.query as { asOf?: unknown }).asOf
      if (given === undefined) return done()
      let parsed: string
      try {
        parsed = requireMoment(given, 'asOf')
      } catch (error) {
        return done(error as Error)
      }
      const { moment, settled } = resolveMoment(parsed)
      versionAt(moment, settled).then(({ version, inForce }) => {
        request.asOf = moment
        request.asOfSettled = settled
        request.asOfVersion = version
        pending.set(request, inForce)
        reply.header('levelmap-as-of', moment).header('levelmap-data-version', version)
        done()
      }, done)
    }

    /** preHandler: the past catalog itself, built only when the handler runs (not for a cached answer or a 304). */
    const pending = new WeakMap<FastifyRequest, VersionListing[] | null>()
    const build = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (request.asOf === null || request.asOfVersion === null) return done()
      buildAt(request.asOf, request.asOfVersion, pending.get(request) ?? null).then((snapshot) => {
        request.snapshot = snapshot
        done()
      }, done)
    }

    // Before negotiation and the answer cache (registered after this plugin), so that both see the
    // catalog the request answers from.
    app.addHook('onRoute', (route) => {
      if (!route.config?.asOf) return
      withAsOf(route)
      addRouteHook(route, 'onRequest', resolve)
      addRouteHook(route, 'preHandler', build)
    })
  },
  { name: 'as-of', dependencies: ['catalog', 'store', 'errors'] },
)
