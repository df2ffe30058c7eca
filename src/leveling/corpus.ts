// A corpus of job descriptions placed by an analyst, one JSON object per line (the format of
// test/corpus/leveling/*.jsonl): the text of one job, or of a page kept whole with several jobs,
// with the points the analyst would defend, the track, the family and the ladder it belongs to.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Track } from './types.js'

export type Family = 'it-end-user-support' | 'it-adjacent' | 'other'

export const families: Family[] = ['it-end-user-support', 'it-adjacent', 'other']

/** One job an analyst placed. */
export interface LabelledJob {
  title: string
  rank: number
  track: Track
  /** The points the analyst would defend: one, or two adjacent. */
  accept: number[]
  family: Family
}

/** One line of a corpus file: a text and the jobs it holds. */
export interface CorpusCase {
  /** `file:line`, for messages. */
  id: string
  name: string
  employer: string
  url: string
  read?: string
  ladder: string
  /** The analyst's account of the evidence. */
  why: string
  text: string
  jobs: LabelledJob[]
  multi: boolean
}

function isTrack(value: unknown): value is Track {
  return value === 'individual_contributor' || value === 'management'
}

function isFamily(value: unknown): value is Family {
  return families.includes(value as Family)
}

function acceptOf(value: unknown, where: string): number[] {
  if (
    !Array.isArray(value) ||
    value.length < 1 ||
    value.length > 2 ||
    !value.every((point) => Number.isInteger(point) && point >= 1 && point <= 7) ||
    (value.length === 2 && Math.abs((value[1] as number) - (value[0] as number)) !== 1)
  )
    throw new Error(`${where}: accept must be one point or two adjacent points on the scale (1-7)`)
  return [...(value as number[])].sort((a, b) => a - b)
}

/** Reads one corpus line; throws with the line's place when a field is missing or malformed. */
export function parseCase(line: string, id: string): CorpusCase {
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(line) as Record<string, unknown>
  } catch {
    throw new Error(`${id}: not a JSON object`)
  }
  for (const field of ['name', 'employer', 'url', 'text', 'ladder']) {
    if (typeof raw[field] !== 'string' || (raw[field] as string).length === 0)
      throw new Error(`${id}: ${field} must be a non-empty string`)
  }
  if (!isTrack(raw.track)) throw new Error(`${id}: track must be individual_contributor or management`)
  if (!isFamily(raw.family)) throw new Error(`${id}: family must be one of ${families.join(', ')}`)
  const multi = raw.multi === true
  const top: LabelledJob = {
    title: raw.name as string,
    rank: typeof raw.rank === 'number' ? raw.rank : 1,
    track: raw.track,
    accept: acceptOf(raw.accept, id),
    family: raw.family,
  }
  let jobs = [top]
  if (multi) {
    if (!Array.isArray(raw.jobs) || raw.jobs.length < 1) throw new Error(`${id}: a multi case lists its jobs`)
    jobs = (raw.jobs as Record<string, unknown>[]).map((job, index) => {
      const where = `${id} jobs[${index}]`
      if (typeof job.title !== 'string' || job.title.length === 0) throw new Error(`${where}: title is missing`)
      if (!isTrack(job.track)) throw new Error(`${where}: track must be individual_contributor or management`)
      return {
        title: job.title,
        rank: typeof job.rank === 'number' ? job.rank : index + 1,
        track: job.track,
        accept: acceptOf(job.accept, where),
        family: isFamily(job.family) ? job.family : top.family,
      }
    })
  }
  return {
    id,
    name: raw.name as string,
    employer: raw.employer as string,
    url: raw.url as string,
    ...(typeof raw.read === 'string' ? { read: raw.read } : {}),
    ladder: raw.ladder as string,
    why: typeof raw.why === 'string' ? raw.why : '',
    text: raw.text as string,
    jobs,
    multi,
  }
}

/** Every case of a corpus folder (its *.jsonl files, in name order) or of one file. */
export function loadCorpus(path: string): CorpusCase[] {
  if (!existsSync(path)) throw new Error(`${path}: no such corpus folder or file`)
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.jsonl'))
        .sort()
        .map((name) => join(path, name))
    : [path]
  const cases: CorpusCase[] = []
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim().length === 0) return
        cases.push(parseCase(line, `${basename(file)}:${index + 1}`))
      })
  }
  return cases
}
