// Measures leveling on a corpus an analyst placed (src/leveling/corpus.ts): for every job, whether
// the proposed point is inside the analyst's accept set, the track and the family are right, and the
// same text flattened onto one line (as a PDF copy arrives) gets the same answer; within each ladder,
// whether a higher rung was proposed below a lower one; and which texts were refused. The leveler is
// asked per employer, so a fitted model can be fitted without the employer it is judged on.
import type { CorpusCase, Family, LabelledJob } from './corpus.js'
import type { Track } from './types.js'

/** What a leveler answers for one job of a text. */
export interface LeveledJob {
  title: string
  point: number
  track: Track
  family?: Family
}

/** Levels a text for a case of `employer` (a fitted leveler leaves that employer out); throws when it refuses the text. */
export type Leveler = (text: string, employer: string) => LeveledJob[]

export interface JobOutcome {
  case: string
  employer: string
  ladder: string
  expected: LabelledJob
  found: LeveledJob | null
  /** The job as leveled from the text flattened onto one line. */
  flattened: LeveledJob | null
  refused: string | null
  inside: boolean
  exact: boolean | null
  trackRight: boolean
  familyRight: boolean | null
  flatSame: boolean
}

export interface Inversion {
  ladder: string
  lower: { title: string; rank: number; point: number }
  higher: { title: string; rank: number; point: number }
}

export interface Tally {
  jobs: number
  inside: number
  exact: number
  /** Jobs whose accept set is one point (where "exact" means something). */
  singlePoint: number
  track: number
  family: number
  /** Jobs whose family was proposed at all. */
  familyProposed: number
  flatSame: number
  refusedJobs: number
  notFound: number
}

export interface CorpusEvaluation {
  outcomes: JobOutcome[]
  total: Tally
  /** IT jobs only (end-user support and adjacent): the point matters most for these. */
  it: Tally
  byEmployer: { employer: string; tally: Tally }[]
  inversions: Inversion[]
  ladders: number
  refusedTexts: { case: string; employer: string; reason: string }[]
  cases: number
  employers: number
}

/** The text as it arrives from a PDF or a web form: every run of white space one space. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

const tokens = (title: string) =>
  new Set(
    title
      .toLowerCase()
      .replace(/[’']/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter((word) => word.length > 0 && !['the', 'of', 'and', 'a', 'an', 'job', 'class', 'level'].includes(word)),
  )

/** Word overlap of two titles (Jaccard), 0–1. */
export function titleSimilarity(a: string, b: string): number {
  const left = tokens(a)
  const right = tokens(b)
  if (left.size === 0 || right.size === 0) return 0
  const shared = [...left].filter((word) => right.has(word)).length
  return shared / new Set([...left, ...right]).size
}

/**
 * Pairs each labelled job with a leveled one: best title overlap first; a labelled job left over
 * takes a leveled job left over in text order. A case of one job takes the leveled job whose title
 * is nearest its name (the first if none shares a word).
 */
export function matchLabelled(expected: LabelledJob[], leveled: LeveledJob[]): (LeveledJob | null)[] {
  const result: (LeveledJob | null)[] = expected.map(() => null)
  if (leveled.length === 0) return result
  if (expected.length === 1) {
    let best = 0
    let bestScore = -1
    leveled.forEach((job, index) => {
      const score = titleSimilarity(expected[0]?.title ?? '', job.title)
      if (score > bestScore) {
        best = index
        bestScore = score
      }
    })
    result[0] = leveled[best] ?? null
    return result
  }
  const pairs: { i: number; j: number; score: number }[] = []
  expected.forEach((job, i) => {
    leveled.forEach((candidate, j) => {
      pairs.push({ i, j, score: titleSimilarity(job.title, candidate.title) })
    })
  })
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j)
  const usedLeveled = new Set<number>()
  for (const pair of pairs) {
    if (pair.score <= 0 || result[pair.i] || usedLeveled.has(pair.j)) continue
    result[pair.i] = leveled[pair.j] ?? null
    usedLeveled.add(pair.j)
  }
  const rest = leveled.map((_, j) => j).filter((j) => !usedLeveled.has(j))
  expected.forEach((_, i) => {
    if (result[i] || rest.length === 0) return
    result[i] = leveled[rest.shift() as number] ?? null
  })
  return result
}

