// A placement that is not in the catalog (a leveling proposal: point, band, track) mapped to the
// institutions loaded, with the same rule as any crosswalk: the source is the proposal's point and
// band, and with track=same it is matched on the proposal's track.
import type { Catalog } from '../catalog/model.js'
import type { Track } from '../documents/schema.js'
import { type Crosswalk, type CrosswalkMatch, type CrosswalkSource, ordered } from './crosswalk.js'

export interface ProposedPlacement {
  point: number
  band: { min: number; max: number }
  track: Track
}

export function proposalSource(placement: ProposedPlacement): CrosswalkSource {
  const { point, band, track } = placement
  return {
    institution: null,
    grade: null,
    job: null,
    seniority: { value: point, min: Math.min(band.min, point), max: Math.max(band.max, point) },
    tracks: [track],
  }
}

/**
 * The proposal's match in each institution, best first (score, then distance, then the
 * institution's name, as every crosswalk answer), at most `limit` of them.
 */
export function nearestMatches(
  crosswalk: Crosswalk,
  catalog: Catalog,
  placement: ProposedPlacement,
  limit: number,
): { source: CrosswalkSource; matches: CrosswalkMatch[] } {
  const source = proposalSource(placement)
  const matches = ordered(
    catalog.institutions.map((institution) => crosswalk.match(source, institution, 'same')),
  ).slice(0, limit)
  return { source, matches }
}
