// A draft institution document from a leveling result, in the format PUT /v1/institutions/{slug}
// takes: grades in pay order with proposed placements (point, band, rationale, quotes), one family,
// and the jobs with their evidence fields. Every citation quotes the submitted text, named as the
// source file `<slug>.txt`. The draft is a proposal for an analyst to review, not a placement.
import type { Citation, GradeDocument, InstitutionDocument, JobDocument } from '../documents/schema.js'
import { collapse } from './grades.js'
import { ladderRanks } from './ladder.js'
import type { LevelingResult } from './level.js'
import type { JobEvidence, Proposal } from './types.js'

export interface DraftOptions {
  slug: string
  name?: string
  /** The source file name citations use; `<slug>.txt` by default. */
  file?: string
}

const codePattern = /^[A-Za-z0-9][A-Za-z0-9-]*$/

function codeOf(text: string | null): string | null {
  if (!text) return null
  const code = text
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9-]/g, '')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
  return codePattern.test(code) ? code : null
}

function localId(text: string): string {
  const id = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return id.length > 0 ? id : 'job'
}

function cite(file: string, quote: string): Citation | null {
  const text = quote.trim().slice(0, 600).trim()
  return text.length > 0 ? { file, quote: text } : null
}

function citations(file: string, quotes: string[], limit: number): Citation[] {
  const seen = new Set<string>()
  const list: Citation[] = []
  for (const quote of quotes) {
    const citation = cite(file, quote)
    if (!citation || seen.has(citation.quote)) continue
    seen.add(citation.quote)
    list.push(citation)
    if (list.length === limit) break
  }
  return list
}

const supervisionOf = {
  close: 'direct',
  moderate: 'general',
  general: 'general',
  minimal: 'minimal',
  independent: 'independent',
} as const

function jobQuotes(proposal: Proposal, evidence: JobEvidence): string[] {
  return [
    ...(evidence.title ? [evidence.title] : []),
    ...proposal.factors.flatMap((factor) => factor.evidence.map((quote) => quote.quote)),
  ]
}

