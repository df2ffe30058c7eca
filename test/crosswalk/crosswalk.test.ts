import { describe, expect, it } from 'vitest'
import { buildCatalog, type Grade, type Institution } from '../../src/catalog/model.js'
import { CrosswalkError, type CrosswalkMatch, createCrosswalk } from '../../src/crosswalk/crosswalk.js'
import type { InstitutionDocument, ScaleDocument } from '../../src/documents/schema.js'
import { seedCatalog } from '../helpers/catalog.js'

const catalog = seedCatalog()
const crosswalk = createCrosswalk(catalog)

function matchTo(results: ReturnType<typeof crosswalk.map>, index: number, slug: string): CrosswalkMatch {
  const match = results[index]?.matches.find((candidate) => candidate.institution.slug === slug)
  if (!match) throw new Error(`no match for ${slug} in result ${index}`)
  return match
}

describe('createCrosswalk › the calibration', () => {
  it('maps Harvard grade 57 to Columbia grade 12 and New Mexico IC at the same point', () => {
    const results = crosswalk.map({ institution: 'harvard', grade: '57' })
    expect(results.map((result) => result.source.job?.id)).toEqual(['harvard.10657P', 'harvard.10657M'])
    const columbia = matchTo(results, 0, 'columbia')
    expect(columbia.grade.code).toBe('12')
    expect(columbia.jobs.map((job) => job.id)).toEqual(['columbia.service-specialist'])
    // Prof III carries its own placement (3, band 3): grade 57's band reaches 4 only on Mgt III's
    // evidence, which no longer widens the professional's match.
    expect(columbia).toMatchObject({ relation: 'exact', score: 1, delta: 0, comparable: true, trackMatched: true })
    const newMexico = matchTo(results, 0, 'new-mexico')
    expect(newMexico.grade.code).toBe('IC')
    expect(newMexico.jobs.map((job) => job.id)).toEqual(['new-mexico.IEUP17'])
    expect(newMexico).toMatchObject({ relation: 'exact', score: 1, delta: 0 })
    expect(newMexico.rationale).toContain('an exact match')
  })

  it('cites the placement evidence of both sides', () => {
    const [result] = crosswalk.map({ institution: 'harvard', grade: '57' }, { to: ['columbia'] })
    const sources = result?.matches[0]?.sources ?? []
    expect(sources.some((source) => source.side === 'source' && source.file === '000_eb341e2be9d923db.txt')).toBe(true)
    expect(sources.some((source) => source.side === 'target' && source.file === '003_5b3e4719a2fd7f9d.txt')).toBe(true)
  })

  it('matches grade codes case-insensitively and ignores zero-padding', () => {
    const padded = crosswalk.resolve({ institution: 'harvard', grade: '057' })
    expect(padded.map((source) => source.job?.id)).toEqual(['harvard.10657P', 'harvard.10657M'])
    expect(crosswalk.resolve({ institution: 'new-mexico', grade: 'ic' })[0]?.grade?.code).toBe('IC')
    expect(crosswalk.resolve({ institution: 'missouri', grade: 'it4' })[0]?.grade?.code).toBe('IT4')
    expect(crosswalk.resolve({ institution: 'north-carolina', grade: 'JOURNEY' })[0]?.grade?.code).toBe('Journey')
  })
})

