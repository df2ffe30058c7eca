// The snapshot every reader answers from: the catalog and its crosswalk, immutable, swapped whole.
// A write to one institution builds the next snapshot from the previous one, reusing every other
// institution's linked part (and, through it, its crosswalk index): its cost does not grow with
// the catalog beyond re-listing the institutions.
import { type Crosswalk, createCrosswalk } from '../crosswalk/crosswalk.js'
import type { InstitutionDocument, ScaleDocument } from '../documents/schema.js'
import { assembleCatalog, buildInstitution, type Catalog, type LogPosition, replaceInstitution } from './model.js'

export type { LogPosition } from './model.js'

export interface Snapshot {
  catalog: Catalog
  crosswalk: Crosswalk
}

export interface StoredInstitution {
  document: InstitutionDocument
  digest: string
}

export function snapshotOf(catalog: Catalog): Snapshot {
  return { catalog, crosswalk: createCrosswalk(catalog) }
}

/** A snapshot of stored documents, at the version the store gives for them. */
export function snapshotFromStore(
  scale: ScaleDocument,
  stored: readonly StoredInstitution[],
  version: string,
  log?: LogPosition,
): Snapshot {
  const parts = stored.map(({ document, digest }) => buildInstitution(document, digest))
  return snapshotOf(assembleCatalog(scale, parts, version, log))
}

/**
 * The next snapshot after one institution was written (or deleted: `stored` null); `log` is where
 * the change log stood then (default: where it stood before).
 */
export function withInstitution(
  previous: Snapshot,
  slug: string,
  stored: StoredInstitution | null,
  version: string,
  log?: LogPosition,
): Snapshot {
  const { catalog } = previous
  const next = stored ? buildInstitution(stored.document, stored.digest) : null
  const position = log ?? { changedAt: catalog.changedAt, head: catalog.logHead }
  return snapshotOf(replaceInstitution(catalog, slug, next, version, position))
}

/** The same snapshot with the change log further on: a write that left the data as it was. */
export function withLogPosition(previous: Snapshot, log: LogPosition): Snapshot {
  // The crosswalk answers from the same institutions, so it is kept.
  const catalog: Catalog = { ...previous.catalog, changedAt: log.changedAt, logHead: log.head }
  return { catalog, crosswalk: previous.crosswalk }
}
