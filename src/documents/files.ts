// Reads the data/ folder: scale.json and one JSON document per institution under institutions/.
// A broken file stops loading with an error naming the file, the record and the field.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { packageRoot } from '../paths.js'
import type { InstitutionDocument, ScaleDocument } from './schema.js'
import {
  type DocumentIssue,
  describePath,
  sourceIssues,
  validateCalibration,
  validateInstitutionDocument,
  validateScaleDocument,
} from './validate.js'

/** data/ at the package root. */
export const defaultDataDir = join(packageRoot, 'data')

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: DocumentIssue[],
    document: unknown,
  ) {
    const lines = issues.map((issue) => `  ${describePath(document, issue.path)}: ${issue.message}`)
    super(`${file} is invalid:\n${lines.join('\n')}`)
    this.name = 'DataFileError'
  }
}

function readJson(path: string, shown: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new DataFileError(shown, [{ path: '', message: `cannot be read (${(error as Error).message})` }], undefined)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new DataFileError(
      shown,
      [{ path: '', message: `is not valid JSON (${(error as Error).message})` }],
      undefined,
    )
  }
}

export interface DataFiles {
  scale: ScaleDocument
  institutions: InstitutionDocument[]
  /** The source documents in sources/, by file name. */
  sources: Map<string, string>
}

export function readSources(folder: string): Map<string, string> {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return new Map()
  }
  return new Map(
    names
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
  )
}

export function loadDataFiles(dataDir: string = defaultDataDir): DataFiles {
  const show = (path: string) => relative(process.cwd(), path) || path
  const scalePath = join(dataDir, 'scale.json')
  const scale = readJson(scalePath, show(scalePath))
  const scaleIssues = validateScaleDocument(scale)
  if (scaleIssues.length > 0) throw new DataFileError(show(scalePath), scaleIssues, scale)
  const scaleDocument = scale as ScaleDocument

  const sources = readSources(join(dataDir, 'sources'))
  const folder = join(dataDir, 'institutions')
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
  const institutions = files.map((name) => {
    const path = join(folder, name)
    const document = readJson(path, show(path))
    const issues = validateInstitutionDocument(document, scaleDocument)
    if (issues.length === 0) issues.push(...sourceIssues(document, (file) => sources.get(file)))
    const slug = (document as { slug?: unknown }).slug
    if (issues.length === 0 && `${String(slug)}.json` !== name) {
      issues.push({ path: '/slug', message: `the file name must be the slug: expected ${String(slug)}.json` })
    }
    if (issues.length > 0) throw new DataFileError(show(path), issues, document)
    return document as InstitutionDocument
  })
  const calibrationIssues = validateCalibration(scaleDocument, institutions)
  if (calibrationIssues.length > 0) throw new DataFileError(show(scalePath), calibrationIssues, scale)
  return { scale: scaleDocument, institutions, sources }
}
