// Validation of data documents: first the TypeBox schema (shape, types, unknown fields), then the
// rules a schema cannot say (references resolve, codes unique, grades ordered by seniority,
// placements on the scale, calibration held). Every problem is reported, not just the first.

import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Settings } from 'typebox/system'
import { Value } from 'typebox/value'
import { gradeKey, jobCodeKey } from './codes.js'
import {
  type InstitutionDocument,
  InstitutionDocumentSchema,
  type ScaleDocument,
  ScaleDocumentSchema,
  SlugSchema,
} from './schema.js'

export interface DocumentIssue {
  /** JSON pointer into the document, e.g. /jobs/3/tracks/0. */
  path: string
  message: string
}

const validators = new Map<TSchema, ReturnType<typeof Compile>>()

/**
 * TypeBox stops collecting errors at `maxErrors` (8 by default, a guard against huge error lists).
 * A document author needs every problem at once, so up to this many are listed, then a count of
 * the rest: enough for any honest document, and a bound on the answer to a hostile one.
 */
export const maxIssues = 200

type SchemaNode = {
  type?: string
  const?: unknown
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  anyOf?: SchemaNode[]
}

function schemaAt(root: TSchema, pointer: string): SchemaNode | undefined {
  let node: unknown = root
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  }
  return node as SchemaNode | undefined
}

function describeBranch(branch: SchemaNode): string {
  if ('const' in branch) return JSON.stringify(branch.const)
  if (branch.type === 'string') {
    const limits = [
      branch.pattern ? `matching ${branch.pattern}` : '',
      branch.maxLength !== undefined ? `of ${branch.minLength ?? 0}–${branch.maxLength} characters` : '',
    ].filter(Boolean)
    return ['a string', ...limits].join(' ')
  }
  if (branch.type === 'number' || branch.type === 'integer') {
    return branch.minimum !== undefined && branch.maximum !== undefined
      ? `a number from ${branch.minimum} to ${branch.maximum}`
      : `a ${branch.type}`
  }
  return branch.type ?? 'a valid value'
}

function unionMessage(schema: SchemaNode | undefined): string {
  const flat = (node: SchemaNode): SchemaNode[] => (node.anyOf ? node.anyOf.flatMap(flat) : [node])
  const branches = (schema?.anyOf ?? []).flatMap(flat).map(describeBranch)
  if (branches.length < 2) return 'must match one of the allowed forms'
  return `must be ${branches.slice(0, -1).join(', ')} or ${branches.at(-1)}`
}

function withMaxErrors<T>(maxErrors: number, run: () => T): T {
  const previous = Settings.Get().maxErrors
  Settings.Set({ maxErrors })
  try {
    return run()
  } finally {
    Settings.Set({ maxErrors: previous })
  }
}

function schemaIssues(schema: TSchema, value: unknown): DocumentIssue[] {
  let validator = validators.get(schema)
  if (!validator) {
    validator = Compile(schema)
    validators.set(schema, validator)
  }
  const check = validator
  if (check.Check(value)) return []
  const errors = withMaxErrors(maxIssues + 1, () => check.Errors(value))
  // A failed union reports each branch's failure too; one message naming the allowed forms says it better.
  const unions = errors.filter((error) => error.keyword === 'anyOf').map((error) => `${error.schemaPath}/anyOf/`)
  const issues = errors.flatMap((error): DocumentIssue[] => {
    const params = error.params as { additionalProperties?: string[]; requiredProperties?: string[] }
    if (unions.some((prefix) => error.schemaPath.startsWith(prefix))) return []
    if (error.keyword === 'anyOf')
      return [{ path: error.instancePath, message: unionMessage(schemaAt(schema, error.schemaPath)) }]
    // An unknown field is reported once, by the additionalProperties error below.
    if (error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties')) return []
    if (error.keyword === 'additionalProperties' && params.additionalProperties) {
      return params.additionalProperties.map((name) => ({
        path: `${error.instancePath}/${name}`,
        message: `unknown field "${name}"`,
      }))
    }
    if (error.keyword === 'required' && params.requiredProperties) {
      return params.requiredProperties.map((name) => ({
        path: `${error.instancePath}/${name}`,
        message: `missing required field "${name}"`,
      }))
    }
    return [{ path: error.instancePath || '/', message: error.message }]
  })
  return issues
}

/** Describes a JSON pointer with the id of the record it falls in: `jobs[3] (harvard.10658M) › tracks[0]`. */
export function describePath(document: unknown, path: string): string {
  const parts = path.split('/').slice(1)
  const words: string[] = []
  let node: unknown = document
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? ''
    const next = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
    if (Array.isArray(node)) {
      const record = next as Record<string, unknown> | undefined
      const id = record && typeof record === 'object' ? (record.id ?? record.code ?? record.value) : undefined
      const last = words.pop() ?? ''
      words.push(`${last}[${part}]${id !== undefined ? ` (${String(id)})` : ''}`)
    } else {
      words.push(part)
    }
    node = next
  }
  return words.join(' › ') || '(document)'
}

