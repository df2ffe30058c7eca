/*
 * The crosswalk rule.
 *
 * Every grade is placed on the normalized seniority scale as a point (its best placement) and a
 * band [min, max] (where the evidence allows more than one point). A job inherits its grade's
 * placement. Mapping never uses pairwise tables: a source job maps to a target institution by
 * looking for the target grade nearest on the scale, so A→B and B→A are computed the same way.
 *
 * Candidates. With track=same (the default) only target jobs that share a track with the source
 * job are candidates: a manager maps to a manager where the target has one. If the target has no
 * job on that track at all, every job is a candidate and the answer says so. With track=any every
 * job is a candidate. A raw seniority value has no track, so track does not filter.
 *
 * Nearest grade, and ties. Candidates are grouped by grade; the grade with the smallest |delta|
 * (target point − source point) wins. Ties, in order: the grade whose band contains the source
 * point; the grade whose point lies in the source band; the larger band overlap; a grade with a job
 * on the source's track; the lower grade. The last rule is deliberate: in a pay comparison an
 * under-levelled match is the cheaper mistake to correct. The other tied grade is named in the
 * rationale.
 *
 * Relation (SKOS mapping vocabulary):
 *   exact   same point, same band, and a shared track;
 *   broad   the target band strictly contains the source band (the target is the broader concept);
 *   narrow  the target band lies strictly inside the source band;
 *   close   within one point otherwise, or a match across tracks;
 *   related more than one point apart: nothing comparable exists, but the nearest job is still
 *           given with its distance, so the caller sees how far it is.
 * Because each institution's grades sit at strictly rising points, an exact match is unique and
 * maps back to where it came from: the round trip holds for every exact match.
 *
 * Score in [0, 1]: 1 − 0.25 per point of distance (floored at 0), times (0.8 + 0.2 × band
 * agreement), times 0.8 when the tracks differ. Band agreement compares the shapes of the two
 * bands around their points (the target band moved by −delta, so distance is not counted twice),
 * each point one unit wide: Columbia 12 [3] against North Carolina Journey [2–3] agrees by one
 * half and scores 0.9; Harvard 58 [4–5] against North Carolina Advanced [3–4], both at 4, agree
 * by one third and score 0.87. Only an exact match scores 1.
 */
import type { Catalog, Grade, Institution, Job, ScalePoint, SeniorityRange } from '../catalog/model.js'
import { gradeKey, jobCodeKey } from '../catalog/model.js'
import type { Citation, Track } from '../documents/schema.js'

export type Relation = 'exact' | 'close' | 'broad' | 'narrow' | 'related'
export type TrackMode = 'same' | 'any'

export type CrosswalkInput =
  | { institution: string; grade: string }
  | { institution: string; jobCode: string }
  | { level: string; institution?: string }
  | { seniority: number }

export interface CrosswalkOptions {
  /** Target institution slugs; default every institution but the source's. */
  to?: string[]
  track?: TrackMode
}

export interface CrosswalkSource {
  institution: Institution | null
  grade: Grade | null
  job: Job | null
  seniority: SeniorityRange
}

export interface MatchCitation extends Citation {
  side: 'source' | 'target'
  institution: string
  grade: string
}

export interface CrosswalkMatch {
  institution: Institution
  grade: Grade
  jobs: Job[]
  seniority: SeniorityRange
  delta: number
  relation: Relation
  score: number
  comparable: boolean
  trackMatched: boolean
  rationale: string
  sources: MatchCitation[]
}

export interface CrosswalkResult {
  source: CrosswalkSource
  matches: CrosswalkMatch[]
}

export type CrosswalkErrorCode =
  | 'unknown-institution'
  | 'unknown-grade'
  | 'unknown-job-code'
  | 'unknown-level'
  | 'level-institution-mismatch'
  | 'seniority-out-of-scale'

/** A request the crosswalk cannot answer; `status` is the HTTP status it stands for. */
export class CrosswalkError extends Error {
  constructor(
    readonly code: CrosswalkErrorCode,
    readonly status: 400 | 404,
    readonly parameter: string,
    message: string,
  ) {
    super(message)
    this.name = 'CrosswalkError'
  }
}

