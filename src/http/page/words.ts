// The words the ladder page uses for tracks, placements and matches. The inline script
// (src/page/script.ts) writes the same words when it updates the page in place.
import type { ScalePoint, SeniorityRange } from '../../catalog/model.js'
import type { Relation, TrackMode } from '../../crosswalk/crosswalk.js'
import type { Track } from '../../documents/schema.js'

const trackNames: Record<Track, string> = { individual_contributor: 'Contributor', management: 'Manager' }

/** Short track label on a job box: "Contributor", "Manager", or "Manager / contributor". */
export function trackLabel(tracks: readonly Track[]): string {
  const names = tracks.map((track) => trackNames[track])
  return names.map((name, index) => (index === 0 ? name : name.toLowerCase())).join(' / ') || 'Contributor'
}

/** "S3", or the number itself for a value between points. */
export function pointCode(points: readonly ScalePoint[], value: number): string {
  return points.find((point) => point.value === value)?.code ?? String(value)
}

/** "S3 Career", or "3.5" between points. */
export function pointLabel(points: readonly ScalePoint[], value: number): string {
  const point = points.find((candidate) => candidate.value === value)
  return point ? `${point.code} ${point.name}` : String(value)
}

/** "S5" for a single point; "S5, band S4–S5" where the band is broader. */
export function placementLabel(points: readonly ScalePoint[], seniority: SeniorityRange): string {
  const point = pointCode(points, seniority.value)
  if (seniority.min === seniority.max) return point
  return `${point}, band ${pointCode(points, seniority.min)}–${pointCode(points, seniority.max)}`
}

/** The badge on a matched job box: "exact · 1.00". */
export function relationBadge(relation: Relation, score: number): string {
  return `${relation} · ${score.toFixed(2)}`
}

/** "same point", "1 point above", "2 points below". */
export function deltaLabel(delta: number): string {
  if (delta === 0) return 'same point'
  const distance = Math.abs(delta)
  return `${distance} point${distance === 1 ? '' : 's'} ${delta > 0 ? 'above' : 'below'}`
}

/** The page URL that selects a job: `/?level=<id>`, with `&track=any` when asked. */
export function selectionHref(level: string, track: TrackMode): string {
  return `/?level=${encodeURIComponent(level)}${track === 'any' ? '&track=any' : ''}`
}

/** The JSON behind a selection. */
export function crosswalkJsonHref(level: string, track: TrackMode): string {
  return `/v1/crosswalk?level=${encodeURIComponent(level)}${track === 'any' ? '&track=any' : ''}`
}
