// Spreadsheet and streaming representations: the ladder and the level list as CSV (one header
// row, then records; see formats/csv.ts for quoting and formula neutralisation), and levels as
// NDJSON (one JSON level per line, the same object the JSON list holds).
import type { Static } from 'typebox'
import type { Job } from '../../catalog/model.js'
import type { CrosswalkResult } from '../../crosswalk/crosswalk.js'
import type { LadderGradeSchema, LadderSchema } from '../schemas/ladder.js'
import { type CsvCell, csvRow, toCsv } from './csv.js'
import { levelView } from './json.js'

type LadderGrade = Static<typeof LadderGradeSchema>

/** One grade in a ladder cell: `IT2 (placed at 1, range 1-2): Client Support Technician`. */
function ladderGradeText(entry: LadderGrade): string {
  const { value, min, max } = entry.seniority
  const placement = min === max ? '' : ` (placed at ${value}, range ${min}-${max})`
  const titles = entry.levels.map((level) => (level.jobCode ? `${level.title} [${level.jobCode}]` : level.title))
  return `${entry.grade.code}${placement}: ${titles.join('; ')}`
}

/** The ladder side by side: one row per scale point, one column per institution; grades in a cell are separated by ` | `. */
export function ladderCsv(ladder: Static<typeof LadderSchema>): string {
  const header = ['point', 'code', 'name', ...ladder.institutions.map((institution) => institution.slug)]
  const rows = ladder.points.map((point) => [
    point.value,
    point.code,
    point.name,
    ...point.institutions.map((column) => column.grades.map(ladderGradeText).join(' | ')),
  ])
  return toCsv(header, rows)
}

export const levelCsvHeader = [
  'id',
  'institution',
  'family',
  'grade',
  'title',
  'jobCode',
  'track',
  'tracks',
  'flsa',
  'seniority',
  'seniorityMin',
  'seniorityMax',
  'supervisionReceived',
  'supportTier',
  'experienceMinYears',
  'experienceTypicalYears',
  'experienceMaxYears',
  'summary',
] as const

export function levelsCsv(jobs: readonly Job[]): string {
  return toCsv(
    levelCsvHeader,
    jobs.map((job) => [
      job.id,
      job.institution,
      job.familyId,
      job.grade.code,
      job.title,
      job.jobCode,
      job.track,
      job.tracks.join(' '),
      job.flsa,
      job.seniority.value,
      job.seniority.min,
      job.seniority.max,
      job.supervisionReceived,
      job.supportTier,
      job.experience.minYears,
      job.experience.typicalYears,
      job.experience.maxYears,
      job.summary,
    ]),
  )
}

export function levelsNdjson(jobs: readonly Job[]): string {
  let text = ''
  for (const job of jobs) text += `${JSON.stringify(levelView(job))}\n`
  return text
}

/** One row per match: the source job, the target grade and jobs, and how they relate. */
export const crosswalkCsvHeader = [
  'sourceInstitution',
  'sourceGrade',
  'sourceLevel',
  'sourceTitle',
  'sourceSeniority',
  'targetInstitution',
  'targetGrade',
  'targetLevels',
  'targetTitles',
  'targetSeniority',
  'delta',
  'relation',
  'score',
  'comparable',
  'trackMatched',
  'rationale',
] as const

/** The rows of one crosswalk result; `rationale` is written only when asked (it is long). */
export function crosswalkRows(result: CrosswalkResult, rationale: boolean): CsvCell[][] {
  const { source } = result
  const sourceCells: CsvCell[] = [
    source.institution?.slug ?? null,
    source.grade?.code ?? null,
    source.job?.id ?? null,
    source.job?.title ?? null,
    source.seniority.value,
  ]
  return result.matches.map((match) => [
    ...sourceCells,
    match.institution.slug,
    match.grade.code,
    match.jobs.map((job) => job.id).join(' '),
    match.jobs.map((job) => job.title).join('; '),
    match.seniority.value,
    match.delta,
    match.relation,
    Math.round(match.score * 1000) / 1000,
    match.comparable,
    match.trackMatched,
    rationale ? match.rationale : null,
  ])
}

export function crosswalkCsv(results: readonly CrosswalkResult[]): string {
  return toCsv(
    crosswalkCsvHeader,
    results.flatMap((result) => crosswalkRows(result, true)),
  )
}

/** The batch as CSV: the item's index and ref first, then a crosswalk row, or the item's problem. */
export const batchCsvHeader = ['item', 'ref', ...crosswalkCsvHeader, 'problem'] as const

export function batchCsvRows(
  index: number,
  ref: string | undefined,
  results: readonly CrosswalkResult[] | { code: string; detail: string },
  rationale: boolean,
): string {
  if (!Array.isArray(results)) {
    const failed = results as { code: string; detail: string }
    return csvRow([index, ref, ...crosswalkCsvHeader.map(() => null), `${failed.code}: ${failed.detail}`])
  }
  let text = ''
  for (const result of results) {
    for (const row of crosswalkRows(result, rationale)) text += csvRow([index, ref, ...row, null])
  }
  return text
}

/** The UTF-8 byte order mark: Excel and LibreOffice then read the file as UTF-8. */
export const utf8Bom = '\uFEFF'
