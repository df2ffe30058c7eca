// Spreadsheet and streaming representations: the ladder and the level list as CSV (one header
// row, then records; see formats/csv.ts for quoting and formula neutralisation), and levels as
// NDJSON (one JSON level per line, the same object the JSON list holds).
import type { Static } from 'typebox'
import type { Job } from '../../catalog/model.js'
import type { LadderGradeSchema, LadderSchema } from '../schemas/ladder.js'
import { toCsv } from './csv.js'
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
      job.summary,
    ]),
  )
}

export function levelsNdjson(jobs: readonly Job[]): string {
  let text = ''
  for (const job of jobs) text += `${JSON.stringify(levelView(job))}\n`
  return text
}
