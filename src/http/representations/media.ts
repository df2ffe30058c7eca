// Content negotiation (RFC 9110 §12.5.1): picks, among the media types a route offers, the one the
// Accept header ranks highest. The most specific matching range sets each offer's quality
// (text/csv beats text/* beats */*); ties go to the route's own order, so JSON stays the default.

export const mediaTypes = {
  json: 'application/json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  text: 'text/plain',
} as const

export type Format = keyof typeof mediaTypes
export type MediaType = (typeof mediaTypes)[Format]

/** The Content-Type header each media type is sent with. */
export const contentTypes: Record<MediaType, string> = {
  'application/json': 'application/json; charset=utf-8',
  'text/csv': 'text/csv; charset=utf-8',
  'application/x-ndjson': 'application/x-ndjson; charset=utf-8',
  'text/plain': 'text/plain; charset=utf-8',
}

interface MediaRange {
  type: string
  subtype: string
  quality: number
  /** 2 for type/subtype, 1 for type/*, 0 for * / *. */
  specificity: number
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const part of header.split(',')) {
    const [range = '', ...parameters] = part.split(';')
    const [type = '', subtype = ''] = range.trim().toLowerCase().split('/')
    if (!type || !subtype) continue
    let quality = 1
    for (const parameter of parameters) {
      const [name = '', value = ''] = parameter.split('=')
      if (name.trim().toLowerCase() === 'q') {
        const parsed = Number(value.trim())
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0
      }
    }
    const specificity = type === '*' ? 0 : subtype === '*' ? 1 : 2
    ranges.push({ type, subtype, quality, specificity })
  }
  return ranges
}

function qualityOf(offer: string, ranges: MediaRange[]): number {
  const [type, subtype] = offer.split('/')
  let best: MediaRange | undefined
  for (const range of ranges) {
    const matches =
      range.specificity === 0 || (range.type === type && (range.specificity === 1 || range.subtype === subtype))
    if (matches && (!best || range.specificity > best.specificity)) best = range
  }
  return best?.quality ?? 0
}

/**
 * The offered media type the Accept header prefers, or null when it accepts none of them.
 * A missing or empty Accept header accepts anything: the first offer.
 */
export function negotiate<T extends string>(accept: string | undefined, offers: readonly T[]): T | null {
  if (accept === undefined || accept.trim() === '') return offers[0] ?? null
  const ranges = parseAccept(accept)
  if (ranges.length === 0) return offers[0] ?? null
  let chosen: T | null = null
  let chosenQuality = 0
  for (const offer of offers) {
    const quality = qualityOf(offer, ranges)
    if (quality > chosenQuality) {
      chosen = offer
      chosenQuality = quality
    }
  }
  return chosen
}

/**
 * The content coding to send, among those available, by the Accept-Encoding header (RFC 9110
 * §12.5.3): the highest quality wins, ties go to the order of `available`; null means identity.
 */
export function negotiateCoding<T extends string>(header: string | undefined, available: readonly T[]): T | null {
  if (header === undefined || available.length === 0) return null
  const quality = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.split(';')
    const coding = name.trim().toLowerCase()
    if (!coding) continue
    let q = 1
    for (const parameter of parameters) {
      const [key = '', value = ''] = parameter.split('=')
      if (key.trim().toLowerCase() === 'q') q = Number(value.trim()) || 0
    }
    quality.set(coding, q)
  }
  let chosen: T | null = null
  let best = 0
  for (const coding of available) {
    const q = quality.get(coding) ?? quality.get('*') ?? 0
    if (q > best) {
      chosen = coding
      best = q
    }
  }
  return chosen
}