const round = (value: number) => Math.round(value * 100) / 100 || 0

/** How alike two bands are around their points: 1 when the same shape. */
function bandAgreement(source: SeniorityRange, target: SeniorityRange): number {
  const shift = target.value - source.value
  return overlap(source, { value: source.value, min: target.min - shift, max: target.max - shift })
}

function overlap(a: SeniorityRange, b: SeniorityRange): number {
  const shared = Math.min(a.max, b.max) - Math.max(a.min, b.min) + 1
  const spanned = Math.max(a.max, b.max) - Math.min(a.min, b.min) + 1
  return Math.max(0, shared) / spanned
}

const sameBand = (a: SeniorityRange, b: SeniorityRange) => a.min === b.min && a.max === b.max
const contains = (outer: SeniorityRange, inner: SeniorityRange) => outer.min <= inner.min && inner.max <= outer.max

function shareTrack(job: Job, tracks: readonly Track[]): boolean {
  return job.tracks.some((track) => tracks.includes(track))
}

const trackWords: Record<Track, string> = {
  individual_contributor: 'individual-contributor',
  management: 'management',
}

export interface Crosswalk {
  /** Resolves an input to its source entries: one per job it names (a grade can hold several). */
  resolve(input: CrosswalkInput): CrosswalkSource[]
  /** Resolves target slugs; throws for an unknown one. */
  targets(source: CrosswalkSource, to?: string[]): Institution[]
  /** Maps one source entry to one target institution. */
  match(source: CrosswalkSource, target: Institution, track: TrackMode): CrosswalkMatch
  /** resolve + targets + match, for every source entry. */
  map(input: CrosswalkInput, options?: CrosswalkOptions): CrosswalkResult[]
}

/** A target institution's candidate grades for one set of source tracks, sorted by point. */
interface Candidates {
  jobs: Job[]
  grades: Grade[]
  values: number[]
  jobsOf: Map<Grade, Job[]>
}
interface MatchWriter {
  explanation(match: Match): string
  citations(match: Match): MatchCitation[]
}

/**
 * One match. The rationale and the citations are written only when a caller reads them: a batch's
 * essentials never do, and they are most of the cost of a match.
 */
class Match implements CrosswalkMatch {
  private writtenRationale: string | undefined
  private writtenSources: MatchCitation[] | undefined
  readonly comparable: boolean

  constructor(
    private readonly writer: MatchWriter,
    readonly source: CrosswalkSource,
    readonly institution: Institution,
    readonly grade: Grade,
    readonly jobs: Job[],
    readonly candidates: Candidates,
    readonly delta: number,
    readonly relation: Relation,
    readonly score: number,
    readonly trackMatched: boolean,
    readonly filtering: boolean,
    readonly fellBack: boolean,
  ) {
    this.comparable = Math.abs(delta) <= 1
  }

  get seniority(): SeniorityRange {
    return this.grade.seniority
  }

  get rationale(): string {
    this.writtenRationale ??= this.writer.explanation(this)
    return this.writtenRationale
  }

  get sources(): MatchCitation[] {
    this.writtenSources ??= this.writer.citations(this)
    return this.writtenSources
  }
}