describe('createCrosswalk › tracks', () => {
  const results = crosswalk.map({ institution: 'harvard', grade: '57' })

  it('maps a manager to the nearest manager where the target has one, and names the same-point job', () => {
    expect(results[1]?.source.seniority).toEqual({ value: 4, min: 3, max: 4 })
    const columbia = matchTo(results, 1, 'columbia')
    expect(columbia.jobs.map((job) => job.id)).toEqual(['columbia.manager-client-solutions-email-systems'])
    expect(columbia).toMatchObject({ delta: 1, relation: 'close', comparable: true, trackMatched: true })
    expect(columbia.rationale).toContain(
      'Ignoring track, the nearest is Grade 13 (Sr. Service Specialist), at the same point',
    )
  })

  it('cites the quotes of the job a match names, not another job of its grade', () => {
    const manager = matchTo(results, 1, 'new-mexico')
    const professional = matchTo(results, 0, 'new-mexico')
    const harvardQuotes = (match: CrosswalkMatch) =>
      match.sources.filter((source) => source.side === 'source').map((source) => source.quote)
    expect(harvardQuotes(manager)).toContain(
      'Responsible for effective staff management, including hiring and orientation, training and development, workflow and performance management',
    )
    expect(harvardQuotes(professional)).not.toContain(
      'Responsible for effective staff management, including hiring and orientation, training and development, workflow and performance management',
    )
    expect(harvardQuotes(professional)).toContain('Independently provide advanced technical services')
  })

  it('maps a manager across tracks when the target has no management job, and says so', () => {
    const northCarolina = matchTo(results, 1, 'north-carolina')
    expect(northCarolina.grade.code).toBe('Advanced')
    expect(northCarolina).toMatchObject({ delta: 0, relation: 'close', trackMatched: false })
    expect(northCarolina.score).toBeCloseTo(0.8, 5)
    expect(northCarolina.rationale).toContain('has no management-track job')
  })

  it('ignores track when asked, and never calls a cross-track match exact', () => {
    const [, manager] = crosswalk.map({ institution: 'harvard', jobCode: '10657M' }, { track: 'any', to: ['columbia'] })
    expect(manager).toBeUndefined()
    const [only] = crosswalk.map({ institution: 'harvard', jobCode: '10657M' }, { track: 'any', to: ['columbia'] })
    expect(only?.matches[0]?.grade.code).toBe('13')
    expect(only?.matches[0]).toMatchObject({ delta: 0, relation: 'close', trackMatched: false })
  })

  it('lets a job on two tracks match either (Missouri IT5)', () => {
    const [fromIc] = crosswalk.map({ institution: 'columbia', grade: '13' }, { to: ['missouri'] })
    expect(fromIc?.matches[0]?.grade.code).toBe('IT5')
    expect(fromIc?.matches[0]?.trackMatched).toBe(true)
    const [fromManager] = crosswalk.map({ institution: 'new-mexico', grade: 'ID' }, { to: ['missouri'] })
    expect(fromManager?.matches[0]?.grade.code).toBe('IT5')
    expect(fromManager?.matches[0]?.trackMatched).toBe(true)
  })
})

describe('createCrosswalk › ranges and gaps', () => {
  it('calls a target band that contains the source band broad, and the reverse narrow', () => {
    const [toJourney] = crosswalk.map({ institution: 'columbia', grade: '12' }, { to: ['north-carolina'] })
    expect(toJourney?.matches[0]).toMatchObject({ relation: 'broad', delta: 0 })
    expect(toJourney?.matches[0]?.grade.code).toBe('Journey')
    expect(toJourney?.matches[0]?.score).toBeCloseTo(0.9, 5)
    const [fromJourney] = crosswalk.map({ institution: 'north-carolina', grade: 'Journey' }, { to: ['columbia'] })
    expect(fromJourney?.matches[0]).toMatchObject({ relation: 'narrow', delta: 0 })
    expect(fromJourney?.matches[0]?.grade.code).toBe('12')
  })

  it('says plainly when nothing comparable exists, and still gives the nearest job and distance', () => {
    const [director] = crosswalk.map({ institution: 'harvard', grade: '60' }, { to: ['columbia'] })
    const match = director?.matches[0]
    expect(match?.grade.code).toBe('14')
    expect(match).toMatchObject({ relation: 'related', comparable: false, delta: -2 })
    // Two points away (0.5); grade 60 [6–7] and grade 14 [4–5], each a two-point band, have the same
    // shape once the target is moved by the distance, so they agree fully (× 1).
    expect(match?.score).toBeCloseTo(0.5, 5)
    expect(match?.rationale).toContain("Columbia's family tops out at Grade 14")
  })

  it('gives a close match one point away', () => {
    const [director] = crosswalk.map({ institution: 'harvard', grade: '60' }, { to: ['new-mexico'] })
    expect(director?.matches[0]?.grade.code).toBe('IF')
    expect(director?.matches[0]).toMatchObject({ relation: 'close', delta: -1, comparable: true })
    expect(director?.matches[0]?.score).toBeCloseTo(0.75, 5)
  })
})

