import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/documents/canonical.js'
import { DataFileError, defaultDataDir, loadDataFiles } from '../../src/documents/files.js'
import { type Citation, InstitutionDocumentSchema, ScaleDocumentSchema } from '../../src/documents/schema.js'

const files = loadDataFiles()
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

function citations(value: unknown, found: Citation[] = []): Citation[] {
  if (Array.isArray(value)) for (const item of value) citations(item, found)
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (typeof record.file === 'string' && typeof record.quote === 'string') found.push(record as unknown as Citation)
    for (const child of Object.values(record)) citations(child, found)
  }
  return found
}

function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'levelmap-data-'))
  cpSync(defaultDataDir, dir, { recursive: true, filter: (source) => !source.endsWith('.sqlite') })
  return dir
}

function loadError(dir: string): DataFileError {
  try {
    loadDataFiles(dir)
  } catch (error) {
    if (error instanceof DataFileError) return error
    throw error
  }
  throw new Error('loadDataFiles accepted a broken data folder')
}

describe('data/', () => {
  it('holds the five institutions and their 24 jobs', () => {
    const counts = Object.fromEntries(files.institutions.map((document) => [document.slug, document.jobs.length]))
    expect(counts).toEqual({ columbia: 6, harvard: 6, missouri: 4, 'new-mexico': 5, 'north-carolina': 3 })
  })

  it('quotes every source verbatim (whitespace aside)', () => {
    const sources = new Map(
      readdirSync(join(defaultDataDir, 'sources')).map((name) => [
        name,
        collapse(readFileSync(join(defaultDataDir, 'sources', name), 'utf8')),
      ]),
    )
    const all = citations(files.institutions)
    expect(all.length).toBeGreaterThan(200)
    for (const citation of all) {
      const text = sources.get(citation.file)
      expect(text, `unknown source file ${citation.file}`).toBeDefined()
      expect(text?.includes(collapse(citation.quote)), `not in ${citation.file}: ${citation.quote}`).toBe(true)
      if (citation.correction) expect(citation.quote).toContain(citation.correction.reads)
    }
  })

  it('marks the corrected scan errors in Harvard job codes', () => {
    const harvard = files.institutions.find((document) => document.slug === 'harvard')
    const corrected = citations(harvard).flatMap((citation) => (citation.correction ? [citation.correction] : []))
    expect(corrected.map((correction) => correction.correctedTo)).toEqual(
      expect.arrayContaining(['10657M', '10658M', '10659M']),
    )
  })

  it('cites a source for every institution, family, grade placement and job', () => {
    for (const document of files.institutions) {
      expect(document.source.quotes.length).toBeGreaterThan(0)
      for (const family of document.families) expect(family.sources.length, family.id).toBeGreaterThan(0)
      for (const grade of document.grades) expect(grade.placement.evidence.length, grade.code).toBeGreaterThan(0)
      for (const job of document.jobs) expect(job.sources.length, job.id).toBeGreaterThan(0)
    }
  })

  it('stores every file in canonical form, so a document read back serializes to the same bytes', () => {
    expect(readFileSync(join(defaultDataDir, 'scale.json'), 'utf8')).toBe(
      canonicalJson(ScaleDocumentSchema, files.scale),
    )
    for (const document of files.institutions) {
      const text = readFileSync(join(defaultDataDir, 'institutions', `${document.slug}.json`), 'utf8')
      expect(text, document.slug).toBe(canonicalJson(InstitutionDocumentSchema, document))
    }
  })
})

describe('loadDataFiles', () => {
  it('stops on a broken file, naming the file, the record and the field', () => {
    const dir = copyOfData()
    const path = join(dir, 'institutions', 'harvard.json')
    const document = JSON.parse(readFileSync(path, 'utf8'))
    document.jobs[3].tracks = ['executive']
    writeFileSync(path, JSON.stringify(document))
    const error = loadError(dir)
    expect(error.message).toContain('harvard.json')
    expect(error.message).toContain('jobs[3] (harvard.10658M)')
    expect(error.message).toContain('tracks')
  })

  it('rejects unknown fields instead of dropping them', () => {
    const dir = copyOfData()
    const path = join(dir, 'institutions', 'columbia.json')
    const document = JSON.parse(readFileSync(path, 'utf8'))
    document.grades[1].placement.confidence = 'high'
    writeFileSync(path, JSON.stringify(document))
    const error = loadError(dir)
    expect(error.message).toMatch(/grades\[1\] \(11\) › placement.*unknown field "confidence"/)
  })

  it('rejects a job whose grade does not exist and grades out of seniority order', () => {
    const dir = copyOfData()
    const path = join(dir, 'institutions', 'missouri.json')
    const document = JSON.parse(readFileSync(path, 'utf8'))
    document.jobs[0].grade = 'IT3'
    // IT5 at 2, below IT4 at 3: a higher grade lower on the scale.
    document.grades[2].placement.seniority = 2
    document.grades[2].placement.min = 2
    writeFileSync(path, JSON.stringify(document))
    const error = loadError(dir)
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['/jobs/0/grade', '/grades/2/placement/seniority']),
    )
  })

  it('holds the calibration: moving Columbia 12 off the calibration point is an error', () => {
    const dir = copyOfData()
    const path = join(dir, 'institutions', 'columbia.json')
    const document = JSON.parse(readFileSync(path, 'utf8'))
    Object.assign(document.grades[2].placement, { seniority: 3.5, min: 3, max: 4 })
    writeFileSync(path, JSON.stringify(document))
    const error = loadError(dir)
    expect(error.file).toContain('scale.json')
    expect(error.message).toContain('columbia grade 12 is placed at 3.5')
  })

  it('reports a file that is not JSON', () => {
    const dir = copyOfData()
    writeFileSync(join(dir, 'institutions', 'harvard.json'), '{ "slug": "harvard", ')
    expect(loadError(dir).message).toMatch(/harvard\.json is invalid:\n.*not valid JSON/)
  })
})
