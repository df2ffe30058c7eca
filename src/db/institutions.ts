// Moves documents between their JSON form and the SQLite tables. Writes run inside one
// synchronous transaction (better-sqlite3: an async callback would silently break atomicity).
import { asc, count, eq, gte, isNull, max, sql } from 'drizzle-orm'
import { gradeId, gradeKey } from '../documents/codes.js'
import type { InstitutionDocument, ScaleDocument } from '../documents/schema.js'
import { canonicalInstitution, combineVersion, digestOf, scaleDigest } from '../documents/version.js'
import type { LevelmapDatabase, Writer } from './client.js'

export type { Transaction, Writer } from './client.js'

import { changes, dataState, families, grades, institutions, jobs, scalePoints, scales } from './schema.js'
import { clearIndex, indexInstitution, unindexInstitution } from './search-index.js'
import { writeSourceTexts } from './sources.js'
import { recordVersion } from './versions.js'

export function writeScale(db: Writer, scale: ScaleDocument): void {
  db.delete(scales).run()
  db.insert(scales)
    .values({
      id: scale.id,
      name: scale.name,
      version: scale.version,
      description: scale.description,
      calibrationStatement: scale.calibration.statement,
      calibrationSeniority: scale.calibration.seniority,
      calibrationGrades: scale.calibration.grades,
    })
    .run()
  db.insert(scalePoints)
    .values(
      scale.points.map((point) => ({
        value: point.value,
        scaleId: scale.id,
        code: point.code,
        name: point.name,
        summary: point.summary,
        experience: point.descriptor.experience,
        autonomy: point.descriptor.autonomy,
        complexity: point.descriptor.complexity,
        leadership: point.descriptor.leadership,
        references: point.references,
      })),
    )
    .run()
}

/**
 * Writes one institution: its canonical document and digest (what the catalog is built from), the
 * rows that hold the domain's invariants in SQL, and its search entries. Returns the digest and
 * the canonical text (which the institution's next version keeps).
 */
export function writeInstitution(db: Writer, document: InstitutionDocument): { digest: string; canonical: string } {
  const slug = document.slug
  const canonical = canonicalInstitution(storedForm(document))
  const digest = digestOf(canonical)
  db.insert(institutions)
    .values({
      document: canonical,
      digest,
      slug,
      name: document.name,
      shortName: document.shortName,
      publisher: document.publisher,
      gradeSystem: document.gradeSystem,
      sourceFile: document.source.file,
      sourceTitle: document.source.title,
      effectiveDate: document.source.effectiveDate,
      employerNamed: document.source.employerNamed,
      identification: document.source.identification,
      sourceQuotes: document.source.quotes,
      notes: document.notes,
    })
    .run()
  const codeByKey = new Map<string, string>()
  document.grades.forEach((grade, position) => {
    for (const code of [grade.code, ...grade.aliases]) codeByKey.set(gradeKey(code), grade.code)
    db.insert(grades)
      .values({
        id: gradeId(slug, grade.code),
        institutionSlug: slug,
        code: grade.code,
        label: grade.label,
        aliases: grade.aliases,
        position,
        seniority: grade.placement.seniority,
        seniorityMin: grade.placement.min,
        seniorityMax: grade.placement.max,
        rationale: grade.placement.rationale,
        evidence: grade.placement.evidence,
      })
      .run()
  })
  document.families.forEach((family, position) => {
    db.insert(families)
      .values({
        id: family.id,
        institutionSlug: slug,
        name: family.name,
        code: family.code,
        summary: family.summary,
        position,
        sources: family.sources,
        notes: family.notes,
      })
      .run()
  })
  document.jobs.forEach((job, position) => {
    db.insert(jobs)
      .values({
        id: job.id,
        institutionSlug: slug,
        familyId: job.family,
        gradeId: gradeId(slug, codeByKey.get(gradeKey(job.grade)) ?? job.grade),
        position,
        title: job.title,
        jobCode: job.jobCode,
        tracks: job.tracks,
        flsa: job.flsa,
        summary: job.summary,
        educationMinimum: job.education.minimum,
        educationTypical: job.education.typical,
        experienceMinYears: job.experience.minYears,
        experienceTypicalYears: job.experience.typicalYears,
        experienceMaxYears: job.experience.maxYears,
        experienceNote: job.experience.note,
        supervisionReceived: job.supervisionReceived,
        supportTier: job.supportTier,
        leads: job.leads,
        duties: job.duties,
        sources: job.sources,
        notes: job.notes,
        placement: job.placement ?? null,
        inferredCodes: job.inferredCodes ?? null,
      })
      .run()
  })
  indexInstitution(db, document)
  return { digest, canonical }
}

