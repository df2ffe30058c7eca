// A synthetic data set for the benchmark: the five real institutions plus generated ones with
// 25 jobs each, written as valid data files to a scratch folder (never committed). Generation is
// seeded, so every run loads the same data.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InstitutionDocument, Track } from '../../src/documents/schema.js'

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const words = ['Support', 'Systems', 'Desktop', 'Network', 'Service', 'Client', 'Technology', 'Operations']
const ranks = ['Associate', 'Analyst', 'Specialist', 'Senior Specialist', 'Lead', 'Supervisor', 'Manager', 'Director']

function institution(index: number): InstitutionDocument {
  const next = random(index + 1)
  const slug = `synthetic-${String(index).padStart(4, '0')}`
  const citation = { file: 'synthetic.txt', quote: 'generated for the benchmark' }
  // 7 to 10 grades at rising points on the 1–7 scale (halves allowed), some with a band.
  const values = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7].filter(() => next() < 0.65).slice(0, 10)
  if (values.length < 3) values.splice(0, values.length, 1, 3, 5, 7)
  let lowest = 1
  let highest = 1
  const grades = values.map((value, position) => {
    const min = Math.max(lowest, next() < 0.3 ? Math.max(1, value - 0.5) : value)
    const max = Math.max(highest, next() < 0.3 ? Math.min(7, value + 1) : value)
    lowest = Math.min(min, value)
    highest = max
    return {
      code: `G${position + 1}`,
      label: `Grade G${position + 1}`,
      aliases: [],
      placement: { seniority: value, min: Math.min(min, value), max, rationale: 'Generated.', evidence: [citation] },
    }
  })
  const families = [
    { id: `${slug}.support`, name: `${words[index % words.length]} Support`, code: null, summary: 'Generated.' },
    { id: `${slug}.management`, name: `${words[(index + 3) % words.length]} Management`, code: null, summary: 'x' },
  ].map((family) => ({ ...family, sources: [citation], notes: [] }))
  const jobs = Array.from({ length: 25 }, (_, number) => {
    const grade = grades[number % grades.length] as (typeof grades)[number]
    const management = grade.placement.seniority >= 4 && number % 3 === 0
    const tracks: Track[] = management ? ['management'] : ['individual_contributor']
    const rank = ranks[Math.min(ranks.length - 1, Math.floor(grade.placement.seniority) - 1 + (management ? 2 : 0))]
    return {
      id: `${slug}.J${number + 1}`,
      title: `${words[(index + number) % words.length]} ${rank} ${number + 1}`,
      jobCode: `S${index}J${number + 1}`,
      grade: grade.code,
      family: management ? `${slug}.management` : `${slug}.support`,
      tracks,
      flsa: null,
      summary: 'Generated.',
      education: { minimum: null, typical: null },
      experience: { minYears: null, typicalYears: null, maxYears: null, note: null },
      supervisionReceived: null,
      supportTier: null,
      leads: null,
      duties: [
        `Provides tier ${1 + (number % 3)} ${words[number % words.length]?.toLowerCase()} support.`,
        'Documents and escalates incidents.',
      ],
      sources: [citation],
      notes: [],
    }
  })
  return {
    slug,
    name: `Synthetic Institution ${index}`,
    shortName: `Synthetic ${index}`,
    publisher: 'levelmap benchmark',
    gradeSystem: 'Generated grades G1…',
    source: {
      file: 'synthetic.txt',
      title: 'Generated',
      effectiveDate: null,
      employerNamed: true,
      identification: 'Generated for the benchmark.',
      quotes: [citation],
    },
    notes: [],
    grades,
    families,
    jobs,
  }
}

/** Writes scale.json, the real institutions and `count` generated ones under `dir`; returns the job count. */
export function writeSyntheticData(
  dataDir: string,
  dir: string,
  count: number,
): { institutions: number; jobs: number } {
  mkdirSync(join(dir, 'institutions'), { recursive: true })
  cpSync(join(dataDir, 'scale.json'), join(dir, 'scale.json'))
  cpSync(join(dataDir, 'institutions'), join(dir, 'institutions'), { recursive: true })
  // The source texts every placement quotes: the real ones, and the generated institutions' one.
  cpSync(join(dataDir, 'sources'), join(dir, 'sources'), { recursive: true })
  writeFileSync(join(dir, 'sources', 'synthetic.txt'), 'generated for the benchmark\n')
  let jobs = 0
  for (let index = 1; index <= count; index++) {
    const document = institution(index)
    jobs += document.jobs.length
    writeFileSync(join(dir, 'institutions', `${document.slug}.json`), JSON.stringify(document))
  }
  return { institutions: count, jobs }
}