describe('createCrosswalk › ties', () => {
  it('prefers the grade whose band contains the source point', () => {
    const [result] = crosswalk.map({ seniority: 3.5 }, { to: ['north-carolina'] })
    expect(result?.matches[0]?.grade.code).toBe('Advanced')
    expect(result?.matches[0]).toMatchObject({ relation: 'broad', delta: 0.5 })
    expect(result?.matches[0]?.rationale).toContain('equally near')
  })

  it('falls back to the lower grade when nothing else separates two', () => {
    const [result] = crosswalk.map({ seniority: 2.5 }, { to: ['columbia'] })
    expect(result?.matches[0]?.grade.code).toBe('11')
    expect(result?.matches[0]?.delta).toBe(-0.5)
    expect(result?.matches[0]?.rationale).toContain(
      'Grade 12 is equally near; Grade 11 is preferred by the tie rule: the lower grade.',
    )
  })

  it('builds the tie rules into a small synthetic catalog the same way', () => {
    const scale: ScaleDocument = {
      ...structuredClone(seedScale()),
    }
    const one = institution('alpha', [
      ['A1', 2, 2, 2],
      ['A2', 4, 4, 4],
    ])
    const two = institution('beta', [['B1', 3, 3, 3]])
    const walk = createCrosswalk(buildCatalog(scale, [one, two]))
    const [result] = walk.map({ institution: 'beta', grade: 'B1' }, { to: ['alpha'] })
    expect(result?.matches[0]?.grade.code).toBe('A1')
    expect(result?.matches[0]?.delta).toBe(-1)
  })
})

describe('createCrosswalk › grades that share a point', () => {
  // An employer may have two adjacent grades the evidence cannot tell apart: both sit at 3.
  const scale: ScaleDocument = structuredClone(seedScale())
  const alpha = institution('alpha', [
    ['A1', 2, 2, 2],
    ['A2', 3, 3, 3],
    ['A3', 3, 3, 3],
    ['A4', 4, 4, 4],
  ])
  const beta = institution('beta', [['B1', 3, 3, 3]])
  const walk = createCrosswalk(buildCatalog(scale, [alpha, beta]))

  it('treats both as exact, picks the earlier in pay order and names the other', () => {
    const [result] = walk.map({ institution: 'beta', grade: 'B1' }, { to: ['alpha'] })
    const match = result?.matches[0]
    expect(match).toMatchObject({ relation: 'exact', delta: 0, score: 1 })
    expect(match?.grade.code).toBe('A2')
    expect(match?.rationale).toContain(
      'Grade A3 is equally near; Grade A2 is preferred by the tie rule: the earlier grade in pay order.',
    )
  })

  it('maps each of the two back to a grade at its own point', () => {
    for (const code of ['A2', 'A3']) {
      const [there] = walk.map({ institution: 'alpha', grade: code }, { to: ['beta'] })
      expect(there?.matches[0]).toMatchObject({ relation: 'exact', delta: 0 })
      const [back] = walk.map(
        { institution: 'beta', grade: there?.matches[0]?.grade.code as string },
        { to: ['alpha'] },
      )
      expect(back?.matches[0]?.grade.seniority.value).toBe(3)
      expect(back?.matches[0]?.relation).toBe('exact')
    }
  })
})