export function createCrosswalk(catalog: Catalog): Crosswalk {
  const { scale } = catalog

  function pointName(value: number): string {
    const exact = scale.points.find((point) => point.value === value)
    if (exact) return `${exact.code} ${exact.name}`
    const below = [...scale.points].reverse().find((point) => point.value < value) as ScalePoint
    const above = scale.points.find((point) => point.value > value) as ScalePoint
    return `${value} (between ${below.code} ${below.name} and ${above.code} ${above.name})`
  }

  function placementWords(seniority: SeniorityRange): string {
    const point = pointName(seniority.value)
    return seniority.min === seniority.max ? point : `${point}, band ${seniority.min}–${seniority.max}`
  }

  function institutionOf(slug: string, parameter: string): Institution {
    const institution = catalog.institutionBySlug.get(slug)
    if (!institution) {
      const known = catalog.institutions.map((candidate) => candidate.slug).join(', ')
      throw new CrosswalkError('unknown-institution', 404, parameter, `No institution "${slug}". Known: ${known}.`)
    }
    return institution
  }

  function entriesFor(institution: Institution, grade: Grade, jobs: Job[]): CrosswalkSource[] {
    if (jobs.length === 0) return [{ institution, grade, job: null, seniority: grade.seniority }]
    return jobs.map((job) => ({ institution, grade, job, seniority: grade.seniority }))
  }

  function resolve(input: CrosswalkInput): CrosswalkSource[] {
    if ('seniority' in input) {
      const value = input.seniority
      if (!Number.isFinite(value) || value < scale.min || value > scale.max) {
        throw new CrosswalkError(
          'seniority-out-of-scale',
          400,
          'seniority',
          `seniority must lie on the scale, from ${scale.min} to ${scale.max}; got ${value}.`,
        )
      }
      return [{ institution: null, grade: null, job: null, seniority: { value, min: value, max: value } }]
    }
    if ('level' in input) {
      const job = catalog.jobById.get(input.level)
      if (!job) throw new CrosswalkError('unknown-level', 404, 'level', `No level with id "${input.level}".`)
      const institution = institutionOf(job.institution, 'from')
      if (input.institution !== undefined && input.institution !== job.institution) {
        institutionOf(input.institution, 'from')
        throw new CrosswalkError(
          'level-institution-mismatch',
          400,
          'level',
          `Level "${input.level}" belongs to ${job.institution}, not ${input.institution}.`,
        )
      }
      return entriesFor(institution, job.grade, [job])
    }
    const institution = institutionOf(input.institution, 'from')
    if ('jobCode' in input) {
      const job = institution.jobByCode.get(jobCodeKey(input.jobCode))
      if (!job) {
        const known = institution.jobs.flatMap((candidate) => (candidate.jobCode ? [candidate.jobCode] : []))
        const hint =
          known.length > 0 ? `Known: ${known.join(', ')}.` : `${institution.shortName} publishes no job codes.`
        throw new CrosswalkError(
          'unknown-job-code',
          404,
          'jobCode',
          `${institution.shortName} has no job code "${input.jobCode}". ${hint}`,
        )
      }
      return entriesFor(institution, job.grade, [job])
    }
    const grade = institution.gradeByKey.get(gradeKey(input.grade))
    if (!grade) {
      const known = institution.grades.map((candidate) => candidate.code).join(', ')
      throw new CrosswalkError(
        'unknown-grade',
        404,
        'grade',
        `${institution.shortName} has no grade "${input.grade}". Known: ${known}.`,
      )
    }
    return entriesFor(institution, grade, grade.jobs)
  }

  function targets(source: CrosswalkSource, to?: string[]): Institution[] {
    if (to && to.length > 0) return [...new Set(to)].map((slug) => institutionOf(slug, 'to'))
    return catalog.institutions.filter((institution) => institution !== source.institution)
  }

  /** Orders candidate grades: nearest first, then the tie rules in the header comment. */
  function compareGrades(source: SeniorityRange, tracks: readonly Track[] | null) {
    const key = (grade: Grade) => {
      const target = grade.seniority
      return [
        Math.abs(target.value - source.value),
        target.min <= source.value && source.value <= target.max ? 0 : 1,
        source.min <= target.value && target.value <= source.max ? 0 : 1,
        -overlap(source, target),
        tracks && !grade.jobs.some((job) => shareTrack(job, tracks)) ? 1 : 0,
        target.value,
      ]
    }
    return (a: Grade, b: Grade) => {
      const ka = key(a)
      const kb = key(b)
      for (let i = 0; i < ka.length; i++) {
        const difference = (ka[i] as number) - (kb[i] as number)
        if (difference !== 0) return difference
      }
      return a.position - b.position
    }
  }

  function label(entry: { institution: Institution | null; grade: Grade | null; job: Job | null }): string {
    if (!entry.institution || !entry.grade) return 'The requested seniority'
    const title = entry.job ? ` (${entry.job.title})` : ''
    return `${entry.institution.shortName} ${entry.grade.label}${title}`
  }

  /**
   * Candidate grades of one institution for one set of source tracks (null: every job), sorted by
   * point, with each grade's candidate jobs. Built on first use and kept for the snapshot's life,
   * so finding the nearest grade is a binary search, not a sort of every grade.
   */
  const candidateIndex = new Map<Institution, Map<string, Candidates>>()

  function candidatesOf(target: Institution, tracks: readonly Track[] | null): Candidates {
    let byTracks = candidateIndex.get(target)
    if (!byTracks) {
      byTracks = new Map()
      candidateIndex.set(target, byTracks)
    }
    const key = tracks === null ? '*' : tracks.length === 1 ? (tracks[0] as string) : tracks.join('+')
    let candidates = byTracks.get(key)
    if (!candidates) {
      const jobs = tracks ? target.jobs.filter((job) => shareTrack(job, tracks)) : target.jobs
      const jobsOf = new Map<Grade, Job[]>()
      for (const job of jobs) jobsOf.set(job.grade, [...(jobsOf.get(job.grade) ?? []), job])
      const grades = [...jobsOf.keys()].sort((a, b) => a.seniority.value - b.seniority.value || a.position - b.position)
      candidates = { jobs, grades, values: grades.map((grade) => grade.seniority.value), jobsOf }
      byTracks.set(key, candidates)
    }
    return candidates
  }

  /**
   * The candidate grades at the smallest distance from the source point, best first by the tie
   * rules: only these can win, so only these are sorted.
   */
  function nearestTied(candidates: Candidates, source: SeniorityRange, tracks: readonly Track[] | null): Grade[] {
    const { grades, values } = candidates
    let low = 0
    let high = values.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((values[middle] as number) < source.value) low = middle + 1
      else high = middle
    }
    const below = low > 0 ? source.value - (values[low - 1] as number) : Number.POSITIVE_INFINITY
    const above = low < values.length ? (values[low] as number) - source.value : Number.POSITIVE_INFINITY
    const distance = Math.min(below, above)
    let first = low
    let last = low
    while (first > 0 && source.value - (values[first - 1] as number) === distance) first--
    while (last < values.length && (values[last] as number) - source.value === distance) last++
    const tied = grades.slice(first, last)
    return tied.length > 1 ? tied.sort(compareGrades(source, tracks)) : tied
  }

  function match(source: CrosswalkSource, target: Institution, track: TrackMode): CrosswalkMatch {
    const sourceTracks = source.job ? source.job.tracks : null
    const filtering = track === 'same' && sourceTracks !== null
    const sameTrack = candidatesOf(target, filtering ? sourceTracks : null)
    const fellBack = filtering && sameTrack.jobs.length === 0
    const candidates = fellBack ? candidatesOf(target, null) : sameTrack
    const grade = nearestTied(candidates, source.seniority, sourceTracks)[0] as Grade
    const jobs = candidates.jobsOf.get(grade) as Job[]
    const delta = round(grade.seniority.value - source.seniority.value)
    const distance = Math.abs(delta)
    const trackMatched = sourceTracks === null || jobs.some((job) => shareTrack(job, sourceTracks))
    let relation: Relation
    if (distance > 1) relation = 'related'
    else if (!trackMatched) relation = 'close'
    else if (delta === 0 && sameBand(grade.seniority, source.seniority)) relation = 'exact'
    else if (contains(grade.seniority, source.seniority) && !sameBand(grade.seniority, source.seniority))
      relation = 'broad'
    else if (contains(source.seniority, grade.seniority) && !sameBand(grade.seniority, source.seniority))
      relation = 'narrow'
    else relation = 'close'

    const proximity = Math.max(0, 1 - 0.25 * distance)
    const score = round(
      proximity * (0.8 + 0.2 * bandAgreement(source.seniority, grade.seniority)) * (trackMatched ? 1 : 0.8),
    )

    return new Match(
      writer,
      source,
      target,
      grade,
      jobs,
      candidates,
      delta,
      relation,
      score,
      trackMatched,
      filtering,
      fellBack,
    )
  }

  function explanation(chosen: Match): string {
    const { source, institution: target, grade, jobs, delta, relation, trackMatched, filtering, fellBack } = chosen
    const sourceTracks = source.job ? source.job.tracks : null
    const distance = Math.abs(delta)
    const tied = nearestTied(chosen.candidates, source.seniority, sourceTracks)
    const targetEntry = { institution: target, grade, job: jobs.length === 1 ? (jobs[0] as Job) : null }
    const sourceText = label(source)
    const targetText =
      jobs.length === 1
        ? label(targetEntry)
        : `${target.shortName} ${grade.label} (${jobs.map((job) => job.title).join('; ')})`
    const sentences = [
      `${sourceText} sits at ${placementWords(source.seniority)}; ${targetText} sits at ${placementWords(grade.seniority)}.`,
    ]
    const direction = delta > 0 ? 'above' : 'below'
    const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`
    switch (relation) {
      case 'exact':
        sentences.push('Same point, same band, same track: an exact match.')
        break
      case 'broad':
        sentences.push(`The target's band is wider and contains the source's: a broader match.`)
        break
      case 'narrow':
        sentences.push(`The target's band lies inside the source's wider band: a narrower match.`)
        break
      case 'close':
        sentences.push(
          delta === 0
            ? 'Same point, but the bands differ: a close match.'
            : `${points(distance)} ${direction}: a close match.`,
        )
        break
      case 'related': {
        const top = target.grades.at(-1) as Grade
        const bottom = target.grades[0] as Grade
        const edge =
          delta < 0 && grade === top
            ? ` ${target.shortName}'s family tops out at ${grade.label}.`
            : delta > 0 && grade === bottom
              ? ` ${target.shortName}'s family starts at ${grade.label}.`
              : ''
        const whose =
          filtering && !fellBack && sourceTracks ? `${trackWords[sourceTracks[0] as Track]}-track job` : 'job'
        sentences.push(
          `Nothing comparable: ${target.shortName}'s nearest ${whose} is ${points(distance)} ${direction}.${edge}`,
        )
        break
      }
    }
    if (fellBack && sourceTracks) {
      sentences.push(
        `${target.shortName} has no ${trackWords[sourceTracks[0] as Track]}-track job here, so the nearest job on another track is given.`,
      )
    } else if (!trackMatched && sourceTracks) {
      sentences.push('The tracks differ (track=any).')
    }
    if (filtering && !fellBack) {
      const anyTrack = nearestTied(candidatesOf(target, null), source.seniority, sourceTracks)[0]
      if (anyTrack && anyTrack !== grade) {
        const gap = round(anyTrack.seniority.value - source.seniority.value)
        sentences.push(
          `Ignoring track, the nearest is ${anyTrack.label} (${anyTrack.jobs.map((job) => job.title).join('; ')}), ${gap === 0 ? 'at the same point' : `${points(Math.abs(gap))} ${gap > 0 ? 'above' : 'below'}`}; ask with track=any for it.`,
        )
      }
    }
    const runnerUp = tied[1]
    if (runnerUp) {
      sentences.push(
        `${runnerUp.label} is equally near; ${grade.label} is preferred by the tie rules (band containment, then the lower grade).`,
      )
    }
    return sentences.join(' ')
  }

  function citations(chosen: Match): MatchCitation[] {
    const { source, institution: target, grade } = chosen
    const sources: MatchCitation[] = []
    if (source.grade && source.institution) {
      const { slug } = source.institution
      const code = source.grade.code
      for (const citation of source.grade.evidence)
        sources.push({ side: 'source', institution: slug, grade: code, ...citation })
    }
    for (const citation of grade.evidence) {
      sources.push({ side: 'target', institution: target.slug, grade: grade.code, ...citation })
    }
    return sources
  }

  const writer: MatchWriter = { explanation, citations }

  function map(input: CrosswalkInput, options: CrosswalkOptions = {}): CrosswalkResult[] {
    const track = options.track ?? 'same'
    const sources = resolve(input)
    const first = sources[0] as CrosswalkSource
    const targetList = targets(first, options.to)
    return sources.map((source) => ({
      source,
      matches: targetList.map((target) => match(source, target, track)),
    }))
  }

  return { resolve, targets, match, map }
}