/** Builds the draft document; the submitted text must be what the result was leveled from. */
export function draftDocument(result: LevelingResult, submission: string, options: DraftOptions): InstitutionDocument {
  const file = options.file ?? `${options.slug}.txt`
  const name = options.name ?? options.slug.replace(/-/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase())
  const firstLine = collapse(submission.split('\n').find((line) => line.trim().length > 0) ?? options.slug)
  const opening =
    submission
      .split('\n')
      .find((line) => line.trim().length > 0)
      ?.trim() ?? ''

  // Grades: the grade the text prints, or one per job where it prints none.
  const groups: { code: string; label: string; members: number[] }[] = []
  result.jobs.forEach((proposal, index) => {
    const printed = codeOf(proposal.grade)
    const code = printed ?? `L${index + 1}`
    const group = groups.find((candidate) => candidate.code.toLowerCase() === code.toLowerCase())
    if (group) group.members.push(index)
    else
      groups.push({
        code,
        label: printed ? `Grade ${proposal.grade}` : `Level of ${proposal.title}`.slice(0, 100),
        members: [index],
      })
  })
  const ranks = ladderRanks(groups.map((group) => result.evidence[group.members[0] ?? 0] as JobEvidence))
  const meanPoint = (group: (typeof groups)[number]) =>
    group.members.reduce((sum, index) => sum + (result.jobs[index]?.seniority.point ?? 0), 0) / group.members.length
  const ranked = ranks.every((rank) => rank !== null)
  const order = groups
    .map((group, index) => ({
      group,
      rank: ranks[index] ?? null,
      mean: meanPoint(group),
      first: group.members[0] ?? 0,
    }))
    .sort((a, b) => (ranked ? (a.rank ?? 0) - (b.rank ?? 0) : a.mean - b.mean || a.first - b.first))

  const grades: GradeDocument[] = []
  let previous: { seniority: number; min: number; max: number } | null = null
  for (const { group, mean } of order) {
    const members = group.members.map((index) => result.jobs[index] as Proposal)
    let seniority = Math.round(mean)
    let min = Math.min(...members.map((job) => job.seniority.band.min))
    let max = Math.max(...members.map((job) => job.seniority.band.max))
    const notes: string[] = []
    // A grade may share the point of the grade below it; only one that would sit lower than it is
    // raised, to that point, and says so.
    if (previous && seniority < previous.seniority) {
      notes.push(
        `The evidence alone places it at ${seniority}; it is set to ${previous.seniority}, the point of the grade below it in pay order, because a higher grade cannot sit lower.`,
      )
      seniority = previous.seniority
    }
    if (previous) {
      min = Math.max(min, previous.min)
      max = Math.max(max, previous.max)
    }
    min = Math.min(min, seniority)
    max = Math.max(max, seniority)
    previous = { seniority, min, max }
    const rationale = [
      ...members.map((job) => (members.length > 1 ? `${job.title}: ${job.rationale}` : job.rationale)),
      ...notes,
      'Proposed by the leveling model from the submitted text; to be reviewed before it is relied on.',
    ]
      .join(' ')
      .slice(0, 3000)
    const quotes = members.flatMap((job) => {
      const index = result.jobs.indexOf(job)
      return jobQuotes(job, result.evidence[index] as JobEvidence)
    })
    const evidence = citations(file, quotes, 12)
    grades.push({
      code: group.code,
      label: group.label,
      aliases: [],
      placement: {
        seniority,
        min,
        max,
        rationale,
        evidence: evidence.length > 0 ? evidence : citations(file, [opening], 1),
      },
    })
  }

  const familyId = `${options.slug}.submitted-jobs`
  const usedIds = new Set<string>()
  const usedCodes = new Set<string>()
  const jobs: JobDocument[] = result.jobs.map((proposal, index) => {
    const evidence = result.evidence[index] as JobEvidence
    const text = result.texts[index]?.text ?? ''
    let code = codeOf(proposal.jobCode)
    if (code && usedCodes.has(code.toLowerCase())) code = null
    if (code) usedCodes.add(code.toLowerCase())
    let id = `${options.slug}.${code ?? localId(proposal.title)}`
    for (let n = 2; usedIds.has(id); n++) id = `${options.slug}.${code ?? localId(proposal.title)}-${n}`
    usedIds.add(id)
    const group = groups.find((candidate) => candidate.members.includes(index))
    const years = evidence.experience?.value
    const tier = evidence.supportTier?.value
    const flsa = /\bnon-?\s?exempt\b/i.test(text) ? 'non_exempt' : /\bexempt\b/i.test(text) ? 'exempt' : null
    const sources = citations(file, jobQuotes(proposal, evidence), 16)
    return {
      id,
      title: proposal.title.slice(0, 200) || 'Untitled job',
      jobCode: code,
      grade: group?.code ?? `L${index + 1}`,
      family: familyId,
      tracks: [proposal.track],
      flsa,
      summary: (collapse(text).slice(0, 600) || proposal.title).slice(0, 2000),
      education: { minimum: evidence.education?.quotes[0]?.quote.slice(0, 1000) ?? null, typical: null },
      experience: {
        minYears: years ? Math.min(40, years.min) : null,
        typicalYears: null,
        maxYears: years?.max != null ? Math.min(40, years.max) : null,
        note: years?.combined ? 'Education and experience counted together, as the text states them.' : null,
      },
      supervisionReceived: evidence.supervisionReceived ? supervisionOf[evidence.supervisionReceived.value] : null,
      supportTier: tier ? (tier.low === tier.high ? `${tier.low}` : `${tier.low}-${tier.high}`) : null,
      leads: evidence.leadership?.quotes[0]?.quote.slice(0, 1000) ?? null,
      duties: evidence.duties.map((duty) => duty.slice(0, 1000)).slice(0, 40),
      sources: sources.length > 0 ? sources : citations(file, [opening], 1),
      notes: [
        `Proposed at ${proposal.seniority.point} (band ${proposal.seniority.band.min}–${proposal.seniority.band.max}), confidence ${proposal.confidence}.`,
      ],
    }
  })

  return {
    slug: options.slug,
    name: name.slice(0, 200),
    shortName: name.slice(0, 60),
    publisher: name.slice(0, 200),
    gradeSystem:
      `Grades as the submitted text prints them (levels L1, L2… where it prints none), in pay order; placements proposed by the leveling model. Split: ${result.split}.`.slice(
        0,
        300,
      ),
    source: {
      file,
      title: firstLine.slice(0, 300) || options.slug,
      effectiveDate: null,
      employerNamed: false,
      identification:
        'A draft made from submitted job descriptions; the employer, its source and its effective date are to be recorded by the analyst who reviews it.',
      quotes: citations(file, [opening], 1),
    },
    notes: [
      'Draft made by the leveling model: every placement is a proposal, with the words of the submitted text it rests on.',
    ],
    grades,
    families: [
      {
        id: familyId,
        name: 'Submitted jobs',
        code: null,
        summary: `The ${jobs.length} job${jobs.length === 1 ? '' : 's'} of the submitted text (${result.split}).`.slice(
          0,
          2000,
        ),
        sources: citations(file, [opening], 1),
        notes: [],
      },
    ],
    jobs,
    // The submitted text travels with the draft as its source: every quote above is found in it.
    sources: [{ file, text: submission }],
  }
}