export function validateScaleDocument(value: unknown): DocumentIssue[] {
  const issues = schemaIssues(ScaleDocumentSchema, value)
  if (issues.length > 0) return issues
  const scale = value as ScaleDocument
  const seen = new Set<number>()
  const codes = new Set<string>()
  scale.points.forEach((point, index) => {
    if (seen.has(point.value))
      issues.push({ path: `/points/${index}/value`, message: `duplicate point ${point.value}` })
    if (codes.has(point.code)) issues.push({ path: `/points/${index}/code`, message: `duplicate code ${point.code}` })
    seen.add(point.value)
    codes.add(point.code)
    const previous = scale.points[index - 1]
    if (previous && point.value <= previous.value) {
      issues.push({ path: `/points/${index}/value`, message: 'points must be listed in ascending order' })
    }
  })
  if (!seen.has(scale.calibration.seniority)) {
    issues.push({
      path: '/calibration/seniority',
      message: `${scale.calibration.seniority} is not a point of the scale`,
    })
  }
  return issues
}

function duplicates<T>(items: T[], key: (item: T) => string[], path: (index: number) => string, what: string) {
  const issues: DocumentIssue[] = []
  const seen = new Map<string, number>()
  items.forEach((item, index) => {
    for (const value of key(item)) {
      const first = seen.get(value)
      if (first !== undefined && first !== index) {
        issues.push({ path: path(index), message: `${what} "${value}" is already used at index ${first}` })
      }
      seen.set(value, index)
    }
  })
  return issues
}

// The rules read the document loosely, so that they also run beside schema errors and one
// answer lists every problem: a record whose fields have the wrong type is skipped by the rules
// that need those fields (the schema error already names it), never guessed at.
type Loose = Record<string, unknown>
const asRecord = (value: unknown): Loose | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined

function gradeCodes(grade: unknown): string[] | undefined {
  const record = asRecord(grade)
  const code = asText(record?.code)
  const aliases = asList(record?.aliases)
  if (code === undefined || !aliases.every((alias) => typeof alias === 'string')) return undefined
  return [code, ...(aliases as string[])]
}

function placementOf(grade: unknown): { seniority: number; min: number; max: number } | undefined {
  const placement = asRecord(asRecord(grade)?.placement)
  const seniority = asNumber(placement?.seniority)
  const min = asNumber(placement?.min)
  const max = asNumber(placement?.max)
  return seniority === undefined || min === undefined || max === undefined ? undefined : { seniority, min, max }
}

