// The catalog: an immutable, fully linked snapshot of the scale and every institution, built
// once from the database and swapped whole. Every read route and the crosswalk answer from it.

import { gradeId, gradeKey, jobCodeKey } from '../documents/codes.js'
import type {
  Citation,
  FamilyDocument,
  InstitutionDocument,
  JobDocument,
  ScaleDocument,
  ScalePointDocument,
  Track,
} from '../documents/schema.js'
import { canonicalInstitution, combineVersion, digestOf, scaleDigest } from '../documents/version.js'

export interface SeniorityRange {
  value: number
  min: number
  max: number
}

export interface ScalePoint extends ScalePointDocument {}

export interface Scale {
  id: string
  name: string
  version: string
  description: string
  calibration: ScaleDocument['calibration']
  points: ScalePoint[]
  min: number
  max: number
}

export interface Grade {
  id: string
  institution: string
  code: string
  label: string
  aliases: string[]
  position: number
  seniority: SeniorityRange
  rationale: string
  evidence: Citation[]
  jobs: Job[]
}

export interface Family extends Omit<FamilyDocument, 'id'> {
  id: string
  institution: string
  position: number
  jobs: Job[]
}

export interface Job extends Omit<JobDocument, 'grade' | 'family'> {
  institution: string
  position: number
  familyId: string
  grade: Grade
  track: Track
  /** Where the job sits: its own placement when its document gives one, else its grade's. */
  seniority: SeniorityRange
  /** Whose placement that is, and the rationale and evidence behind it. */
  placedBy: 'job' | 'grade'
  rationale: string
  evidence: Citation[]
}

export interface Institution {
  slug: string
  name: string
  shortName: string
  publisher: string
  gradeSystem: string
  source: InstitutionDocument['source']
  notes: string[]
  grades: Grade[]
  families: Family[]
  jobs: Job[]
  /** Grade by normalized code or alias (see gradeKey). */
  gradeByKey: Map<string, Grade>
  /** Jobs by normalized job code (see jobCodeKey): the printed code, and inferred codes (which a class shares). */
  jobByCode: Map<string, Job[]>
  document: InstitutionDocument
  /** SHA-256 of the canonical document: its part of the data version. */
  digest: string
}

export interface Catalog {
  /** Content hash of the canonical scale and institution documents. */
  version: string
  /**
   * When the data was last written (ISO 8601 UTC): the time of the last change-log entry, or of the
   * first load; null when the store has no record of it.
   */
  changedAt: string | null
  /**
   * The change log's head as this catalog knows it: a number that grows with every logged write
   * (0 before the first). Answers that report the log or `changedAt` are tagged with it, since a
   * write can leave the data version where it was.
   */
  logHead: number
  scale: Scale
  /** The scale as its document, as stored. */
  scaleDocument: ScaleDocument
  institutions: Institution[]
  institutionBySlug: Map<string, Institution>
  jobs: Job[]
  jobById: Map<string, Job>
  familyById: Map<string, Family>
  gradeById: Map<string, Grade>
}

/** Index of the scale point a value is shown at: the nearest point, the lower one on a tie. */
export function nearestPointIndex(points: readonly { value: number }[], value: number): number {
  let best = 0
  points.forEach((point, index) => {
    if (Math.abs(point.value - value) < Math.abs((points[best] as { value: number }).value - value)) best = index
  })
  return best
}

function buildScale(document: ScaleDocument): Scale {
  const points = [...document.points].sort((a, b) => a.value - b.value)
  return {
    id: document.id,
    name: document.name,
    version: document.version,
    description: document.description,
    calibration: document.calibration,
    points,
    min: points[0]?.value ?? 0,
    max: points.at(-1)?.value ?? 0,
  }
}

function linkInstitution(document: InstitutionDocument): Omit<Institution, 'digest'> {
  const grades: Grade[] = document.grades.map((grade, position) => ({
    id: gradeId(document.slug, grade.code),
    institution: document.slug,
    code: grade.code,
    label: grade.label,
    aliases: grade.aliases,
    position,
    seniority: { value: grade.placement.seniority, min: grade.placement.min, max: grade.placement.max },
    rationale: grade.placement.rationale,
    evidence: grade.placement.evidence,
    jobs: [],
  }))
  const gradeByKey = new Map<string, Grade>()
  for (const grade of grades) {
    for (const code of [grade.code, ...grade.aliases]) gradeByKey.set(gradeKey(code), grade)
  }
  const families: Family[] = document.families.map((family, position) => ({
    ...family,
    institution: document.slug,
    position,
    jobs: [],
  }))
  const familyById = new Map(families.map((family) => [family.id, family]))
  const jobByCode = new Map<string, Job[]>()
  const jobs = document.jobs.map((job: JobDocument, position): Job => {
    const grade = gradeByKey.get(gradeKey(job.grade))
    const family = familyById.get(job.family)
    // validateInstitution guarantees both references before a catalog is ever built.
    if (!grade || !family) throw new Error(`${job.id}: unresolved grade or family`)
    const { grade: _grade, family: _family, ...rest } = job
    const own = job.placement
    const built: Job = {
      ...rest,
      institution: document.slug,
      position,
      familyId: family.id,
      grade,
      track: job.tracks[0] ?? 'individual_contributor',
      seniority: own ? { value: own.seniority, min: own.min, max: own.max } : grade.seniority,
      placedBy: own ? 'job' : 'grade',
      rationale: own ? own.rationale : grade.rationale,
      evidence: own ? own.evidence : grade.evidence,
    }
    grade.jobs.push(built)
    family.jobs.push(built)
    const codes = [job.jobCode, ...(job.inferredCodes ?? []).map((inferred) => inferred.code)]
    for (const code of codes) {
      if (!code) continue
      const key = jobCodeKey(code)
      jobByCode.set(key, [...(jobByCode.get(key) ?? []), built])
    }
    return built
  })
  return {
    slug: document.slug,
    name: document.name,
    shortName: document.shortName,
    publisher: document.publisher,
    gradeSystem: document.gradeSystem,
    source: document.source,
    notes: document.notes,
    grades,
    families,
    jobs,
    gradeByKey,
    jobByCode,
    document,
  }
}

