import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { allTrainingJobs } from '../../src/cli/level-eval.js'
import { fitFromData, modelText } from '../../src/cli/level-fit.js'
import { documentIssues } from '../../src/db/writes.js'
import { loadDataFiles } from '../../src/documents/files.js'
import { draftDocument } from '../../src/leveling/draft.js'
import { type Evaluation, evaluateCurated } from '../../src/leveling/evaluate.js'
import { LevelingInputError, levelText } from '../../src/leveling/level.js'
import { loadDefinitions, loadModel, modelPath } from '../../src/leveling/model.js'

const files = loadDataFiles()
const model = loadModel()
const sourcesDir = fileURLToPath(new URL('../../data/sources', import.meta.url))

// A small ladder written for the tests: three technician levels, a lead who does not supervise,
// a supervisor, and a manager of supervisors with a budget.
const ladder = `Job Title: Desktop Technician I
Pay Grade: 21
Under close supervision, provides Tier 1 support: answers routine calls and resets passwords; escalates complex problems to Tier 2.
Minimum Qualifications: High school diploma and six months of experience.

Job Title: Desktop Technician II
Pay Grade: 22
Under general supervision, provides Tier 1 and Tier 2 support for moderately complex problems. Trains new technicians.
Minimum Qualifications: Associate's degree and two (2) years of experience.

Job Title: Desktop Technician III
Pay Grade: 23
Works with minimal supervision; serves as the final point of escalation for complex problems.
Minimum Qualifications: Associate's degree and four years of experience, or an equivalent combination.

Job Title: Desktop Support Lead
Pay Grade: 24
Works independently as technical lead on the most complex problems and mentors technicians. Does not supervise staff.
Minimum Qualifications: Bachelor's degree and five years of experience.

Job Title: Desktop Support Supervisor
Pay Grade: 24
Supervises a team of Desktop Technician III and Desktop Technician II staff; assigns work and assesses performance.
Minimum Qualifications: Bachelor's degree and five years of experience, including one year as a lead.

Job Title: Client Services Manager
Pay Grade: 26
Manages three team supervisors. Develops and manages the unit budget and manages vendor relations; contributes to IT strategy.
Minimum Qualifications: Bachelor's degree and eight years of experience, including two years of supervising.
`

describe('the fitted model', () => {
  it('is what npm run level:fit writes from the committed data (the fit is reproducible)', () => {
    expect(modelText(fitFromData())).toBe(readFileSync(modelPath, 'utf8'))
  })

  it('has a descriptor, a prior and a fitted point for every level, non-decreasing within each ordered factor', () => {
    const ordered = [
      'experience',
      'education',
      'supervision',
      'complexity',
      'tier',
      'leadership',
      'reports',
      'grade',
      'pay',
      'numeral',
    ]
    for (const factor of model.factors) {
      expect(factor.weight).toBeGreaterThan(0)
      const points = factor.levels.map((level) => level.point ?? Number.NaN)
      for (const level of factor.levels) {
        expect(level.descriptor.length).toBeGreaterThan(5)
        expect(Number.isFinite(level.point)).toBe(true)
      }
      if (ordered.includes(factor.id)) expect(points).toEqual([...points].sort((a, b) => a - b))
    }
  })
})

describe('the five curated institutions, each leveled by a model fitted without it', () => {
  let evaluation: Evaluation
  beforeAll(() => {
    evaluation = evaluateCurated(loadDefinitions(), allTrainingJobs(), files.institutions, sourcesDir)
  })

  it('finds every curated job in its source text and puts each on its track', () => {
    expect(evaluation.matched).toBe(evaluation.curatedJobs)
    expect(evaluation.trackAgreement).toBe(evaluation.curatedJobs)
  })

  it('keeps its agreement with the curated placements', () => {
    // What the model achieves out of sample against each job's own placement: 12 of 24 exact,
    // 19 within the curated band, no job more than one point away (README, Leveling).
    expect(evaluation.exact).toBeGreaterThanOrEqual(12)
    expect(evaluation.withinBand).toBeGreaterThanOrEqual(19)
    expect(Math.max(...evaluation.jobs.map((job) => Math.abs(job.delta)))).toBeLessThanOrEqual(1)
  })

  it('keeps every curated point inside the proposed band', () => {
    for (const job of evaluation.jobs) {
      expect(job.band.min).toBeLessThanOrEqual(job.curated)
      expect(job.band.max).toBeGreaterThanOrEqual(job.curated)
    }
  })
})

