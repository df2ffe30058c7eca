// A submission in any of the forms leveling reads, leveled in one call: a text of job descriptions
// (split by its layout), a JSON body `{ jobs: [...] }`, or a CSV job catalog. Used by the HTTP
// route and the command line alike. Besides the proposals it gives the text a draft document
// carries as its source and quotes: the text itself, or, for JSON items and CSV rows, each job
// written out from the values submitted, so that every quote is found in it word for word.

import {
  LevelingInputError,
  type LevelingOptions,
  type LevelingResult,
  levelEvidence,
  levelText,
  maxTextLength,
} from './level.js'
import type { LevelingModel } from './model.js'
import { isRecognisableJob } from './read.js'
import {
  type IntakeWarning,
  jobsFromCsv,
  jobsFromJson,
  jobsFromRecords,
  type OtherColumn,
  type StructuredJob,
} from './structured.js'

export type Submission =
  | { format: 'text'; text: string }
  | { format: 'csv'; text: string }
  | { format: 'json'; body: unknown }
  /** A spreadsheet's first sheet, each cell as text (leveling/spreadsheet.ts). */
  | { format: 'table'; rows: string[][]; source: string }

export interface LeveledSubmission extends LevelingResult {
  /** The text a draft document carries as its source: every quote of the proposals is in it. */
  sourceText: string
  /** What the intake read past rather than refused (CSV columns it does not read, rows with no job). */
  warnings: IntakeWarning[]
  /** Per job, in order: a CSV row's values under columns that name no field; empty otherwise. */
  otherColumns: OtherColumn[][]
}

/** Structured jobs written out as plain text: title, job code and grade lines, then the job's own text. */
export function structuredSourceText(jobs: StructuredJob[]): string {
  return jobs
    .map(({ evidence, text }) => {
      const lines: string[] = []
      if (evidence.title && !text.text.includes(evidence.title)) lines.push(evidence.title)
      if (evidence.jobCode) lines.push(`Job code: ${evidence.jobCode}`)
      if (evidence.grade) lines.push(`Grade: ${evidence.grade}`)
      if (text.text.trim().length > 0) lines.push(text.text)
      return lines.join('\n')
    })
    .join('\n\n')
}

function levelStructured(
  jobs: StructuredJob[],
  model: LevelingModel,
  options: LevelingOptions,
  split: string,
  warnings: IntakeWarning[] = [],
): LeveledSubmission {
  const evidence = jobs.map((job) => job.evidence)
  // Each item is a job the submitter named, so none is left out; but a submission in which no job
  // states anything the model reads has nothing to level.
  if (!evidence.some(isRecognisableJob)) {
    throw new LevelingInputError(
      'no-job',
      'no recognisable job description: no item states experience, education, supervision, complexity, leadership, scope or a level word',
    )
  }
  const proposals = levelEvidence(evidence, model, { ...options, texts: jobs.map((job) => job.text.text) })
  return {
    split,
    layout: 'structured',
    jobs: proposals,
    evidence,
    texts: jobs.map((job) => job.text),
    sourceText: structuredSourceText(jobs),
    warnings,
    otherColumns: jobs.map((job) => job.otherColumns ?? []),
  }
}

/** Levels a submission; throws LevelingInputError naming the place of anything it cannot read. */
export function levelSubmission(
  submission: Submission,
  model: LevelingModel,
  options: LevelingOptions = {},
): LeveledSubmission {
  if (submission.format === 'text') {
    const result = levelText(submission.text, model, options)
    return { ...result, sourceText: submission.text, warnings: [], otherColumns: result.jobs.map(() => []) }
  }
  if (submission.format === 'json') {
    const jobs = jobsFromJson(submission.body)
    return levelStructured(
      jobs,
      model,
      options,
      `${jobs.length} JSON item${jobs.length === 1 ? '' : 's'}, one job each`,
    )
  }
  if (submission.format === 'table') {
    const { jobs, warnings } = jobsFromRecords(submission.rows)
    const split = `${jobs.length} ${submission.source} row${jobs.length === 1 ? '' : 's'}, one job each`
    return levelStructured(jobs, model, options, split, warnings)
  }
  if (submission.text.trim().length === 0) throw new LevelingInputError('empty', 'the CSV is empty', 'row 1')
  if (submission.text.length > maxTextLength) {
    throw new LevelingInputError(
      'too-large',
      `the CSV has ${submission.text.length} characters; at most ${maxTextLength} can be leveled at once`,
    )
  }
  const { jobs, warnings } = jobsFromCsv(submission.text)
  const split = `${jobs.length} CSV row${jobs.length === 1 ? '' : 's'}, one job each`
  return levelStructured(jobs, model, options, split, warnings)
}