/** One institution's part of the catalog: built once from its document and reused by every
 * snapshot until the institution itself changes. */
export function buildInstitution(document: InstitutionDocument, digest: string): Institution {
  return { ...linkInstitution(document), digest }
}

/** Where the change log stood when a catalog was read: the last write's time and the log's head. */
export interface LogPosition {
  changedAt: string | null
  head: number
}

const noLog: LogPosition = { changedAt: null, head: 0 }

/** The catalog of a scale and its institutions (in any order) at a data version. */
export function assembleCatalog(
  scaleDocument: ScaleDocument,
  parts: readonly Institution[],
  version: string,
  log: LogPosition = noLog,
): Catalog {
  const institutions = [...parts].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const jobs = institutions.flatMap((institution) => institution.jobs)
  return {
    version,
    changedAt: log.changedAt,
    logHead: log.head,
    scale: buildScale(scaleDocument),
    scaleDocument,
    institutions,
    institutionBySlug: new Map(institutions.map((institution) => [institution.slug, institution])),
    jobs,
    jobById: new Map(jobs.map((job) => [job.id, job])),
    familyById: new Map(
      institutions.flatMap((institution) => institution.families.map((family) => [family.id, family])),
    ),
    gradeById: new Map(institutions.flatMap((institution) => institution.grades.map((grade) => [grade.id, grade]))),
  }
}

/**
 * The catalog with one institution replaced (or removed: `next` null), built from the previous one:
 * its lookup maps are copied and patched rather than rebuilt from every job, so the cost of a
 * write barely grows with the catalog.
 */
export function replaceInstitution(
  catalog: Catalog,
  slug: string,
  next: Institution | null,
  version: string,
  log: LogPosition,
): Catalog {
  const previous = catalog.institutionBySlug.get(slug)
  const institutions = catalog.institutions.filter((institution) => institution.slug !== slug)
  if (next) {
    let at = 0
    while (at < institutions.length && (institutions[at] as Institution).slug < slug) at++
    institutions.splice(at, 0, next)
  }
  const institutionBySlug = new Map(catalog.institutionBySlug)
  const jobById = new Map(catalog.jobById)
  const familyById = new Map(catalog.familyById)
  const gradeById = new Map(catalog.gradeById)
  if (previous) {
    institutionBySlug.delete(slug)
    for (const job of previous.jobs) jobById.delete(job.id)
    for (const family of previous.families) familyById.delete(family.id)
    for (const grade of previous.grades) gradeById.delete(grade.id)
  }
  if (next) {
    institutionBySlug.set(slug, next)
    for (const job of next.jobs) jobById.set(job.id, job)
    for (const family of next.families) familyById.set(family.id, family)
    for (const grade of next.grades) gradeById.set(grade.id, grade)
  }
  const patched: Omit<Catalog, 'jobs'> = {
    version,
    changedAt: log.changedAt,
    logHead: log.head,
    scale: catalog.scale,
    scaleDocument: catalog.scaleDocument,
    institutions,
    institutionBySlug,
    jobById,
    familyById,
    gradeById,
  }
  // The flat list of jobs is listed in full only by some reads: made on first use.
  let jobs: Job[] | undefined
  return Object.defineProperty(patched, 'jobs', {
    enumerable: true,
    get: () => {
      jobs ??= institutions.flatMap((institution) => institution.jobs)
      return jobs
    },
  }) as Catalog
}

/** The catalog of whole documents, hashing each (for data files and tests). */
export function buildCatalog(scaleDocument: ScaleDocument, documents: readonly InstitutionDocument[]): Catalog {
  const parts = documents.map((document) => buildInstitution(document, digestOf(canonicalInstitution(document))))
  return assembleCatalog(scaleDocument, parts, combineVersion(scaleDigest(scaleDocument), parts))
}

/**
 * A level by its id, or, when no id is exactly that, by the one id that equals it ignoring case
 * (`harvard.10657p` is `harvard.10657P`). Undefined when there is none, or more than one.
 */
export function findJob(catalog: Catalog, id: string): Job | undefined {
  const exact = catalog.jobById.get(id)
  if (exact) return exact
  const wanted = id.toLowerCase()
  const matches = catalog.jobs.filter((job) => job.id.toLowerCase() === wanted)
  return matches.length === 1 ? matches[0] : undefined
}

export { gradeId, gradeKey, jobCodeKey } from '../documents/codes.js'
