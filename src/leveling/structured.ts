// Jobs given as evidence fields rather than prose: JSON items ({ text } or the fields institution
// documents use) and CSV rows of an HRIS job catalog whose header names the same fields. The
// fields are read with the same readers as a job description, so a field such as
// "Bachelor's degree or equivalent" or "4-7+ years" means what it means in prose, and every
// reading quotes the submitted value.
import { type ColumnField, fieldOfHeader } from './columns.js'
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

const maxFieldLength = 20_000

export interface StructuredJob {
  evidence: JobEvidence
  text: JobText
  /** A CSV row's values under headers that name no field: kept with the job, never read as evidence. */
  otherColumns?: OtherColumn[]
}

export interface OtherColumn {
  name: string
  value: string
}

/** Something the intake read past rather than refused: a column it does not read, a row with no job. */
export interface IntakeWarning {
  row: number | null
  column: number | null
  message: string
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

function fromFields(fields: Partial<Record<ColumnField, string>>): StructuredJob {
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
function overlay(evidence: JobEvidence, fields: Partial<Record<ColumnField, string>>): JobEvidence {
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
    const fields: Partial<Record<ColumnField, string>> = {}
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
      fields[key as ColumnField] = text
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

/** How the intake treats one CSV column: a field it reads, a column it keeps, or one it ignores. */
type Column = { kind: 'field'; field: ColumnField } | { kind: 'other'; name: string } | { kind: 'blank' }

function columnsOf(header: string[], warnings: IntakeWarning[]): Column[] {
  const claimed = new Map<ColumnField, number>()
  const columns = header.map((name, index): Column => {
    const field = fieldOfHeader(name)
    const label = name.trim()
    if (label.length === 0) return { kind: 'blank' }
    if (field === null) {
      warnings.push({
        row: 1,
        column: index + 1,
        message: `column "${label}" names no job field: its values are kept with each job and not read as evidence`,
      })
      return { kind: 'other', name: label }
    }
    const earlier = claimed.get(field)
    if (earlier !== undefined) {
      warnings.push({
        row: 1,
        column: index + 1,
        message: `column "${label}" names ${field}, which column ${earlier + 1} already gives: its values are kept with each job and not read`,
      })
      return { kind: 'other', name: label }
    }
    claimed.set(field, index)
    return { kind: 'field', field }
  })
  if (claimed.size === 0) {
    throw new LevelingInputError(
      'bad-csv',
      `no column names a job field: the header needs at least one of text (or description), ${structuredFields.join(', ')}`,
      'row 1',
    )
  }
  return columns
}

/**
 * The jobs of a CSV job catalog whose header row names the evidence fields, and what was read past:
 * columns that name no field (kept with each job), values under a blank header, rows with no job.
 */
export function jobsFromCsv(text: string): { jobs: StructuredJob[]; warnings: IntakeWarning[] } {
  let records: string[][]
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new LevelingInputError('bad-csv', error.message, `row ${error.record}, column ${error.field}`)
    }
    throw error
  }
  return jobsFromRecords(records)
}

/**
 * The jobs of a table whose first non-empty row names the columns: a CSV's records, or a
 * spreadsheet's rows (each cell as text). Rows and columns are counted from 1 as the table has them.
 */
export function jobsFromRecords(records: string[][]): { jobs: StructuredJob[]; warnings: IntakeWarning[] } {
  const numbered = records
    .map((record, index) => ({ record, row: index + 1 }))
    .filter(({ record }) => record.some((field) => field.trim().length > 0))
  const [headerRecord, ...rows] = numbered
  if (!headerRecord) throw new LevelingInputError('empty', 'the CSV has no header row', 'row 1')
  const warnings: IntakeWarning[] = []
  const columns = columnsOf(headerRecord.record, warnings)
  if (rows.length === 0) throw new LevelingInputError('empty', 'the CSV has a header row but no jobs', 'row 2')
  if (rows.length > maxJobs)
    throw new LevelingInputError(
      'too-many-jobs',
      `at most ${maxJobs} rows; this has ${rows.length}`,
      `row ${rows[maxJobs]?.row ?? maxJobs + 2}`,
    )
  const blankWithValues = new Set<number>()
  const jobs: StructuredJob[] = []
  for (const { record, row } of rows) {
    const beyond = record.findIndex((value, column) => column >= columns.length && value.trim().length > 0)
    if (beyond !== -1) {
      throw new LevelingInputError(
        'bad-csv',
        `the row has a value in field ${beyond + 1}; the header names ${columns.length} columns`,
        `row ${row}, column ${beyond + 1}`,
      )
    }
    const fields: Partial<Record<ColumnField, string>> = {}
    const otherColumns: OtherColumn[] = []
    record.forEach((raw, index) => {
      const value = raw.trim()
      const column = columns[index]
      if (!column || value.length === 0) return
      if (column.kind === 'field') fields[column.field] = value
      else if (column.kind === 'other') otherColumns.push({ name: column.name, value })
      else if (!blankWithValues.has(index)) {
        blankWithValues.add(index)
        warnings.push({
          row,
          column: index + 1,
          message: `column ${index + 1} has no header: its values are ignored`,
        })
      }
    })
    if (Object.keys(fields).length === 0) {
      warnings.push({ row, column: null, message: 'the row has no value in any job column: it is left out' })
      continue
    }
    const job = fromCsvFields(fields)
    jobs.push(otherColumns.length > 0 ? { ...job, otherColumns } : job)
  }
  if (jobs.length === 0) {
    throw new LevelingInputError('empty', 'no row of the CSV has a value in a job column', `row ${rows[0]?.row ?? 2}`)
  }
  return { jobs, warnings }
}

function fromCsvFields(fields: Partial<Record<ColumnField, string>>): StructuredJob {
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
