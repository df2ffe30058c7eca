// Validation of data documents: first the TypeBox schema (shape, types, unknown fields), then the
// rules a schema cannot say (references resolve, codes unique, grades ordered by seniority,
// placements on the scale, calibration held). Every problem is reported, not just the first.

import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import {
  type InstitutionDocument,
  InstitutionDocumentSchema,
  type ScaleDocument,
  ScaleDocumentSchema,
} from '../schemas/document.js'
import { gradeKey, jobCodeKey } from './model.js'

export interface DocumentIssue {
  /** JSON pointer into the document, e.g. /jobs/3/tracks/0. */
  path: string
  message: string
}

const validators = new Map<TSchema, ReturnType<typeof Compile>>()

function schemaIssues(schema: TSchema, value: unknown): DocumentIssue[] {
  let validator = validators.get(schema)
  if (!validator) {
    validator = Compile(schema)
    validators.set(schema, validator)
  }
  if (validator.Check(value)) return []
  return validator.Errors(value).map((error) => {
    const params = error.params as { additionalProperties?: string[]; requiredProperties?: string[] }
    if (error.keyword === 'additionalProperties' && params.additionalProperties) {
      return {
        path: `${error.instancePath}/${params.additionalProperties[0] ?? ''}`,
        message: `unknown field ${params.additionalProperties.map((name) => `"${name}"`).join(', ')}`,
      }
    }
    if (error.keyword === 'required' && params.requiredProperties) {
      return {
        path: `${error.instancePath}/${params.requiredProperties[0] ?? ''}`,
        message: `missing required field ${params.requiredProperties.map((name) => `"${name}"`).join(', ')}`,
      }
    }
    return { path: error.instancePath || '/', message: error.message }
  })
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

export function validateInstitutionDocument(value: unknown, scale: ScaleDocument): DocumentIssue[] {
  const issues = schemaIssues(InstitutionDocumentSchema, value)
  if (issues.length > 0) return issues
  const document = value as InstitutionDocument
  const min = Math.min(...scale.points.map((point) => point.value))
  const max = Math.max(...scale.points.map((point) => point.value))
  const prefix = `${document.slug}.`

  issues.push(
    ...duplicates(
      document.grades,
      (grade) => [grade.code, ...grade.aliases].map(gradeKey),
      (i) => `/grades/${i}/code`,
      'grade code',
    ),
    ...duplicates(
      document.families,
      (family) => [family.id],
      (i) => `/families/${i}/id`,
      'family id',
    ),
    ...duplicates(
      document.jobs,
      (job) => [job.id],
      (i) => `/jobs/${i}/id`,
      'job id',
    ),
    ...duplicates(
      document.jobs,
      (job) => (job.jobCode ? [jobCodeKey(job.jobCode)] : []),
      (i) => `/jobs/${i}/jobCode`,
      'job code',
    ),
  )

  document.grades.forEach((grade, index) => {
    const { seniority, min: low, max: high } = grade.placement
    const path = `/grades/${index}/placement`
    for (const [field, point] of [
      ['seniority', seniority],
      ['min', low],
      ['max', high],
    ] as const) {
      if (point < min || point > max) {
        issues.push({ path: `${path}/${field}`, message: `${point} lies outside the scale (${min}–${max})` })
      }
    }
    if (!(low <= seniority && seniority <= high)) {
      issues.push({
        path: `${path}/seniority`,
        message: `seniority ${seniority} must lie within min ${low} and max ${high}`,
      })
    }
    const previous = document.grades[index - 1]?.placement
    if (previous) {
      if (seniority <= previous.seniority) {
        issues.push({
          path: `${path}/seniority`,
          message: `grades are listed in pay order, so seniority must rise: ${seniority} is not above the previous grade's ${previous.seniority}`,
        })
      }
      if (low < previous.min || high < previous.max) {
        issues.push({ path, message: 'a higher grade cannot reach lower on the scale than the grade below it' })
      }
    }
  })

  document.families.forEach((family, index) => {
    if (!family.id.startsWith(prefix)) {
      issues.push({ path: `/families/${index}/id`, message: `family ids start with "${prefix}"` })
    }
  })

  const gradeKeys = new Set(document.grades.flatMap((grade) => [grade.code, ...grade.aliases].map(gradeKey)))
  const familyIds = new Set(document.families.map((family) => family.id))
  document.jobs.forEach((job, index) => {
    if (!job.id.startsWith(prefix))
      issues.push({ path: `/jobs/${index}/id`, message: `job ids start with "${prefix}"` })
    if (!gradeKeys.has(gradeKey(job.grade))) {
      issues.push({
        path: `/jobs/${index}/grade`,
        message: `grade "${job.grade}" is not one of this institution's grades`,
      })
    }
    if (!familyIds.has(job.family)) {
      issues.push({
        path: `/jobs/${index}/family`,
        message: `family "${job.family}" is not one of this institution's families`,
      })
    }
  })
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
