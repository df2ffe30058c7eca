// npm run level -- <file> [--slug <slug> [--out <file>]] [--json | --csv]: proposes where each job
// of a file of job descriptions sits on the scale. A .csv file (or the first sheet of an .xlsx
// workbook) is read as a job catalog whose header names the evidence fields, a .json file as { jobs: [...] }, anything else as text. --json and
// --csv write what POST /v1/leveling answers (with its summary, warnings and nearest grades in the
// bundled institutions), in that media type. With --slug, also writes a draft institution document
// (to --out, or to standard output).
import { readFileSync, writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import { buildCatalog } from '../catalog/model.js'
import { snapshotOf } from '../catalog/snapshot.js'
import { documentIssues } from '../db/writes.js'
import { loadDataFiles } from '../documents/files.js'
import { proposedDocument } from '../drafts/review.js'
import { levelingCsv, levelingView } from '../http/representations/leveling.js'
import { LevelingInputError } from '../leveling/level.js'
import { loadModel } from '../leveling/model.js'
import { rowsOfWorkbook } from '../leveling/spreadsheet.js'
import { type LeveledSubmission, levelSubmission, type Submission } from '../leveling/submission.js'
import type { Proposal } from '../leveling/types.js'
import { type CommandOutput, isEntryPoint, UsageError } from './command.js'

export const levelUsage =
  'usage: npm run level -- <file.txt|.csv|.xlsx|.json> [--slug <slug> [--out <file>]] [--json | --csv]'

function describe(proposal: Proposal): string {
  const { point, band } = proposal.seniority
  const lines = [
    `${proposal.title}${proposal.grade ? ` (grade ${proposal.grade})` : ''}${proposal.jobCode ? ` [${proposal.jobCode}]` : ''}`,
    `  point ${point}, band ${band.min}–${band.max}, ${proposal.track}, confidence ${proposal.confidence}`,
  ]
  for (const factor of proposal.factors) {
    const quote = factor.evidence[0]?.quote ?? ''
    lines.push(
      `  ${factor.factor} ${factor.level} → ${factor.point}: “${quote.length > 110 ? `${quote.slice(0, 107)}…` : quote}”`,
    )
  }
  for (const flag of proposal.flags) lines.push(`  check (${flag.code}): ${flag.detail}`)
  lines.push(`  ${proposal.rationale}`)
  return lines.join('\n')
}

export async function levelCommand(args: string[], output: CommandOutput): Promise<number> {
  let values: { slug?: string; out?: string; json?: boolean; csv?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args,
      options: {
        slug: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }))
    if (positionals.length !== 1) throw new UsageError('level takes one file')
    if (values.json && values.csv) throw new UsageError('--json and --csv are two ways to write one answer: give one')
    if (values.out !== undefined && values.slug === undefined)
      throw new UsageError('--out writes the draft document, which needs --slug')
  } catch (error) {
    output.err(`${(error as Error).message}\n${levelUsage}\n`)
    return 2
  }
  const file = positionals[0] as string
  const extension = extname(file).toLowerCase()
  const bytes = readFileSync(file)
  const content = bytes.toString('utf8')
  const model = loadModel()
  const files = loadDataFiles()
  let result: LeveledSubmission
  try {
    const submission: Submission =
      extension === '.xlsx'
        ? { format: 'table', rows: await rowsOfWorkbook(bytes), source: 'spreadsheet' }
        : extension === '.csv'
          ? { format: 'csv', text: content }
          : extension === '.json'
            ? { format: 'json', body: JSON.parse(content) }
            : { format: 'text', text: content }
    result = levelSubmission(submission, model, { reference: files.institutions })
  } catch (error) {
    if (error instanceof LevelingInputError || error instanceof SyntaxError) {
      const place = error instanceof LevelingInputError && error.place ? ` (at ${error.place})` : ''
      output.err(`${file}: ${error.message}${place}\n`)
      return 1
    }
    throw error
  }
  if (values.json || values.csv) {
    const view = levelingView(result, snapshotOf(buildCatalog(files.scale, files.institutions)))
    output.out(values.csv ? levelingCsv(view) : `${JSON.stringify(view, null, 2)}\n`)
  } else output.out(`${result.split}\n\n${result.jobs.map(describe).join('\n\n')}\n`)
  if (values.slug !== undefined) {
    const draft = proposedDocument(result, { slug: values.slug, file: `${values.slug}.txt`, media: extname(file) })
    const issues = documentIssues(draft, files.scale)
    if (issues.length > 0) {
      output.err(
        `The draft document has problems:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}\n`,
      )
      return 1
    }
    const text = `${JSON.stringify(draft, null, 2)}\n`
    if (values.out === undefined) output.out(text)
    else {
      writeFileSync(values.out, text)
      output.err(`Wrote the draft document ${values.slug} to ${values.out}.\n`)
    }
  }
  return 0
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await levelCommand(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  })
}
