// Representations: catalog objects to the JSON shapes the response schemas declare.
import type { Static } from 'typebox'
import type { Catalog, Family, Grade, Institution, Job } from '../../catalog/model.js'
import { nearestPointIndex } from '../../catalog/model.js'
import type { CrosswalkMatch, CrosswalkResult } from '../../crosswalk/crosswalk.js'
import type { Track } from '../../documents/schema.js'
import type { EssentialResultSchema } from '../schemas/batch.js'
import type { GradeRefSchema, LevelSummarySchema } from '../schemas/common.js'
import type { CrosswalkResultSchema } from '../schemas/crosswalk.js'
import type { FamilySchema, FamilySummarySchema } from '../schemas/family.js'
import type { InstitutionSchema, InstitutionSummarySchema } from '../schemas/institution.js'
import type { LadderSchema } from '../schemas/ladder.js'
import type { LevelSchema } from '../schemas/level.js'
import type { MetaSchema } from '../schemas/meta.js'
import type { ScaleSchema } from '../schemas/scale.js'

export function gradeRef(grade: Grade): Static<typeof GradeRefSchema> {
  return { id: grade.id, code: grade.code, label: grade.label }
}

export function levelSummary(job: Job): Static<typeof LevelSummarySchema> {
  return {
    id: job.id,
    title: job.title,
    jobCode: job.jobCode,
    family: job.familyId,
    grade: job.grade.code,
    track: job.track,
    tracks: job.tracks,
  }
}

export function levelView(job: Job): Static<typeof LevelSchema> {
  return {
    id: job.id,
    institution: job.institution,
    family: job.familyId,
    grade: gradeRef(job.grade),
    title: job.title,
    jobCode: job.jobCode,
    track: job.track,
    tracks: job.tracks,
    flsa: job.flsa,
    seniority: job.seniority,
    placement: { by: job.placedBy, rationale: job.rationale, evidence: job.evidence },
    inferredCodes: job.inferredCodes ?? [],
    summary: job.summary,
    education: job.education,
    experience: job.experience,
    supervisionReceived: job.supervisionReceived,
    supportTier: job.supportTier,
    leads: job.leads,
    duties: job.duties,
    sources: job.sources,
    notes: job.notes,
  }
}

export function institutionSummary(institution: Institution): Static<typeof InstitutionSummarySchema> {
  return {
    slug: institution.slug,
    name: institution.name,
    shortName: institution.shortName,
    publisher: institution.publisher,
    gradeSystem: institution.gradeSystem,
    effectiveDate: institution.source.effectiveDate,
    source: institution.source,
    counts: {
      grades: institution.grades.length,
      families: institution.families.length,
      levels: institution.jobs.length,
    },
  }
}

export function institutionView(institution: Institution): Static<typeof InstitutionSchema> {
  return {
    ...institutionSummary(institution),
    notes: institution.notes,
    grades: institution.grades.map((grade) => ({
      id: grade.id,
      code: grade.code,
      label: grade.label,
      aliases: grade.aliases,
      seniority: grade.seniority,
      rationale: grade.rationale,
      evidence: grade.evidence,
      levels: grade.jobs.map(levelSummary),
    })),
    families: institution.families.map((family) => ({
      id: family.id,
      name: family.name,
      code: family.code,
      levels: family.jobs.length,
    })),
  }
}

export function familySummary(family: Family): Static<typeof FamilySummarySchema> {
  return {
    id: family.id,
    institution: family.institution,
    name: family.name,
    code: family.code,
    summary: family.summary,
    sources: family.sources,
    notes: family.notes,
  }
}

export function familyView(family: Family): Static<typeof FamilySchema> {
  const levels = [...family.jobs].sort((a, b) => a.grade.position - b.grade.position || a.position - b.position)
  return { ...familySummary(family), levels: levels.map(levelSummary) }
}

/** The point a fractional placement is shown at. */
function nearestPoint(catalog: Catalog, value: number): number | undefined {
  return catalog.scale.points[nearestPointIndex(catalog.scale.points, value)]?.value
}