function ruleIssues(value: unknown, scale: ScaleDocument): DocumentIssue[] {
  const document = asRecord(value)
  if (!document) return []
  const issues: DocumentIssue[] = []
  const grades = asList(document.grades)
  const families = asList(document.families)
  const jobs = asList(document.jobs)
  const field = (item: unknown, name: string) => asText(asRecord(item)?.[name])
  const min = Math.min(...scale.points.map((point) => point.value))
  const max = Math.max(...scale.points.map((point) => point.value))
  const slug = asText(document.slug)
  const prefix = slug !== undefined && Value.Check(SlugSchema, slug) ? `${slug}.` : undefined

  issues.push(
    ...duplicates(
      grades,
      (grade) => (gradeCodes(grade) ?? []).map(gradeKey),
      (i) => `/grades/${i}/code`,
      'grade code',
    ),
    ...duplicates(
      families,
      (family) => [field(family, 'id')].filter((id) => id !== undefined),
      (i) => `/families/${i}/id`,
      'family id',
    ),
    ...duplicates(
      jobs,
      (job) => [field(job, 'id')].filter((id) => id !== undefined),
      (i) => `/jobs/${i}/id`,
      'job id',
    ),
    ...duplicates(
      jobs,
      (job) => [field(job, 'jobCode')].filter((code) => code !== undefined).map(jobCodeKey),
      (i) => `/jobs/${i}/jobCode`,
      'job code',
    ),
  )

  grades.forEach((grade, index) => {
    const placement = placementOf(grade)
    if (!placement) return
    const { seniority, min: low, max: high } = placement
    const path = `/grades/${index}/placement`
    for (const [name, point] of [
      ['seniority', seniority],
      ['min', low],
      ['max', high],
    ] as const) {
      if (point < min || point > max) {
        issues.push({ path: `${path}/${name}`, message: `${point} lies outside the scale (${min}–${max})` })
      }
    }
    if (!(low <= seniority && seniority <= high)) {
      issues.push({
        path: `${path}/seniority`,
        message: `seniority ${seniority} must lie within min ${low} and max ${high}`,
      })
    }
    const previous = index > 0 ? placementOf(grades[index - 1]) : undefined
    if (previous) {
      // Adjacent grades may share a point (an employer can have more grades than the scale has
      // points, or two grades the evidence cannot tell apart); a higher grade is never lower.
      if (seniority < previous.seniority) {
        issues.push({
          path: `${path}/seniority`,
          message: `grades are listed in pay order, so seniority must not fall: ${seniority} is below the previous grade's ${previous.seniority}`,
        })
      }
      if (low < previous.min || high < previous.max) {
        issues.push({ path, message: 'a higher grade cannot reach lower on the scale than the grade below it' })
      }
    }
  })

  if (prefix !== undefined) {
    families.forEach((family, index) => {
      const id = field(family, 'id')
      if (id !== undefined && !id.startsWith(prefix)) {
        issues.push({ path: `/families/${index}/id`, message: `family ids start with "${prefix}"` })
      }
    })
    jobs.forEach((job, index) => {
      const id = field(job, 'id')
      if (id !== undefined && !id.startsWith(prefix)) {
        issues.push({ path: `/jobs/${index}/id`, message: `job ids start with "${prefix}"` })
      }
    })
  }

  jobs.forEach((job, index) => {
    const placement = placementOf(job)
    if (placement && !(placement.min <= placement.seniority && placement.seniority <= placement.max)) {
      issues.push({
        path: `/jobs/${index}/placement/seniority`,
        message: `seniority ${placement.seniority} must lie within min ${placement.min} and max ${placement.max}`,
      })
    }
  })
  issues.push(...trackOrderIssues(grades, jobs))

  // References are checked only against complete lists: a grade whose code is malformed could be
  // the one a job means.
  const codes = grades.map(gradeCodes)
  const gradeKeys = codes.every((list) => list !== undefined) ? new Set(codes.flat().map(gradeKey)) : undefined
  const ids = families.map((family) => field(family, 'id'))
  const familyIds = ids.every((id) => id !== undefined) ? new Set(ids) : undefined
  jobs.forEach((job, index) => {
    const grade = field(job, 'grade')
    if (gradeKeys && grade !== undefined && !gradeKeys.has(gradeKey(grade))) {
      issues.push({ path: `/jobs/${index}/grade`, message: `grade "${grade}" is not one of this institution's grades` })
    }
    const family = field(job, 'family')
    if (familyIds && family !== undefined && !familyIds.has(family)) {
      issues.push({
        path: `/jobs/${index}/family`,
        message: `family "${family}" is not one of this institution's families`,
      })
    }
  })
  return issues
}

/**
 * On each track, a job in a higher grade must not sit lower than a job in a lower grade. Two
 * grades' jobs may share a point (the crosswalk's tie rules then prefer the earlier grade in pay
 * order, and its rationale names the other). A job sits at its own placement, or its grade's.
 */
function trackOrderIssues(grades: unknown[], jobs: unknown[]): DocumentIssue[] {
  const issues: DocumentIssue[] = []
  const gradeIndex = new Map<string, number>()
  grades.forEach((grade, index) => {
    for (const code of gradeCodes(grade) ?? []) gradeIndex.set(gradeKey(code), index)
  })
  const placed = jobs.flatMap((job, index) => {
    const record = asRecord(job)
    const grade = asText(record?.grade)
    const position = grade === undefined ? undefined : gradeIndex.get(gradeKey(grade))
    const placement = placementOf(job) ?? (position === undefined ? undefined : placementOf(grades[position]))
    const tracks = asList(record?.tracks).filter((track): track is string => typeof track === 'string')
    return position === undefined || !placement ? [] : [{ index, position, seniority: placement.seniority, tracks }]
  })
  for (const job of placed) {
    for (const other of placed) {
      if (other.position >= job.position || !other.tracks.some((track) => job.tracks.includes(track))) continue
      if (job.seniority < other.seniority) {
        issues.push({
          path: `/jobs/${job.index}`,
          message: `on its track this job's grade is above that of job ${other.index}, so it must not sit lower than ${other.seniority}; it sits at ${job.seniority}`,
        })
        break
      }
    }
  }
  return issues
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Every citation in a document, with its JSON pointer. */
function citationsOf(value: unknown, path = ''): { path: string; file: string; quote: string; reads?: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => citationsOf(item, `${path}/${index}`))
  const record = asRecord(value)
  if (!record) return []
  const own =
    typeof record.file === 'string' && typeof record.quote === 'string'
      ? [{ path, file: record.file, quote: record.quote, reads: asText(asRecord(record.correction)?.reads) }]
      : []
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) =>
      key === 'sources' && path === '' ? [] : citationsOf(child, `${path}/${key}`),
    ),
  ]
}