describe('createCrosswalk › the nearest-grade index', () => {
  // An oracle for the documented order: every candidate grade ranked by the full tie-rule key.
  function oracleKey(source: { value: number; min: number; max: number }, grade: Grade) {
    const target = grade.seniority
    const shared = Math.min(source.max, target.max) - Math.max(source.min, target.min) + 1
    const spanned = Math.max(source.max, target.max) - Math.min(source.min, target.min) + 1
    return [
      Math.abs(target.value - source.value),
      target.min <= source.value && source.value <= target.max ? 0 : 1,
      source.min <= target.value && target.value <= source.max ? 0 : 1,
      -Math.max(0, shared) / spanned,
      target.value,
      grade.position,
    ]
  }

  it('picks the grade that ranking every candidate by the tie rules would, on crowded ties', () => {
    // Equal points with different bands, half points and wide bands, so that every tie rule decides somewhere.
    const crowded = institution('crowded', [
      ['C1', 1, 1, 2],
      ['C2', 2, 1, 3],
      ['C3', 2, 2, 2],
      ['C4', 3, 2, 4],
      ['C5', 3.5, 3, 4],
      ['C6', 4, 4, 4],
      ['C7', 5, 4, 6],
      ['C8', 6, 6, 7],
      ['C9', 7, 7, 7],
    ])
    const walk = createCrosswalk(buildCatalog(seedScale(), [crowded]))
    const target = walk.targets(
      { institution: null, grade: null, job: null, seniority: { value: 1, min: 1, max: 1 } },
      ['crowded'],
    )[0] as Institution
    let checked = 0
    for (let value = 1; value <= 7; value += 0.25) {
      for (const [min, max] of [
        [value, value],
        [Math.floor(value), Math.ceil(value)],
        [Math.max(1, value - 1), Math.min(7, value + 1)],
      ] as const) {
        const source = { value, min, max }
        const best = [...target.grades].sort((a, b) => {
          const ka = oracleKey(source, a)
          const kb = oracleKey(source, b)
          for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number)
          return 0
        })[0]
        const chosen = walk.match({ institution: null, grade: null, job: null, seniority: source }, target, 'any')
        expect(chosen.grade.code, `${value} [${min}, ${max}]`).toBe(best?.code)
        checked++
      }
    }
    expect(checked).toBe(75)
  })
})

