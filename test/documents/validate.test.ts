// Document validation as a unit: every rule, without HTTP. The write routes add only the URL check.
import { describe, expect, it } from 'vitest'
import type { InstitutionDocument } from '../../src/documents/schema.js'
import {
  citedFiles,
  sourceIssues,
  validateCalibrationOf,
  validateInstitutionDocument,
} from '../../src/documents/validate.js'
import { seedDocument, seedScale } from '../helpers/documents.js'

type Edit = (document: InstitutionDocument) => void
const paths = (document: InstitutionDocument) =>
  validateInstitutionDocument(document, seedScale).map((issue) => issue.path)
const edited = (slug: string, edit: Edit) => {
  const document = seedDocument(slug)
  edit(document)
  return document
}

describe('validateInstitutionDocument', () => {
  it('accepts every seed document', () => {
    for (const slug of ['harvard', 'columbia', 'new-mexico', 'missouri', 'north-carolina']) {
      expect(validateInstitutionDocument(seedDocument(slug), seedScale), slug).toEqual([])
    }
  })

  it.each<[string, string, Edit, string[]]>([
    ['an unknown field', 'missouri', (d) => Object.assign(d, { colour: 'red' }), ['/colour']],
    [
      'a placement off the scale',
      'missouri',
      (d) => Object.assign(d.grades[3]?.placement ?? {}, { max: 8 }),
      // The schema's bound and the rule against the loaded scale both name it.
      ['/grades/3/placement/max', '/grades/3/placement/max'],
    ],
    [
      'a job placement outside its own band',
      'harvard',
      (d) => Object.assign(d.jobs.find((job) => job.placement)?.placement ?? {}, { seniority: 2 }),
      ['/jobs/0/placement/seniority'],
    ],
    [
      'a job placed below a lower grade’s job on its track',
      'harvard',
      (d) => {
        const professional = d.jobs.find((job) => job.jobCode === '10658P')
        if (professional)
          professional.placement = {
            seniority: 2,
            min: 2,
            max: 2,
            rationale: 'Test.',
            evidence: d.grades[0]?.placement.evidence ?? [],
          }
      },
      ['/jobs/1'],
    ],
    [
      'a duplicate job code',
      'new-mexico',
      (d) => Object.assign(d.jobs[1] ?? {}, { jobCode: d.jobs[0]?.jobCode }),
      ['/jobs/1/jobCode'],
    ],
    [
      'a job in a grade that does not exist',
      'missouri',
      (d) => Object.assign(d.jobs[0] ?? {}, { grade: 'IT9' }),
      ['/jobs/0/grade'],
    ],
  ])('reports %s (%s)', (_, slug, edit, expected) => {
    expect(paths(edited(slug, edit))).toEqual(expected)
  })

  it('accepts two adjacent grades at the same point, and refuses a grade below the one under it', () => {
    // Missouri's IT2 and IT4 sit at 1 and 3; IT4 moved to 1 shares IT2's point (its job follows it).
    const sharing = edited('missouri', (d) => {
      const second = d.grades[1]
      if (second)
        Object.assign(second.placement, {
          seniority: d.grades[0]?.placement.seniority,
          min: d.grades[0]?.placement.min,
        })
    })
    expect(sharing.grades[1]?.placement.seniority).toBe(sharing.grades[0]?.placement.seniority)
    expect(validateInstitutionDocument(sharing, seedScale)).toEqual([])
    const falling = edited('missouri', (d) => {
      const second = d.grades[1]
      if (second) Object.assign(second.placement, { seniority: 0.5, min: 0 })
    })
    expect(validateInstitutionDocument(falling, seedScale)).toContainEqual({
      path: '/grades/1/placement/seniority',
      message: expect.stringContaining('must not fall'),
    })
  })
})

describe('sourceIssues', () => {
  const stored = (file: string) => (file === 'a.txt' ? 'The Service   Desk answers\ncalls.' : undefined)
  const withQuotes = (quotes: { file: string; quote: string }[], sources?: { file: string; text: string }[]) => {
    const document = seedDocument('missouri')
    document.source.quotes = quotes
    document.grades = document.grades.map((grade) => ({
      ...grade,
      placement: { ...grade.placement, evidence: quotes },
    }))
    document.families = document.families.map((family) => ({ ...family, sources: quotes }))
    document.jobs = document.jobs.map((job) => ({ ...job, sources: quotes }))
    if (sources) document.sources = sources
    return document
  }

  it('finds a quote with white space collapsed', () => {
    expect(sourceIssues(withQuotes([{ file: 'a.txt', quote: 'Service Desk answers calls.' }]), stored)).toEqual([])
  })

  it('names a quote its source does not hold, and a source nobody holds', () => {
    const issues = sourceIssues(withQuotes([{ file: 'a.txt', quote: 'answers emails' }]), stored)
    expect(issues[0]).toEqual({ path: '/source/quotes/0/quote', message: 'not found in a.txt' })
    const unknown = sourceIssues(withQuotes([{ file: 'b.txt', quote: 'x' }]), stored)
    expect(unknown[0]?.path).toBe('/source/quotes/0/file')
  })

  it('reads a text the document carries, and refuses one that would replace a stored text', () => {
    const carried = withQuotes([{ file: 'b.txt', quote: 'own words' }], [{ file: 'b.txt', text: 'In its own words.' }])
    expect(sourceIssues(carried, stored)).toEqual([])
    const clash = withQuotes([{ file: 'a.txt', quote: 'other' }], [{ file: 'a.txt', text: 'An other text.' }])
    expect(sourceIssues(clash, stored)[0]?.path).toBe('/sources/0/text')
  })
})

describe('validateCalibrationOf', () => {
  it('refuses moving a calibration grade off the calibration point', () => {
    const document = edited('columbia', (d) => {
      const grade = d.grades.find((candidate) => candidate.code === '12')
      if (grade) grade.placement = { ...grade.placement, seniority: 4, max: 4 }
    })
    expect(validateCalibrationOf(seedScale, document).map((issue) => issue.path)).toEqual([
      '/grades/2/placement/seniority',
    ])
  })
})

describe('citedFiles', () => {
  it('names every file a document cites or carries, however many quotes come first', () => {
    const document = seedDocument('missouri')
    const many = Array.from({ length: 250 }, (_, i) => ({ file: 'a.txt', quote: `quote ${i}` }))
    document.jobs = document.jobs.map((job, i) =>
      i === 0 ? { ...job, sources: [...many.slice(0, 16)] } : { ...job, sources: [{ file: 'b.txt', quote: 'x' }] },
    )
    document.source.quotes = many.slice(0, 8)
    document.sources = [{ file: 'c.txt', text: 'carried' }]
    expect(citedFiles(document).sort()).toEqual(['001_31c9c880f449cd9f.txt', 'a.txt', 'b.txt', 'c.txt'])
  })
})
