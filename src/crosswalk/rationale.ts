// The rationale of a match in words, and the quotes behind both placements. Written only when a
// caller reads them (a batch's essentials never do): they are most of the cost of a match.
import type { Grade, Institution, Job, Scale, ScalePoint, SeniorityRange } from '../catalog/model.js'
import type { Citation, Track } from '../documents/schema.js'
import { candidatesOf, nearestSlots } from './candidates.js'
import { type CrosswalkSource, sourceTracksOf } from './input.js'
import { round } from './rule.js'
import type { MatchCitation, MatchFacts } from './types.js'

const trackWords: Record<Track, string> = {
  individual_contributor: 'individual-contributor',
  management: 'management',
}

function pointName(scale: Scale, value: number): string {
  const exact = scale.points.find((point) => point.value === value)
  if (exact) return `${exact.code} ${exact.name}`
  const below = [...scale.points].reverse().find((point) => point.value < value) as ScalePoint
  const above = scale.points.find((point) => point.value > value) as ScalePoint
  return `${value} (between ${below.code} ${below.name} and ${above.code} ${above.name})`
}

function placementWords(scale: Scale, seniority: SeniorityRange): string {
  const point = pointName(scale, seniority.value)
  return seniority.min === seniority.max ? point : `${point}, band ${seniority.min}–${seniority.max}`
}

function label(entry: { institution: Institution | null; grade: Grade | null; job: Job | null }): string {
  if (!entry.institution || !entry.grade) return 'The requested seniority'
  const title = entry.job ? ` (${entry.job.title})` : ''
  return `${entry.institution.shortName} ${entry.grade.label}${title}`
}

const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`

export function explanation(scale: Scale, chosen: MatchFacts): string {
  const { source, institution: target, grade, jobs, delta, relation, trackMatched, filtering, fellBack } = chosen
  const sourceTracks = sourceTracksOf(source)
  const distance = Math.abs(delta)
  const targetText =
    jobs.length === 1
      ? label({ institution: target, grade, job: jobs[0] as Job })
      : `${target.shortName} ${grade.label} (${jobs.map((job) => job.title).join('; ')})`
  const sentences = [
    `${label(source)} sits at ${placementWords(scale, source.seniority)}; ${targetText} sits at ${placementWords(scale, chosen.seniority)}.`,
  ]
  const direction = delta > 0 ? 'above' : 'below'
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
      const edge =
        delta < 0 && grade === target.grades.at(-1)
          ? ` ${target.shortName}'s family tops out at ${grade.label}.`
          : delta > 0 && grade === target.grades[0]
            ? ` ${target.shortName}'s family starts at ${grade.label}.`
            : ''
      const whose = filtering && !fellBack && sourceTracks ? `${trackWords[sourceTracks[0] as Track]}-track job` : 'job'
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
    const anyTrack = nearestSlots(candidatesOf(target, null), source.seniority, sourceTracks).slots[0]
    if (anyTrack && anyTrack.grade !== grade) {
      const gap = round(anyTrack.seniority.value - source.seniority.value)
      sentences.push(
        `Ignoring track, the nearest is ${anyTrack.grade.label} (${anyTrack.jobs.map((job) => job.title).join('; ')}), ${gap === 0 ? 'at the same point' : `${points(Math.abs(gap))} ${gap > 0 ? 'above' : 'below'}`}; ask with track=any for it.`,
      )
    }
  }
  const { slots: tied, decidedBy } = nearestSlots(chosen.candidates, source.seniority, sourceTracks)
  const runnerUp = tied[1]
  if (runnerUp) {
    const name = runnerUp.grade === grade ? runnerUp.jobs.map((job) => job.title).join('; ') : runnerUp.grade.label
    sentences.push(`${name} is equally near; ${grade.label} is preferred by the tie rule: ${decidedBy}.`)
  }
  return sentences.join(' ')
}

/**
 * The quotes behind both placements: each side cites the evidence of the jobs it names (a job's
 * own placement evidence where it has one, else its grade's), never another job's.
 */
export function citations(chosen: {
  source: CrosswalkSource
  institution: Institution
  grade: Grade
  jobs: Job[]
}): MatchCitation[] {
  const { source, institution: target, grade, jobs } = chosen
  const cite = (side: 'source' | 'target', institution: string, code: string, evidence: Citation[]) =>
    evidence.map((citation) => ({ side, institution, grade: code, ...citation }))
  const evidenceOf = (named: readonly Job[], fallback: Citation[]) => {
    if (named.length === 0) return fallback
    const seen = new Set<string>()
    return named
      .flatMap((job) => job.evidence)
      .filter((citation) => {
        const key = `${citation.file}\n${citation.quote}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
  }
  return [
    ...(source.grade && source.institution
      ? cite(
          'source',
          source.institution.slug,
          source.grade.code,
          evidenceOf(source.job ? [source.job] : [], source.grade.evidence),
        )
      : []),
    ...cite('target', target.slug, grade.code, evidenceOf(jobs, grade.evidence)),
  ]
}
