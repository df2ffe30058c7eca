import { describe, expect, it } from 'vitest'
import { extractEvidence } from '../../src/leveling/extract.js'
import { contiguousJob } from '../../src/leveling/text.js'

const read = (text: string, title = 'Support Analyst') => extractEvidence(contiguousJob(text, 0, text.length, title))

function expectVerbatim(text: string, quotes: { quote: string }[] | undefined) {
  expect(quotes?.length).toBeGreaterThan(0)
  for (const quote of quotes ?? []) expect(text).toContain(quote.quote)
}

describe('extractEvidence: experience and education', () => {
  it('reads numbers written as words', () => {
    const text = 'Minimum Qualifications\nA minimum of five years of experience supporting desktop users.'
    const evidence = read(text)
    expect(evidence.experience?.value).toEqual({ min: 5, max: null, combined: false })
    expectVerbatim(text, evidence.experience?.quotes)
  })

  it('reads "two (2) years" and six months', () => {
    expect(read('High school diploma and two (2) years of experience in help desk work.').experience?.value.min).toBe(2)
    expect(read('Six months of experience in technical support.').experience?.value.min).toBe(0.5)
  })

  it('reads ranges, including an open upper end', () => {
    expect(read('Requires 0-3 years of experience in IT support.').experience?.value).toEqual({
      min: 0,
      max: 3,
      combined: false,
    })
    expect(read('Requires 4-7+ years of related experience.').experience?.value).toEqual({
      min: 4,
      max: 7,
      combined: false,
    })
  })

  it('marks education and experience counted together', () => {
    const evidence = read("Minimum of two years' post-secondary education or relevant work experience")
    expect(evidence.experience?.value).toEqual({ min: 2, max: null, combined: true })
  })

  it('reads degrees, an "or equivalent" clause keeping the degree named', () => {
    expect(read("Bachelor's degree or equivalent and three years of experience.").education?.value).toBe('bachelor')
    expect(read("An associate's degree in computer science and one year of experience.").education?.value).toBe(
      'associate',
    )
    expect(read('High school diploma or GED required.').education?.value).toBe('high_school')
    expect(read("Master's degree in information systems preferred.").education?.value).toBe('master')
  })

  it('prefers the minimum qualification over a recommended one', () => {
    const text =
      "Recommended Education and Experience\nBachelor's degree and four (4) years of experience.\n\nMinimum Qualifications\nHigh school diploma and two (2) years of experience."
    const evidence = read(text)
    expect(evidence.education?.value).toBe('high_school')
    expect(evidence.experience?.value.min).toBe(2)
  })

  it('does not count years of supervising as years of experience', () => {
    const evidence = read(
      'Four (4) years of experience in desktop support. At least two (2) years of supervising a support team.',
    )
    expect(evidence.experience?.value.min).toBe(4)
  })
})

describe('extractEvidence: supervision received, tier and complexity', () => {
  it.each([
    ['Works under close supervision of the help desk lead.', 'close'],
    ['Under direct supervision, answers routine calls.', 'close'],
    ['Works under moderate direction.', 'moderate'],
    ['Under general supervision, resolves desktop problems.', 'general'],
    ['Works with minimal supervision on most assignments.', 'minimal'],
    ['Works independently, setting priorities for the service desk.', 'independent'],
  ])('reads %s as %s', (text, level) => {
    const evidence = read(text)
    expect(evidence.supervisionReceived?.value).toBe(level)
    expectVerbatim(text, evidence.supervisionReceived?.quotes)
  })

  it('reads the tier the job works at, not the tier it escalates to', () => {
    const evidence = read(
      'Provides Tier 1 support to end users; escalates complex problems to Tier 2 and Tier 3 support teams.',
    )
    expect(evidence.supportTier?.value).toEqual({ low: 1, high: 1 })
    expect(evidence.complexity?.value).toBe('routine')
  })

  it('reads the final point of escalation as tier 3', () => {
    expect(read('Serves as the final point of escalation for the help desk.').supportTier?.value).toEqual({
      low: 3,
      high: 3,
    })
  })
})

describe('extractEvidence: leadership and scope', () => {
  it('reads "does not supervise" and keeps a technical lead an individual contributor', () => {
    const text = 'Serves as technical lead on desktop projects and mentors new technicians. Does not supervise staff.'
    const evidence = read(text, 'Desktop Support Lead')
    expect(evidence.doesNotSupervise?.value).toBe(true)
    expect(['guides', 'leads']).toContain(evidence.leadership?.value)
    expectVerbatim(text, evidence.doesNotSupervise?.quotes)
  })

  it('reads a supervisor of a team', () => {
    expect(
      read('Supervises a team of four help desk technicians; assigns work and assesses performance.').leadership?.value,
    ).toBe('supervises')
  })

  it('reads a manager of supervisors', () => {
    const evidence = read('Manages three team supervisors who provide end user support.')
    expect(evidence.leadership?.value).toBe('manages_supervisors')
  })

  it('lowers a "may" by one step', () => {
    expect(read('May supervise staff as assigned.').leadership?.value).toBe('leads')
  })

  it('reads budget, vendors and strategy, but not a budget the job only studies', () => {
    const owner = read(
      'Develops and manages the departmental budget. Manages vendor relations. Leads IT strategy for the campus.',
    )
    expect(owner.scope?.value).toEqual({ budget: true, vendors: true, strategy: 'leads' })
    const analyst = read('Studies resource requirements including budget and staffing.')
    expect(analyst.scope?.value.budget ?? false).toBe(false)
  })
})