/** Deletes one institution, everything it holds (the foreign keys cascade) and its search entries. */
export function deleteInstitution(db: Writer, slug: string): void {
  unindexInstitution(db, slug)
  db.delete(institutions).where(eq(institutions.slug, slug)).run()
}

/** A document as stored: the source texts it carried are stored apart, under their file names. */
export function storedForm(document: InstitutionDocument): InstitutionDocument {
  if (document.sources === undefined) return document
  const { sources: _carried, ...stored } = document
  return stored
}

/** Replaces everything with the given documents and source texts, atomically, and sets the data version. */
export function replaceAll(
  db: LevelmapDatabase,
  scale: ScaleDocument,
  documents: InstitutionDocument[],
  sources: Iterable<{ file: string; text: string }> = [],
): string {
  return db.transaction((tx) => {
    tx.delete(institutions).run()
    clearIndex(tx)
    writeScale(tx, scale)
    writeSourceTexts(tx, sources)
    const at = new Date().toISOString()
    for (const document of documents) {
      const { digest, canonical } = writeInstitution(tx, document)
      recordVersion(tx, {
        slug: document.slug,
        document: { canonical, digest, effectiveDate: document.source.effectiveDate },
        changeId: null,
        keyName: 'data-files',
        at,
      })
    }
    return writeDataVersion(tx, versionOf(tx, scale))
  })
}

/** Every institution's slug and document digest: what the data version is computed from. */
export function readDigests(db: Writer): { slug: string; digest: string }[] {
  return db
    .select({ slug: institutions.slug, digest: institutions.digest })
    .from(institutions)
    .all()
    .map((row) => ({ slug: row.slug, digest: row.digest ?? '' }))
}

/** One institution's stored document digest, or null when it is not stored. */
export function readDigest(db: Writer, slug: string): string | null {
  const row = db.select({ digest: institutions.digest }).from(institutions).where(eq(institutions.slug, slug)).get()
  return row ? (row.digest ?? null) : null
}

/** The data version of what the database holds now (inside a write: after the write). */
export function versionOf(db: Writer, scale: ScaleDocument): string {
  return combineVersion(scaleDigest(scale), readDigests(db))
}

export function readDataVersion(db: Writer): { version: string; changedAt: string } | undefined {
  return db.select({ version: dataState.version, changedAt: dataState.changedAt }).from(dataState).get()
}

/** Sets the data version and when the data was written (default: now). */
export function writeDataVersion(db: Writer, version: string, changedAt = new Date().toISOString()): string {
  db.insert(dataState)
    .values({ id: 1, version, changedAt })
    .onConflictDoUpdate({ target: dataState.id, set: { version, changedAt } })
    .run()
  return version
}

/** Institutions stored before documents were kept whole, or without a data version row. */
export function needsDocuments(db: Writer): boolean {
  // Called on a database that holds data (an empty one is loaded from the data files instead).
  const missing = db.select({ slug: institutions.slug }).from(institutions).where(isNull(institutions.document)).get()
  return missing !== undefined || readDataVersion(db) === undefined
}