function emptyTally(): Tally {
  return {
    jobs: 0,
    inside: 0,
    exact: 0,
    singlePoint: 0,
    track: 0,
    family: 0,
    familyProposed: 0,
    flatSame: 0,
    refusedJobs: 0,
    notFound: 0,
  }
}

function add(tally: Tally, outcome: JobOutcome): void {
  tally.jobs++
  if (outcome.inside) tally.inside++
  if (outcome.exact !== null) {
    tally.singlePoint++
    if (outcome.exact) tally.exact++
  }
  if (outcome.trackRight) tally.track++
  if (outcome.familyRight !== null) {
    tally.familyProposed++
    if (outcome.familyRight) tally.family++
  }
  if (outcome.flatSame) tally.flatSame++
  if (outcome.refused) tally.refusedJobs++
  else if (!outcome.found) tally.notFound++
}

function tryLevel(leveler: Leveler, text: string, employer: string): { jobs: LeveledJob[]; refused: string | null } {
  try {
    return { jobs: leveler(text, employer), refused: null }
  } catch (error) {
    return { jobs: [], refused: (error as Error).message }
  }
}

/** Levels every case of the corpus (and its flattened text) and tallies the outcomes. */
export function evaluateCorpus(cases: CorpusCase[], leveler: Leveler): CorpusEvaluation {
  const outcomes: JobOutcome[] = []
  const refusedTexts: CorpusEvaluation['refusedTexts'] = []
  for (const entry of cases) {
    const formatted = tryLevel(leveler, entry.text, entry.employer)
    const flat = tryLevel(leveler, flatten(entry.text), entry.employer)
    if (formatted.refused) refusedTexts.push({ case: entry.id, employer: entry.employer, reason: formatted.refused })
    const found = matchLabelled(entry.jobs, formatted.jobs)
    const flattened = matchLabelled(entry.jobs, flat.jobs)
    entry.jobs.forEach((expected, index) => {
      const job = found[index] ?? null
      const flatJob = flattened[index] ?? null
      outcomes.push({
        case: entry.id,
        employer: entry.employer,
        ladder: entry.ladder,
        expected,
        found: job,
        flattened: flatJob,
        refused: formatted.refused,
        inside: job !== null && expected.accept.includes(job.point),
        exact: expected.accept.length === 1 ? job !== null && job.point === expected.accept[0] : null,
        trackRight: job !== null && job.track === expected.track,
        familyRight: job?.family === undefined ? null : job.family === expected.family,
        flatSame: job !== null && flatJob !== null && job.point === flatJob.point && job.track === flatJob.track,
      })
    })
  }
  const total = emptyTally()
  const it = emptyTally()
  const employers = new Map<string, Tally>()
  for (const outcome of outcomes) {
    add(total, outcome)
    if (outcome.expected.family !== 'other') add(it, outcome)
    const tally = employers.get(outcome.employer) ?? emptyTally()
    add(tally, outcome)
    employers.set(outcome.employer, tally)
  }
  // Ladders: every labelled job of one ladder id, across the cases that share it.
  const ladders = new Map<string, JobOutcome[]>()
  for (const outcome of outcomes) ladders.set(outcome.ladder, [...(ladders.get(outcome.ladder) ?? []), outcome])
  const inversions: Inversion[] = []
  let ladderCount = 0
  for (const [ladder, members] of ladders) {
    const ranked = members.filter((member) => member.found !== null)
    if (new Set(members.map((member) => member.expected.rank)).size >= 2) ladderCount++
    for (const lower of ranked) {
      for (const higher of ranked) {
        if (lower.expected.rank >= higher.expected.rank) continue
        if ((higher.found as LeveledJob).point < (lower.found as LeveledJob).point) {
          inversions.push({
            ladder,
            lower: {
              title: lower.expected.title,
              rank: lower.expected.rank,
              point: (lower.found as LeveledJob).point,
            },
            higher: {
              title: higher.expected.title,
              rank: higher.expected.rank,
              point: (higher.found as LeveledJob).point,
            },
          })
        }
      }
    }
  }
  return {
    outcomes,
    total,
    it,
    byEmployer: [...employers]
      .map(([employer, tally]) => ({ employer, tally }))
      .sort((a, b) => a.employer.localeCompare(b.employer)),
    inversions,
    ladders: ladderCount,
    refusedTexts,
    cases: cases.length,
    employers: employers.size,
  }
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`)

function tallyCells(tally: Tally): string[] {
  return [
    String(tally.jobs),
    `${tally.inside} (${percent(tally.inside, tally.jobs)})`,
    tally.singlePoint > 0 ? `${tally.exact}/${tally.singlePoint}` : '–',
    `${tally.track} (${percent(tally.track, tally.jobs)})`,
    tally.familyProposed > 0 ? `${tally.family}/${tally.familyProposed}` : '–',
    `${tally.flatSame} (${percent(tally.flatSame, tally.jobs)})`,
    String(tally.refusedJobs),
    String(tally.notFound),
  ]
}

/** The evaluation as Markdown tables: totals, per employer, inversions, refusals, misses. */
export function formatEvaluation(evaluation: CorpusEvaluation, title: string): string {
  const header =
    '| | jobs | inside accept | exact (1-point accepts) | track | family | flattened same | refused | not found |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  const row = (name: string, tally: Tally) => `| ${name} | ${tallyCells(tally).join(' | ')} |`
  const lines = [
    `### ${title}`,
    '',
    `${evaluation.cases} texts, ${evaluation.employers} employers, ${evaluation.ladders} ladders; ${evaluation.inversions.length} ladder inversion${evaluation.inversions.length === 1 ? '' : 's'}; ${evaluation.refusedTexts.length} text${evaluation.refusedTexts.length === 1 ? '' : 's'} refused.`,
    '',
    header,
    row('**all jobs**', evaluation.total),
    row('IT jobs', evaluation.it),
    ...evaluation.byEmployer.map(({ employer, tally }) => row(employer.replace(/\|/g, '/'), tally)),
  ]
  if (evaluation.inversions.length > 0) {
    lines.push('', 'Ladder inversions (a higher rung proposed below a lower one):', '')
    for (const inversion of evaluation.inversions)
      lines.push(
        `- ${inversion.ladder}: ${inversion.higher.title} (rank ${inversion.higher.rank}) at ${inversion.higher.point}, below ${inversion.lower.title} (rank ${inversion.lower.rank}) at ${inversion.lower.point}`,
      )
  }
  if (evaluation.refusedTexts.length > 0) {
    lines.push('', 'Refused:', '')
    for (const refused of evaluation.refusedTexts)
      lines.push(`- ${refused.case} (${refused.employer}): ${refused.reason}`)
  }
  const misses = evaluation.outcomes.filter((outcome) => !outcome.inside || !outcome.trackRight)
  if (misses.length > 0) {
    lines.push('', 'Misses (point outside the accept set, or the wrong track):', '')
    for (const miss of misses) {
      const found = miss.found
        ? `proposed ${miss.found.point} ${miss.found.track === 'management' ? 'management' : 'IC'}${miss.found.family ? `, ${miss.found.family}` : ''}`
        : miss.refused
          ? 'refused'
          : 'not found'
      lines.push(
        `- ${miss.case} ${miss.expected.title}: accept ${miss.expected.accept.join('–')} ${miss.expected.track === 'management' ? 'management' : 'IC'} (${miss.expected.family}); ${found}`,
      )
    }
  }
  return lines.join('\n')
}
