import { describe, expect, it } from 'vitest'
import { plainJob } from '../../src/leveling/job-text.js'
import { readJob } from '../../src/leveling/read.js'

const read = (text: string, title = 'Support Analyst') => readJob(plainJob(text, title)).evidence

function expectVerbatim(text: string, quotes: { quote: string }[] | undefined) {
  expect(quotes?.length).toBeGreaterThan(0)
  for (const quote of quotes ?? []) expect(text).toContain(quote.quote)
}

describe('readJob: experience and education', () => {
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
    expect(read("Master's degree in information systems.").education?.value).toBe('master')
    // A degree only preferred is not the minimum.
    expect(read("Master's degree in information systems preferred.").education).toBeNull()
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

describe('readJob: supervision received, tier and complexity', () => {
  it.each([
    ['Works under close supervision of the help desk lead.', 'close'],
    ['Under direct supervision, answers routine calls.', 'close'],
    ['Works under moderate direction.', 'moderate'],
    ['Under general supervision, resolves desktop problems.', 'general'],
    ['Works with minimal supervision on most assignments.', 'minimal'],
    ['Works independently, setting priorities for the service desk.', 'minimal'],
    ['Works under administrative direction, setting priorities for the service desk.', 'independent'],
    ['Independently completes a variety of routine support assignments.', 'moderate'],
    ['Works on the majority of assignments independently with the exception of the most complex.', 'general'],
    ['Initially works under close supervision; works more independently with acquired experience.', 'moderate'],
  ])('reads %s as %s', (text, level) => {
    const evidence = read(text)
    expect(evidence.supervisionReceived?.value).toBe(level)
    expectVerbatim(text, evidence.supervisionReceived?.quotes)
  })

  it('takes the most specific statement, not the first, and counts "general supervision" as weak', () => {
    const text =
      'Under general supervision, resets passwords. SUPERVISION RECEIVED: Works under close supervision of the desk lead.'
    const evidence = read(text)
    expect(evidence.supervisionReceived?.value).toBe('close')
    expect(evidence.supervisionReceived?.strength).toBeUndefined()
    expect(read('Under general supervision, resets passwords.').supervisionReceived?.strength).toBe(0.5)
  })

  it('reads supervision conceded before an assertion of independent decisions as minimal, not as the stock phrase', () => {
    const conceded = read(
      'Although general direction is given by the team manager, incumbents have the knowledge to make sound decisions on their own queue.',
    )
    expect(conceded.supervisionReceived?.value).toBe('minimal')
    expect(conceded.supervisionReceived?.strength).toBeUndefined()
    const but = read('Some direction is provided, but staff exercise independent judgement in scheduling repairs.')
    expect(but.supervisionReceived?.value).toBe('minimal')
    // Without the concession, or without the decisions, the stock phrase stays weak and general.
    expect(read('Direction is provided by the help desk lead.').supervisionReceived?.value).toBe('general')
    expect(
      read('Although direction is provided by the lead, the role resets passwords.').supervisionReceived?.value,
    ).toBe('general')
  })

  it("does not read an exception or a referral as the job's own complexity", () => {
    expect(read('Works on all problems with the exception of the most complex.').complexity?.value).not.toBe('expert')
    expect(read('Consults with higher-level technical staff to resolve complex problems.').complexity).toBeNull()
  })

  it('reads senior individual-contributor vocabulary', () => {
    expect(read('May require expertise in more than one discipline.').complexity?.value).toBe('expert')
    expect(read('Provides internal and external consulting services.').complexity?.value).toBe('expert')
    expect(read('Performs tasks of a complex nature for the agency.').complexity?.value).toBe('complex')
    expect(read('Provides leadership of medium to large project teams.').leadership?.value).toBe('leads')
    expect(read('Directs the day-to-day work of help desk staff.').leadership?.value).toBe('leads')
    expect(read('Acting as the technical coordinator in a project team.').leadership?.value).toBe('leads')
    expect(read('Independently performing a full range of desktop tasks.').supervisionReceived?.value).toBe('minimal')
  })

  it('counts one phrase for one factor', () => {
    const evidence = read('Incumbents apply an advanced level of skills to desktop problems.')
    expect(evidence.complexity?.value).toBe('complex')
    expect(evidence.levelWord).toBeNull()
  })

  it('reads the least years of qualifications written as alternatives', () => {
    const text =
      "Minimum Qualifications: Either 1. An associate's degree in computer science; OR 2. three years of experience in desktop support."
    expect(read(text).experience?.value.min).toBe(0)
    const years =
      'Minimum Qualifications: Either 1. four years of experience; OR 2. two years of experience and a certificate.'
    expect(read(years).experience?.value.min).toBe(2)
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

describe('readJob: leadership and scope', () => {
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

  it('keeps "does not supervise" for the track only, not as a low leadership level', () => {
    const evidence = read('Resolves desktop problems. Does not supervise staff.')
    expect(evidence.doesNotSupervise?.value).toBe(true)
    expect(evidence.leadership).toBeNull()
  })

  it('reads an alternative duty ("or ... coordinates others") as less than a duty of every incumbent', () => {
    expect(read('Operates the console, or leads a team of operators.').leadership?.value).toBe('guides')
    expect(read('Leads a team of operators.').leadership?.value).toBe('leads')
    expect(
      read('Operates the console; or performs, and/or coordinates others in support tasks.').leadership?.value,
    ).toBe('guides')
    expect(read('Directs the work of three technicians.').leadership?.value).toBe('leads')
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