/** Stores every institution's document and digest from its rows, and the data version: once. */
export function storeDocuments(db: LevelmapDatabase): void {
  db.transaction((tx) => {
    const scale = readScale(tx)
    for (const document of readInstitutionsFromRows(tx)) {
      const canonical = canonicalInstitution(document)
      const digest = digestOf(canonical)
      tx.update(institutions).set({ document: canonical, digest }).where(eq(institutions.slug, document.slug)).run()
      recordVersion(tx, {
        slug: document.slug,
        document: { canonical, digest, effectiveDate: document.source.effectiveDate },
        changeId: null,
        keyName: 'before-history',
        at: new Date().toISOString(),
      })
    }
    writeDataVersion(tx, versionOf(tx, scale))
  })
}

/** Every institution's document, as stored whole: no rows to join, nothing to hash. */
export function readStoredDocuments(db: Writer): { document: InstitutionDocument; digest: string }[] {
  return db
    .select({ document: institutions.document, digest: institutions.digest })
    .from(institutions)
    .orderBy(asc(institutions.slug))
    .all()
    .map((row) => ({ document: JSON.parse(row.document ?? 'null') as InstitutionDocument, digest: row.digest ?? '' }))
}

export function readStoredDocument(
  db: Writer,
  slug: string,
): { document: InstitutionDocument; digest: string } | undefined {
  const row = db
    .select({ document: institutions.document, digest: institutions.digest })
    .from(institutions)
    .where(eq(institutions.slug, slug))
    .get()
  return row?.document
    ? { document: JSON.parse(row.document) as InstitutionDocument, digest: row.digest ?? '' }
    : undefined
}

export function readInstitutions(db: Writer): InstitutionDocument[] {
  return readStoredDocuments(db).map((stored) => stored.document)
}

export function institutionExists(db: Writer, slug: string): boolean {
  return (
    db.select({ slug: institutions.slug }).from(institutions).where(eq(institutions.slug, slug)).get() !== undefined
  )
}

export function isEmpty(db: LevelmapDatabase): boolean {
  const [row] = db.select({ n: count() }).from(scales).all()
  return (row?.n ?? 0) === 0
}

export function readScale(db: Writer): ScaleDocument {
  const [scale] = db.select().from(scales).all()
  if (!scale) throw new Error('the database holds no scale')
  const points = db.select().from(scalePoints).orderBy(asc(scalePoints.value)).all()
  return {
    id: scale.id,
    name: scale.name,
    version: scale.version,
    description: scale.description,
    calibration: {
      statement: scale.calibrationStatement,
      seniority: scale.calibrationSeniority,
      grades: scale.calibrationGrades,
    },
    points: points.map((point) => ({
      value: point.value,
      code: point.code,
      name: point.name,
      summary: point.summary,
      descriptor: {
        experience: point.experience,
        autonomy: point.autonomy,
        complexity: point.complexity,
        leadership: point.leadership,
      },
      references: point.references,
    })),
  }
}

/** Rows grouped by institution, in their order: one pass, not one filter per institution. */
function byInstitution<T extends { institutionSlug: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(row.institutionSlug)
    if (group) group.push(row)
    else groups.set(row.institutionSlug, [row])
  }
  return groups
}