describe('createCrosswalk › the round trip', () => {
  it('maps every exact match back to where it came from', () => {
    let exact = 0
    for (const job of catalog.jobs) {
      const [result] = crosswalk.map({ level: job.id })
      for (const match of result?.matches ?? []) {
        if (match.relation !== 'exact') continue
        for (const target of match.jobs) {
          exact++
          const [back] = crosswalk.map({ level: target.id }, { to: [job.institution] })
          const returned = back?.matches[0]
          expect(returned?.relation, `${job.id} → ${target.id} → ?`).toBe('exact')
          expect(returned?.grade.id).toBe(job.grade.id)
          expect(returned?.jobs.map((candidate) => candidate.id)).toContain(job.id)
        }
      }
    }
    expect(exact).toBeGreaterThanOrEqual(10)
  })

  it('agrees in both directions on the signed distance', () => {
    let checked = 0
    for (const job of catalog.jobs) {
      const [result] = crosswalk.map({ level: job.id }, { track: 'any' })
      for (const match of result?.matches ?? []) {
        const [back] = crosswalk.map({ level: match.jobs[0]?.id ?? '' }, { track: 'any', to: [job.institution] })
        const returned = back?.matches[0]
        // Only a match that maps back to the same job has a distance to compare.
        if (!returned?.jobs.some((other) => other.id === job.id)) continue
        expect(returned.delta + match.delta).toBe(0)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40)
  })
})

describe('createCrosswalk › inputs', () => {
  it('resolves a job code, a level id and a raw seniority', () => {
    expect(crosswalk.resolve({ institution: 'new-mexico', jobCode: 'ieup17' })[0]?.job?.id).toBe('new-mexico.IEUP17')
    expect(crosswalk.resolve({ level: 'missouri.client-support-technician' })[0]?.grade?.code).toBe('IT2')
    const [raw] = crosswalk.map({ seniority: 3 }, { order: 'catalog' })
    expect(raw?.matches.map((match) => match.institution.slug)).toEqual(catalog.institutions.map((i) => i.slug))
    // Mgt III sits at 4 on its own evidence, so only the professional of grade 57 is at 3.
    expect(raw?.matches.find((match) => match.institution.slug === 'harvard')?.jobs.map((job) => job.id)).toEqual([
      'harvard.10657P',
    ])
  })

  it.each([
    [{ institution: 'yale', grade: '1' }, 'unknown-institution', 404],
    [{ institution: 'harvard', grade: '99' }, 'unknown-grade', 404],
    [{ institution: 'harvard', jobCode: 'X1' }, 'unknown-job-code', 404],
    [{ level: 'harvard.nope' }, 'unknown-level', 404],
    [{ level: 'harvard.10657P', institution: 'columbia' }, 'level-institution-mismatch', 400],
    [{ seniority: 0 }, 'seniority-out-of-scale', 400],
    [{ seniority: 99 }, 'seniority-out-of-scale', 400],
  ])('rejects %j with %s', (input, code, status) => {
    try {
      crosswalk.resolve(input)
      expect.unreachable('resolve should throw')
    } catch (error) {
      expect(error).toBeInstanceOf(CrosswalkError)
      expect((error as CrosswalkError).code).toBe(code)
      expect((error as CrosswalkError).status).toBe(status)
    }
  })
})

function seedScale(): ScaleDocument {
  const { scale } = catalog
  return {
    id: scale.id,
    name: scale.name,
    version: scale.version,
    description: scale.description,
    calibration: { ...scale.calibration, grades: [] },
    points: scale.points,
  }
}

function institution(slug: string, grades: [string, number, number, number][]): InstitutionDocument {
  const citation = { file: 'x.txt', quote: 'x' }
  return {
    slug,
    name: slug,
    shortName: slug,
    publisher: slug,
    gradeSystem: 'test',
    source: {
      file: 'x.txt',
      title: 'x',
      effectiveDate: null,
      employerNamed: true,
      identification: 'x',
      quotes: [citation],
    },
    notes: [],
    grades: grades.map(([code, seniority, min, max]) => ({
      code,
      label: `Grade ${code}`,
      aliases: [],
      placement: { seniority, min, max, rationale: 'test', evidence: [citation] },
    })),
    families: [{ id: `${slug}.f`, name: 'f', code: null, summary: 'f', sources: [citation], notes: [] }],
    jobs: grades.map(([code]) => ({
      id: `${slug}.${code}`,
      title: code,
      jobCode: code,
      grade: code,
      family: `${slug}.f`,
      tracks: ['individual_contributor' as const],
      flsa: null,
      summary: 'x',
      education: { minimum: null, typical: null },
      experience: { minYears: null, typicalYears: null, maxYears: null, note: null },
      supervisionReceived: null,
      supportTier: null,
      leads: null,
      duties: [],
      sources: [citation],
      notes: [],
    })),
  }
}

describe('createCrosswalk › the score', () => {
  it('gives 1 to exact matches only', () => {
    for (const job of catalog.jobs) {
      const [result] = crosswalk.map({ level: job.id }, { track: 'any' })
      for (const match of result?.matches ?? []) {
        expect(match.score === 1, `${job.id} → ${match.grade.id} (${match.relation})`).toBe(match.relation === 'exact')
        expect(match.score).toBeGreaterThanOrEqual(0)
      }
    }
  })

  it('lowers the score for bands of another shape at the same point', () => {
    const [result] = crosswalk.map({ institution: 'harvard', grade: '58' }, { to: ['north-carolina'] })
    expect(result?.matches[0]).toMatchObject({ relation: 'close', delta: 0 })
    expect(result?.matches[0]?.score).toBeCloseTo(0.87, 5)
  })
})