/** The source files a document names: those its quotes cite and those whose texts it carries. */
export function citedFiles(value: unknown): string[] {
  const files = new Set(citationsOf(value).map((citation) => citation.file))
  for (const source of asList(asRecord(value)?.sources)) {
    const file = asText(asRecord(source)?.file)
    if (file !== undefined) files.add(file)
  }
  return [...files]
}

/**
 * Every quote must be found in the source it cites (white space collapsed): a text the document
 * carries in `sources`, or one the service holds (`storedText`). A carried text must not replace a
 * different stored text of the same name.
 */
export function sourceIssues(value: unknown, storedText: (file: string) => string | undefined): DocumentIssue[] {
  const document = asRecord(value)
  if (!document) return []
  const issues: DocumentIssue[] = []
  const texts = new Map<string, string>()
  asList(document.sources).forEach((source, index) => {
    const file = asText(asRecord(source)?.file)
    const text = asText(asRecord(source)?.text)
    if (file === undefined || text === undefined) return
    const stored = storedText(file)
    if (stored !== undefined && stored !== text) {
      issues.push({
        path: `/sources/${index}/text`,
        message: `a different text is already stored as ${file}; give this one another file name`,
      })
    }
    texts.set(file, collapse(text))
  })
  const cache = new Map<string, string | undefined>()
  const textOf = (file: string) => {
    if (texts.has(file)) return texts.get(file)
    if (!cache.has(file)) {
      const stored = storedText(file)
      cache.set(file, stored === undefined ? undefined : collapse(stored))
    }
    return cache.get(file)
  }
  for (const citation of citationsOf(document)) {
    const text = textOf(citation.file)
    if (text === undefined) {
      issues.push({
        path: `${citation.path}/file`,
        message: `no source ${citation.file}: carry its text in /sources or cite a source the service holds`,
      })
    } else if (!text.includes(collapse(citation.quote))) {
      issues.push({ path: `${citation.path}/quote`, message: `not found in ${citation.file}` })
    } else if (citation.reads !== undefined && !citation.quote.includes(citation.reads)) {
      issues.push({ path: `${citation.path}/correction/reads`, message: 'the corrected text is not part of the quote' })
    }
    if (issues.length > maxIssues) break
  }
  return issues
}

/** Every problem of an institution document: its shape (schema) and the rules beyond it. */
export function validateInstitutionDocument(value: unknown, scale: ScaleDocument): DocumentIssue[] {
  const issues = [...schemaIssues(InstitutionDocumentSchema, value), ...ruleIssues(value, scale)]
  if (issues.length <= maxIssues) return issues
  return [
    ...issues.slice(0, maxIssues),
    { path: '', message: `and at least ${issues.length - maxIssues} more problems, not listed` },
  ]
}

/**
 * The calibration seen from one institution's document: a grade the scale is calibrated on must
 * stay, at the calibration point. Paths point into the document.
 */
export function validateCalibrationOf(scale: ScaleDocument, document: InstitutionDocument): DocumentIssue[] {
  const issues: DocumentIssue[] = []
  for (const anchor of scale.calibration.grades) {
    if (anchor.institution !== document.slug) continue
    const index = document.grades.findIndex((grade) =>
      [grade.code, ...grade.aliases].some((code) => gradeKey(code) === gradeKey(anchor.grade)),
    )
    const grade = document.grades[index]
    if (!grade) {
      issues.push({
        path: '/grades',
        message: `grade ${anchor.grade} must stay: the scale is calibrated on it (${scale.calibration.statement})`,
      })
    } else if (grade.placement.seniority !== scale.calibration.seniority) {
      issues.push({
        path: `/grades/${index}/placement/seniority`,
        message: `grade ${anchor.grade} is fixed at ${scale.calibration.seniority} by the calibration (${scale.calibration.statement}); ${grade.placement.seniority} breaks it`,
      })
    }
  }
  return issues
}

/** The product owner's calibration: the named grades must all sit at the calibration point. */
export function validateCalibration(scale: ScaleDocument, institutions: InstitutionDocument[]): DocumentIssue[] {
  const issues: DocumentIssue[] = []
  scale.calibration.grades.forEach((anchor, index) => {
    const institution = institutions.find((candidate) => candidate.slug === anchor.institution)
    if (!institution) return
    const grade = institution.grades.find((candidate) => gradeKey(candidate.code) === gradeKey(anchor.grade))
    if (!grade) {
      issues.push({
        path: `/calibration/grades/${index}`,
        message: `${anchor.institution} has no grade ${anchor.grade}`,
      })
    } else if (grade.placement.seniority !== scale.calibration.seniority) {
      issues.push({
        path: `/calibration/grades/${index}`,
        message: `${anchor.institution} grade ${anchor.grade} is placed at ${grade.placement.seniority}, but the calibration fixes it at ${scale.calibration.seniority}`,
      })
    }
  })
  return issues
}