describe('levelText', () => {
  const result = levelText(ladder, model, { reference: files.institutions })
  const point = (title: string) => result.jobs.find((job) => job.title === title)?.seniority.point ?? Number.NaN
  const track = (title: string) => result.jobs.find((job) => job.title === title)?.track

  it('says how it split the text', () => {
    expect(result.split).toBe('split on 6 "Job Title:" headings')
    expect(result.jobs).toHaveLength(6)
  })

  it('never proposes a higher grade below a lower one', () => {
    const ordered = result.jobs.map((job) => ({ grade: Number(job.grade), point: job.seniority.point }))
    for (const a of ordered)
      for (const b of ordered) if (a.grade > b.grade) expect(a.point).toBeGreaterThanOrEqual(b.point)
    expect(point('Desktop Technician I')).toBeLessThan(point('Desktop Technician III'))
  })

  it('keeps a lead who does not supervise an individual contributor', () => {
    expect(track('Desktop Support Lead')).toBe('individual_contributor')
  })

  it('puts a supervisor on the management track, at or above those it supervises', () => {
    expect(track('Desktop Support Supervisor')).toBe('management')
    expect(point('Desktop Support Supervisor')).toBeGreaterThanOrEqual(point('Desktop Technician III'))
  })

  it('puts a manager of supervisors with a budget on the management track at the upper points', () => {
    expect(track('Client Services Manager')).toBe('management')
    expect(point('Client Services Manager')).toBeGreaterThanOrEqual(model.rules.managementFloor.point)
  })

  it('gives every factor its exact words from the text, a band around the point and a confidence', () => {
    for (const job of result.jobs) {
      const { point: value, band } = job.seniority
      expect(Number.isInteger(value)).toBe(true)
      expect(band.min).toBeLessThanOrEqual(value)
      expect(band.max).toBeGreaterThanOrEqual(value)
      expect(job.confidence).toBeGreaterThanOrEqual(0)
      expect(job.confidence).toBeLessThanOrEqual(1)
      expect(job.rationale).toMatch(/^Proposed at \d/)
      expect(Array.isArray(job.flags)).toBe(true)
      for (const factor of job.factors) for (const quote of factor.evidence) expect(ladder).toContain(quote.quote)
    }
  })

  it('rejects a text with no recognisable job', () => {
    expect(() => levelText('The quick brown fox jumps over the lazy dog.', model)).toThrow(LevelingInputError)
    expect(() => levelText('The quick brown fox jumps over the lazy dog.', model)).toThrow(/no recognisable job/)
    expect(() => levelText('   \n ', model)).toThrow(/empty/)
  })

  it('rejects a text over the size limit', () => {
    expect(() => levelText('x'.repeat(1_000_001), model)).toThrow(/at most 1000000/)
  })
})

describe('draftDocument', () => {
  it('builds a document that passes the write validation, citing the submitted text', () => {
    const result = levelText(ladder, model)
    const draft = draftDocument(result, ladder, { slug: 'desktop-test' })
    expect(documentIssues(draft, files.scale)).toEqual([])
    expect(draft.jobs).toHaveLength(6)
    const citations = [
      ...draft.grades.flatMap((grade) => grade.placement.evidence),
      ...draft.jobs.flatMap((job) => job.sources),
    ]
    for (const citation of citations) {
      expect(citation.file).toBe('desktop-test.txt')
      expect(ladder).toContain(citation.quote)
    }
  })

  it('drafts each of the five sources as a valid document', () => {
    for (const institution of files.institutions) {
      const text = readFileSync(`${sourcesDir}/${institution.source.file}`, 'utf8')
      const draft = draftDocument(levelText(text, model), text, { slug: `draft-${institution.slug}` })
      expect(documentIssues(draft, files.scale)).toEqual([])
    }
  })
})
