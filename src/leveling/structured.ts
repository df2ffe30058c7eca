// Jobs given as evidence fields rather than prose: JSON items ({ text } or the fields institution
// documents use) and CSV rows of an HRIS job catalog whose header names the same fields. The
// fields are read with the same readers as a job description, so a field such as
// "Bachelor's degree or equivalent" or "4-7+ years" means what it means in prose, and every
// reading quotes the submitted value.
import { CsvSyntaxError, parseCsv } from './csv.js'
import { plainJob } from './job-text.js'
import { LevelingInputError, maxJobs } from './level.js'
import { readJob } from './read.js'
import type { JobEvidence, JobText, Supervision } from './types.js'

export const structuredFields = [
  'title',
  'jobCode',
  'grade',
  'education',
  'experienceYears',
  'supervisionReceived',
  'supportTier',
  'leads',
  'duties',
] as const

export type StructuredField = (typeof structuredFields)[number]

/** Header spellings an HRIS export may use for each field (compared without case, spaces or punctuation). */
const aliases: Record<string, StructuredField | 'text'> = {
  title: 'title',
  jobtitle: 'title',
  jobcode: 'jobCode',
  code: 'jobCode',
  grade: 'grade',
  paygrade: 'grade',
  payband: 'grade',
  education: 'education',
  experienceyears: 'experienceYears',
  experience: 'experienceYears',
  years: 'experienceYears',
  supervisionreceived: 'supervisionReceived',
  supervision: 'supervisionReceived',
  supporttier: 'supportTier',
  tier: 'supportTier',
  leads: 'leads',
  leadership: 'leads',
  duties: 'duties',
  text: 'text',
  description: 'text',
}

const maxFieldLength = 20_000

export interface StructuredJob {
  evidence: JobEvidence
  text: JobText
}

const supervisionWords: Record<string, Supervision> = {
  close: 'close',
  direct: 'close',
  moderate: 'moderate',
  general: 'general',
  minimal: 'minimal',
  limited: 'minimal',
  independent: 'independent',
  none: 'independent',
}

function fromFields(fields: Partial<Record<StructuredField | 'text', string>>): StructuredJob {
  if (fields.text !== undefined) {
    const text = fields.text
    const firstLine = text.split('\n').find((line) => line.trim().length > 0) ?? ''
    const job = plainJob(text, fields.title ?? firstLine.trim().slice(0, 200))
    const evidence = readJob(job).evidence
    return { evidence: overlay(evidence, fields), text: job }
  }
  const order: StructuredField[] = [
    'title',
    'education',
    'experienceYears',
    'supervisionReceived',
    'supportTier',
    'leads',
    'duties',
  ]
  const parts = order
    .map((name) => fields[name])
    .filter((value): value is string => value !== undefined && value.length > 0)
  const text = parts.join('\n')
  const job = plainJob(text, fields.title ?? '')
  return { evidence: overlay(readJob(job).evidence, fields), text: job }
}

/** Field values that state a reading outright take precedence over what the prose readers found. */
function overlay(evidence: JobEvidence, fields: Partial<Record<StructuredField | 'text', string>>): JobEvidence {
  const result = { ...evidence }
  if (fields.title !== undefined) result.title = fields.title
  if (fields.jobCode !== undefined) result.jobCode = fields.jobCode
  if (fields.grade !== undefined) result.grade = fields.grade
  const years = fields.experienceYears?.trim()
  if (years !== undefined && /^\d+(\.\d+)?$/.test(years)) {
    result.experience = { value: { min: Number(years), max: null, combined: false }, quotes: [{ quote: years }] }
  } else if (years !== undefined && years.length > 0) {
    const read = readJob(plainJob(`${years} experience`, '')).evidence.experience
    if (read) result.experience = { value: read.value, quotes: [{ quote: years }] }
  }
  const supervision = fields.supervisionReceived?.trim()
  if (supervision) {
    const word = supervisionWords[supervision.toLowerCase()]
    if (word) result.supervisionReceived = { value: word, quotes: [{ quote: supervision }] }
  }
  const tier = fields.supportTier?.trim().match(/^(?:tier\s*)?([123])(?:\s*[-–]\s*([123]))?$/i)
  if (tier?.[1]) {
    const low = Number(tier[1])
    const high = tier[2] ? Number(tier[2]) : low
    result.supportTier = { value: { low, high }, quotes: [{ quote: fields.supportTier?.trim() ?? '' }] }
    if (!result.complexity) {
      result.complexity = {
        value: high >= 3 ? 'complex' : high === 2 ? 'moderate' : 'routine',
        quotes: [{ quote: fields.supportTier?.trim() ?? '' }],
      }
    }
  }
  return result
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
}