/** The grades of one institution placed at a scale point, at their point or inside their range. */
export function placementsAt(catalog: Catalog, institution: Institution, value: number, track?: Track) {
  return institution.grades.flatMap((grade) => {
    if (value < grade.seniority.min || grade.seniority.max < value) return []
    const jobs = track === undefined ? grade.jobs : grade.jobs.filter((job) => job.tracks.includes(track))
    if (track !== undefined && jobs.length === 0) return []
    return [
      {
        institution: institution.slug,
        grade: gradeRef(grade),
        seniority: grade.seniority,
        placedAt: nearestPoint(catalog, grade.seniority.value) === value ? ('point' as const) : ('band' as const),
        levels: jobs.map(levelSummary),
      },
    ]
  })
}

export function ladderView(catalog: Catalog, institutions: Institution[], track?: Track): Static<typeof LadderSchema> {
  return {
    institutions: institutions.map((institution) => ({
      slug: institution.slug,
      shortName: institution.shortName,
      name: institution.name,
    })),
    points: catalog.scale.points.map((point) => ({
      value: point.value,
      code: point.code,
      name: point.name,
      institutions: institutions.map((institution) => ({
        institution: institution.slug,
        grades: placementsAt(catalog, institution, point.value, track).map(({ institution: _slug, ...rest }) => rest),
      })),
    })),
  }
}

export function scaleView(catalog: Catalog): Static<typeof ScaleSchema> {
  const { scale } = catalog
  return {
    id: scale.id,
    name: scale.name,
    version: scale.version,
    description: scale.description,
    min: scale.min,
    max: scale.max,
    calibration: scale.calibration,
    points: scale.points.map((point) => ({
      value: point.value,
      code: point.code,
      name: point.name,
      summary: point.summary,
      descriptor: point.descriptor,
      references: point.references,
      grades: catalog.institutions.flatMap((institution) => placementsAt(catalog, institution, point.value)),
    })),
  }
}

function matchView(match: CrosswalkMatch) {
  return {
    institution: match.institution.slug,
    grade: gradeRef(match.grade),
    levels: match.jobs.map(levelSummary),
    seniority: match.seniority,
    delta: match.delta,
    relation: match.relation,
    score: match.score,
    comparable: match.comparable,
    trackMatched: match.trackMatched,
    rationale: match.rationale,
    sources: match.sources,
  }
}

export function crosswalkResultView(result: CrosswalkResult): Static<typeof CrosswalkResultSchema> {
  const { source } = result
  return {
    source: {
      institution: source.institution?.slug ?? null,
      grade: source.grade ? gradeRef(source.grade) : null,
      level: source.job ? levelSummary(source.job) : null,
      seniority: source.seniority,
    },
    matches: result.matches.map(matchView),
  }
}

export function metaView(catalog: Catalog): Static<typeof MetaSchema> {
  return {
    dataVersion: catalog.version,
    changedAt: catalog.changedAt,
    scale: { id: catalog.scale.id, version: catalog.scale.version, points: catalog.scale.points.length },
    counts: {
      institutions: catalog.institutions.length,
      families: catalog.familyById.size,
      grades: catalog.gradeById.size,
      levels: catalog.jobs.length,
    },
    institutions: catalog.institutions.map((institution) => ({
      slug: institution.slug,
      name: institution.name,
      effectiveDate: institution.source.effectiveDate,
      source: {
        file: institution.source.file,
        title: institution.source.title,
        employerNamed: institution.source.employerNamed,
      },
    })),
  }
}

/** The match essentials a batch answers by default: no rationale, no sources, jobs by id and title. */
export function essentialResultView(result: CrosswalkResult): Static<typeof EssentialResultSchema> {
  const { source } = result
  return {
    source: {
      institution: source.institution?.slug ?? null,
      grade: source.grade ? gradeRef(source.grade) : null,
      level: source.job ? { id: source.job.id, title: source.job.title } : null,
      seniority: source.seniority,
    },
    matches: result.matches.map((match) => ({
      institution: match.institution.slug,
      grade: gradeRef(match.grade),
      levels: match.jobs.map((job) => ({ id: job.id, title: job.title })),
      delta: match.delta,
      relation: match.relation,
      score: match.score,
    })),
  }
}