/** Reads every institution back into its document form from its rows (for databases stored before documents were kept whole). */
function readInstitutionsFromRows(db: Writer): InstitutionDocument[] {
  const gradeRows = db.select().from(grades).orderBy(asc(grades.institutionSlug), asc(grades.position)).all()
  const familyRows = db.select().from(families).orderBy(asc(families.institutionSlug), asc(families.position)).all()
  const jobRows = db.select().from(jobs).orderBy(asc(jobs.institutionSlug), asc(jobs.position)).all()
  const gradeCodeById = new Map(gradeRows.map((grade) => [grade.id, grade.code]))
  const gradesOf = byInstitution(gradeRows)
  const familiesOf = byInstitution(familyRows)
  const jobsOf = byInstitution(jobRows)
  return db
    .select()
    .from(institutions)
    .orderBy(asc(institutions.slug))
    .all()
    .map((row) => ({
      slug: row.slug,
      name: row.name,
      shortName: row.shortName,
      publisher: row.publisher,
      gradeSystem: row.gradeSystem,
      source: {
        file: row.sourceFile,
        title: row.sourceTitle,
        effectiveDate: row.effectiveDate,
        employerNamed: row.employerNamed,
        identification: row.identification,
        quotes: row.sourceQuotes,
      },
      notes: row.notes,
      grades: (gradesOf.get(row.slug) ?? []).map((grade) => ({
        code: grade.code,
        label: grade.label,
        aliases: grade.aliases,
        placement: {
          seniority: grade.seniority,
          min: grade.seniorityMin,
          max: grade.seniorityMax,
          rationale: grade.rationale,
          evidence: grade.evidence,
        },
      })),
      families: (familiesOf.get(row.slug) ?? []).map((family) => ({
        id: family.id,
        name: family.name,
        code: family.code,
        summary: family.summary,
        sources: family.sources,
        notes: family.notes,
      })),
      jobs: (jobsOf.get(row.slug) ?? []).map((job) => ({
        id: job.id,
        title: job.title,
        jobCode: job.jobCode,
        grade: gradeCodeById.get(job.gradeId) ?? job.gradeId,
        family: job.familyId,
        tracks: job.tracks,
        flsa: job.flsa,
        summary: job.summary,
        education: { minimum: job.educationMinimum, typical: job.educationTypical },
        experience: {
          minYears: job.experienceMinYears,
          typicalYears: job.experienceTypicalYears,
          maxYears: job.experienceMaxYears,
          note: job.experienceNote,
        },
        supervisionReceived: job.supervisionReceived,
        supportTier: job.supportTier,
        leads: job.leads,
        duties: job.duties,
        sources: job.sources,
        notes: job.notes,
        ...(job.placement ? { placement: job.placement } : {}),
        ...(job.inferredCodes ? { inferredCodes: job.inferredCodes } : {}),
      })),
    }))
}

export type ChangeKind = 'create' | 'replace' | 'delete'

/** One committed write, as the change log holds it. */
export interface ChangeRecord {
  id: number
  at: string
  keyName: string
  institution: string
  kind: ChangeKind
  versionBefore: string
  versionAfter: string
}

/** Appends a write to the change log (at `at`, default now); call it inside the write's own transaction. */
export function recordChange(tx: Writer, change: Omit<ChangeRecord, 'id' | 'at'> & { at?: string }): ChangeRecord {
  return tx.insert(changes).values(change).returning().get()
}

/** The id of the change log's last entry: its head (0 while the log is empty). */
export function readLogHead(db: Writer): number {
  const [row] = db
    .select({ head: max(changes.id) })
    .from(changes)
    .all()
  return row?.head ?? 0
}

/** Where a listing of the change log starts: at a change id, or at a time (ISO, inclusive). */
export type ChangeFrom = { fromId: number } | { at: string } | Record<string, never>

export function readChanges(
  db: Writer,
  from: ChangeFrom,
  page: { limit: number; offset: number },
): { items: ChangeRecord[]; total: number } {
  const where = 'fromId' in from ? gte(changes.id, from.fromId) : 'at' in from ? gte(changes.at, from.at) : sql`1 = 1`
  const [row] = db.select({ n: count() }).from(changes).where(where).all()
  const items = db
    .select()
    .from(changes)
    .where(where)
    .orderBy(asc(changes.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  return { items, total: row?.n ?? 0 }
}

/**
 * The change log from the first moment the data was at `version`: the id to list from.
 * Versions are content hashes, so the data can return to one; listing from its first appearance
 * repeats changes rather than skipping any. Undefined when the log never saw the version.
 */
export function changesSinceVersion(db: Writer, version: string): { fromId: number } | undefined {
  const firstId = (column: typeof changes.versionBefore | typeof changes.versionAfter) =>
    db.select({ id: changes.id }).from(changes).where(eq(column, version)).orderBy(asc(changes.id)).limit(1).get()?.id
  const before = firstId(changes.versionBefore)
  if (before !== undefined) return { fromId: before }
  const after = firstId(changes.versionAfter)
  return after === undefined ? undefined : { fromId: after + 1 }
}