/** The jobs of a JSON body `{ jobs: [...] }`; every problem names its JSON pointer. */
export function jobsFromJson(body: unknown): StructuredJob[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new LevelingInputError('bad-item', 'the body is a JSON object { jobs: [...] }', '')
  }
  const extra = Object.keys(body).filter((key) => key !== 'jobs')
  if (extra.length > 0) throw new LevelingInputError('bad-item', `unknown field "${extra[0]}"`, `/${extra[0]}`)
  const jobs = (body as { jobs?: unknown }).jobs
  if (!Array.isArray(jobs)) throw new LevelingInputError('bad-item', 'jobs must be an array of job items', '/jobs')
  if (jobs.length === 0) throw new LevelingInputError('empty', 'jobs is empty', '/jobs')
  if (jobs.length > maxJobs) {
    throw new LevelingInputError('too-many-jobs', `at most ${maxJobs} jobs; this has ${jobs.length}`, '/jobs')
  }
  return jobs.map((item, index) => {
    const place = `/jobs/${index}`
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new LevelingInputError('bad-item', `a job item is an object, not ${describe(item)}`, place)
    }
    const fields: Partial<Record<StructuredField | 'text', string>> = {}
    for (const [key, value] of Object.entries(item)) {
      if (key !== 'text' && !(structuredFields as readonly string[]).includes(key)) {
        throw new LevelingInputError(
          'bad-item',
          `unknown field "${key}": an item is { text } or the fields ${structuredFields.join(', ')}`,
          `${place}/${key}`,
        )
      }
      let text: string
      if (key === 'duties' && Array.isArray(value) && value.every((duty) => typeof duty === 'string'))
        text = value.join('\n')
      else if (key === 'experienceYears' && typeof value === 'number' && Number.isFinite(value) && value >= 0)
        text = String(value)
      else if (typeof value === 'string') text = value
      else if (value === null) continue
      else
        throw new LevelingInputError('bad-item', `${key} must be a string, not ${describe(value)}`, `${place}/${key}`)
      if (text.length > maxFieldLength) {
        throw new LevelingInputError(
          'too-large',
          `${key} is longer than ${maxFieldLength} characters`,
          `${place}/${key}`,
        )
      }
      fields[key as StructuredField | 'text'] = text
    }
    if (fields.text !== undefined && Object.keys(fields).some((key) => key !== 'text' && key !== 'title')) {
      throw new LevelingInputError('bad-item', 'an item is either { text } or the evidence fields, not both', place)
    }
    if (Object.values(fields).every((value) => value === undefined || value.trim().length === 0)) {
      throw new LevelingInputError('bad-item', 'the item has neither text nor any evidence field', place)
    }
    return fromFields(fields)
  })
}

/** The jobs of a CSV job catalog whose header row names the evidence fields. */
export function jobsFromCsv(text: string): StructuredJob[] {
  let records: string[][]
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new LevelingInputError('bad-csv', error.message, `row ${error.record}, column ${error.field}`)
    }
    throw error
  }
  const [header, ...rows] = records.filter((record) => record.some((field) => field.trim().length > 0))
  if (!header) throw new LevelingInputError('empty', 'the CSV has no header row', 'row 1')
  const columns = header.map((name, index) => {
    const field = aliases[name.toLowerCase().replace(/[^a-z]/g, '')]
    if (!field) {
      throw new LevelingInputError(
        'bad-csv',
        `unknown column "${name}": columns are text or ${structuredFields.join(', ')}`,
        `row 1, column ${index + 1}`,
      )
    }
    return field
  })
  if (rows.length === 0) throw new LevelingInputError('empty', 'the CSV has a header row but no jobs', 'row 2')
  if (rows.length > maxJobs)
    throw new LevelingInputError(
      'too-many-jobs',
      `at most ${maxJobs} rows; this has ${rows.length}`,
      `row ${maxJobs + 2}`,
    )
  return rows.map((row, index) => {
    if (row.length > columns.length) {
      throw new LevelingInputError(
        'bad-csv',
        `the row has ${row.length} fields; the header names ${columns.length}`,
        `row ${index + 2}`,
      )
    }
    const fields: Partial<Record<StructuredField | 'text', string>> = {}
    row.forEach((value, column) => {
      const name = columns[column]
      if (name && value.trim().length > 0) fields[name] = value.trim()
    })
    if (Object.keys(fields).length === 0)
      throw new LevelingInputError('bad-item', 'the row is empty', `row ${index + 2}`)
    if (fields.text !== undefined && Object.keys(fields).some((key) => key !== 'text' && key !== 'title')) {
      // A description column beside the fields: the fields win, the text is read for the rest.
      const { text: prose, ...rest } = fields
      // The job's text holds both, so every reading quotes words of the job's own text.
      const read = fromFields({ text: prose, title: rest.title })
      const structured = fromFields(rest)
      const both = `${read.text.text}\n${structured.text.text}`
      return {
        evidence: mergeEvidence(read.evidence, structured.evidence),
        text: plainJob(both, read.text.heading),
      }
    }
    return fromFields(fields)
  })
}

function mergeEvidence(prose: JobEvidence, fields: JobEvidence): JobEvidence {
  const merged = { ...prose }
  for (const key of Object.keys(fields) as (keyof JobEvidence)[]) {
    const value = fields[key]
    if (value !== null && !(Array.isArray(value) && value.length === 0))
      (merged as Record<string, unknown>)[key] = value
  }
  return merged
}
