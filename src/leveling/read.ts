// Reading one job: its sentences, every rule matched over them, the refiners' judgement in
// context, and then one reading per factor, each with the sentences it came from in the
// submission's own words. Contradicting readings of one factor are flagged, not averaged.
import { readFamily } from './family.js'
import { collapse, readGrade, readJobCode, readPublicGrade } from './grades.js'
import { quoteOf } from './job-text.js'
import { type Match, matchBody, matchTitle } from './match.js'
import { tierNumber } from './numbers.js'
import { readPay } from './pay.js'
import { refiners } from './refiners/index.js'
import { seriesOf } from './refiners/other-job.js'
import { yearsAsked } from './refiners/qualifications.js'
import type { ReadingContext } from './refiners/refiner.js'
import { type Sentence, sentencesOf } from './sentences.js'
import { looksLikeJobTitle, titleOf } from './titles.js'

export { titleOf }

import type {
  Complexity,
  Education,
  Flag,
  JobEvidence,
  JobText,
  Leadership,
  LevelWord,
  Quote,
  Reading,
  Role,
  Scope,
  Superior,
  Supervision,
  TitleWord,
} from './types.js'

export interface JobReading {
  evidence: JobEvidence
  sentences: Sentence[]
  /** Every match, with what the refiners decided of it. */
  matches: Match[]
}

const leadershipRank: Leadership[] = ['none', 'guides', 'leads', 'supervises', 'manages', 'manages_supervisors']
const complexityRank: Complexity[] = ['routine', 'moderate', 'complex', 'expert']
const educationRank: Education[] = [
  'none',
  'high_school',
  'certificate',
  'associate',
  'bachelor',
  'master',
  'doctorate',
]
const levelRank: LevelWord[] = [
  'trainee',
  'developing',
  'journey',
  'senior',
  'lead',
  'supervisor',
  'manager',
  'director',
]

function dedupe(quotes: Quote[]): Quote[] {
  const seen = new Set<string>()
  return quotes.filter((quote) => {
    if (quote.quote.length === 0 || seen.has(quote.quote)) return false
    seen.add(quote.quote)
    return true
  })
}

/** A line that only heads or labels what follows: short, no full stop at its end. */
const headLine = (line: string) => line.trim().length <= 60 && !/[.;!?]$/.test(line.trim())

/**
 * The sentence a match was read in, as its quote. Sentences are found without the line breaks (so a
 * flattened text reads the same), but the quote drops whole lines before and after the match's own
 * that only head or label it ("Job Title: ...", "Pay Grade: 21"): evidence is never a heading.
 */
function sentenceQuote(job: JobText, sentences: Sentence[], match: Match): Quote {
  const sentence = sentences[match.sentence]
  if (!sentence) return quoteOf(job, match.start, match.end)
  let start = sentence.start
  let end = sentence.end
  for (let cut = job.text.indexOf('\n', start); cut >= 0 && cut < match.start; cut = job.text.indexOf('\n', start)) {
    if (!headLine(job.text.slice(start, cut))) break
    start = cut + 1
  }
  for (let cut = job.text.lastIndexOf('\n', end - 1); cut >= match.end; cut = job.text.lastIndexOf('\n', end - 1)) {
    if (!headLine(job.text.slice(cut + 1, end))) break
    end = cut
  }
  return quoteOf(job, start, end, { start: match.start, end: match.end })
}

function reading<T>(value: T, matches: Match[], job: JobText, sentences: Sentence[], strength?: number): Reading<T> {
  const notes = [...new Set(matches.flatMap((match) => match.notes))]
  return {
    value,
    quotes: dedupe(matches.slice(0, 3).map((match) => sentenceQuote(job, sentences, match))),
    ...(strength !== undefined && strength < 1 ? { strength } : {}),
    rules: [...new Set(matches.map((match) => match.rule.id))],
    ...(notes.length > 0 ? { notes } : {}),
  }
}

/** The most specific reading wins; among equals the first. */
function mostSpecific(matches: Match[]): Match | undefined {
  return [...matches].sort((a, b) => b.specificity - a.specificity || b.strength - a.strength || a.start - b.start)[0]
}

function quoteMatch(job: JobText, sentences: Sentence[], match: Match): Quote {
  return sentenceQuote(job, sentences, match)
}

/**
 * The title's words: of its seniority words the most specific names the job ("Head of Service
 * Desk" is a manager, "Assistant Director" a director); of its nouns the last ("IT Support
 * Specialist" is a specialist); an "assistant" in a manager's or director's title is part of that title.
 */
export function readTitle(title: string): Match[] {
  // Words in brackets are notes on the title ("(role description, Clerk Grade 9/10)"): they may say
  // its seniority ("(student position)"), but the job's noun is the title's own.
  const bare = title.replace(/\([^)]*\)|\[[^\]]*\]/g, (note) => ' '.repeat(note.length))
  const matches = [
    ...matchTitle(title).filter((match) => match.factor === 'title'),
    ...matchTitle(bare).filter((match) => match.factor === 'role'),
  ]
  const words = matches.filter((match) => match.factor === 'title')
  const best = [...words].sort(
    (a, b) => b.specificity - a.specificity || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )[0]
  for (const match of words) if (match !== best) match.dropped = 'a more specific word of the title names the job'
  const nouns = matches.filter((match) => match.factor === 'role')
  for (const match of nouns.slice(0, -1)) match.dropped = "the title's last noun names the job"
  for (const match of nouns) {
    if (match.level === 'assistant' && /director|manager|chief|head/i.test(title))
      match.dropped = 'part of a title naming a manager or director'
  }
  return matches
}

/** Reads every evidence field of one job from its text. */
export function readJob(job: JobText): JobReading {
  const title = titleOf(job)
  // Sentences are found without the line breaks (a text flattened onto one line reads the same);
  // the breaks between the pieces of a job (two cells of a table column) still end sentences.
  const sentences = sentencesOf(job.text.replace(/\n/g, ' '), job.joins)
  const context: ReadingContext = { text: job.text, sentences, title }
  const matches = matchBody(job.text, sentences)
  for (const refiner of refiners) refiner.refine(matches, context)
  const live = matches.filter((match) => match.dropped === null)
  const of = (factor: string) => live.filter((match) => match.factor === factor)
  const flags: Flag[] = [...(job.flags ?? [])]

  // Supervision received: the most specific statement; a strong close and a strong minimal or
  // independent statement that no refiner reconciled are a contradiction to check.
  let supervisionReceived: Reading<Supervision> | null = null
  const supervision = of('supervision')
  const bestSupervision = mostSpecific(supervision)
  if (bestSupervision) {
    supervisionReceived = reading(
      bestSupervision.level as Supervision,
      [bestSupervision],
      job,
      sentences,
      bestSupervision.strength,
    )
    const strong = supervision.filter((match) => match.strength >= 1)
    const close = strong.find((match) => match.level === 'close')
    const free = strong.find((match) => match.level === 'minimal' || match.level === 'independent')
    if (close && free)
      flags.push({
        code: 'contradiction',
        detail: `the text says both ${close.level} and ${free.level} supervision`,
        quotes: dedupe([quoteMatch(job, sentences, close), quoteMatch(job, sentences, free)]),
      })
  }

  // Leadership: the highest level the job exercises; a level that is only "may" or an
  // alternative is already a step lower.
  const leadershipMatches = of('leadership')
  const none = leadershipMatches.filter((match) => match.level === 'none')
  const positive = leadershipMatches.filter((match) => match.level !== 'none')
  let leadership: Reading<Leadership> | null = null
  let leadershipModal = false
  if (positive.length > 0) {
    const top = positive.reduce((best, match) => {
      const rank = leadershipRank.indexOf(match.level as Leadership)
      const bestRank = leadershipRank.indexOf(best.level as Leadership)
      if (rank !== bestRank) return rank > bestRank ? match : best
      if (!!best.modal !== !!match.modal) return best.modal ? match : best
      return best
    })
    const level = top.level as Leadership
    leadership = reading(
      level,
      [top, ...positive.filter((match) => match !== top && match.level === level)],
      job,
      sentences,
    )
    leadershipModal = positive.filter((match) => match.level === level).every((match) => match.modal === true)
  }
  const doesNotSupervise = none[0] ? reading(true as const, [none[0]], job, sentences) : null
  if (doesNotSupervise && leadership && leadershipRank.indexOf(leadership.value) >= 3 && !leadershipModal) {
    flags.push({
      code: 'contradiction',
      detail: `the text says the job does not supervise, yet also that it ${leadership.value === 'supervises' ? 'supervises' : 'manages'}`,
      quotes: dedupe([...(doesNotSupervise.quotes.slice(0, 1) ?? []), ...leadership.quotes.slice(0, 1)]),
    })
  }

  // Support tier: the tiers the job works at. Complexity: the highest its own work reaches.
  const complexityMatches = of('complexity')
  const tiers = of('tier')
  let supportTier: Reading<{ low: number; high: number }> | null = null
  if (tiers.length > 0) {
    // The tiers the job's own statements name (the tier-direction refiner has set aside those it
    // escalates to and moved those it takes escalations from).
    const own: { low: number; high: number; match: Match }[] = []
    for (const match of tiers) {
      const a = tierNumber(match.groups.low ?? match.groups.ord ?? match.groups.ord2) ?? 1
      const b = tierNumber(match.groups.high ?? (match.groups.ord ? match.groups.ord2 : undefined)) ?? a
      own.push({ low: Math.min(a, b), high: Math.max(a, b), match })
    }
    if (own.length > 0) {
      const low = Math.min(...own.map((entry) => entry.low))
      const high = Math.max(...own.map((entry) => entry.high))
      supportTier = reading(
        { low, high },
        own.map((entry) => entry.match),
        job,
        sentences,
      )
    }
  }
  // A tier the title names ("Tier Two IT Support Technician") is the job's own, whatever the text says of others.
  const titled = title.match(/\btier\s*[- ]?\s*(1|2|3|one|two|three|i{1,3})\b/i)
  const titleTier = tierNumber(titled?.[1])
  if (titleTier !== null)
    supportTier = { value: { low: titleTier, high: titleTier }, quotes: [{ quote: title }], rules: ['title'] }
  let complexity: Reading<Complexity> | null = null
  if (complexityMatches.length > 0) {
    const top = complexityMatches.reduce((best, match) =>
      complexityRank.indexOf(match.level as Complexity) > complexityRank.indexOf(best.level as Complexity)
        ? match
        : best,
    )
    complexity = reading(top.level as Complexity, [top], job, sentences)
  }
  // Whom the job reports to: the most specific statement.
  const superior = mostSpecific(of('reports'))
  const reportsTo = superior ? reading(superior.level as Superior, [superior], job, sentences) : null

  // Scope: every kind of reach the text gives the job.
  const scopeMatches = of('scope')
  let scope: Reading<Scope> | null = null
  if (scopeMatches.length > 0) {
    const value: Scope = { budget: false, vendors: false, strategy: 'none' }
    const strategyRank = ['none', 'unit', 'contributes', 'leads'] as const
    for (const match of scopeMatches) {
      if (match.level === 'budget') value.budget = true
      else if (match.level === 'vendors') value.vendors = true
      else if (
        strategyRank.indexOf(match.level as (typeof strategyRank)[number]) > strategyRank.indexOf(value.strategy)
      )
        value.strategy = match.level as Scope['strategy']
    }
    const strength = Math.max(...scopeMatches.map((match) => match.strength))
    scope = reading(value, scopeMatches, job, sentences, strength)
  }

  // The level the text names: the most specific; a trainee and a senior or lead named of the same
  // job are a contradiction to check.
  const levelMatches = of('level')
  let levelWord: Reading<LevelWord> | null = null
  const bestLevel = mostSpecific(levelMatches)
  if (bestLevel) {
    levelWord = reading(bestLevel.level as LevelWord, [bestLevel], job, sentences)
    const low = levelMatches.find((match) => match.level === 'trainee')
    const high = levelMatches.find(
      (match) => levelRank.indexOf(match.level as LevelWord) >= levelRank.indexOf('senior'),
    )
    if (low && high)
      flags.push({
        code: 'contradiction',
        detail: `the text names the job both a ${low.level} level and a ${high.level} level`,
        quotes: dedupe([quoteMatch(job, sentences, low), quoteMatch(job, sentences, high)]),
      })
  }

  // Qualifications: what the least demanding path asks.
  const educationMatches = of('education')
  let education: Reading<Education> | null = null
  if (educationMatches.length > 0) {
    const top = educationMatches.reduce((best, match) =>
      educationRank.indexOf(match.level as Education) > educationRank.indexOf(best.level as Education) ? match : best,
    )
    education = reading(top.level as Education, [top], job, sentences)
  }
  const experienceMatches = of('experience')
  let experience: Reading<{ min: number; max: number | null; combined: boolean }> | null = null
  if (experienceMatches.length > 0) {
    // Base years and the additional years added to them, on the kept path.
    const base =
      experienceMatches.find((match) => !match.notes.some((note) => note.startsWith('additional'))) ??
      experienceMatches[0]
    const extra = experienceMatches.filter(
      (match) => match !== base && match.notes.some((note) => note.startsWith('additional')),
    )
    const baseYears = base ? yearsAsked(base) : 0
    const added = extra.reduce((sum, match) => sum + yearsAsked(match), 0)
    const high = base?.groups.high ? yearsAsked({ ...base, groups: { ...base.groups, low: base.groups.high } }) : null
    const sentence = base ? (sentences[base.sentence]?.text ?? '') : ''
    experience = reading(
      {
        min: Math.round((baseYears + added) * 100) / 100,
        max: high === null ? null : Math.round((high + added) * 100) / 100,
        combined: /education (?:and|or|and\/or) (?:\w+ ){0,3}experience|\btotal(?:l)?ing\b|\bcombination\b/i.test(
          sentence,
        ),
      },
      [base as Match, ...extra],
      job,
      sentences,
      base?.strength,
    )
  } else if (education) {
    // A path of education alone asks no years of experience.
    const kept = educationMatches.find((match) => match.notes.some((note) => note.startsWith('the least demanding')))
    if (kept) experience = reading({ min: 0, max: null, combined: false }, [kept], job, sentences)
  }

  // The title's own words.
  const titleMatches = readTitle(title)
  const titleLevel = titleMatches.find((match) => match.factor === 'title' && match.dropped === null)
  const titleQuote = (match: Match) => ({ quote: title.slice(match.start, match.end) })
  const titleWord: Reading<TitleWord> | null = titleLevel
    ? { value: titleLevel.level as TitleWord, quotes: [{ quote: title }], rules: [titleLevel.rule.id] }
    : null
  const roleMatch = titleMatches.filter((match) => match.factor === 'role' && match.dropped === null).at(-1)
  const role: Reading<Role> | null = roleMatch
    ? { value: roleMatch.level as Role, quotes: [titleQuote(roleMatch)], rules: [roleMatch.rule.id] }
    : null

  const series = seriesOf(title.replace(/\([^)]*\)/g, ' ').trim())
  const numeral =
    series && series.numeral <= 8 && looksLikeJobTitle(title)
      ? { value: series.numeral, quotes: [{ quote: title }] }
      : null
  const publicGrade = readPublicGrade(title, job)
  const pay = readPay(job)
  const family = readFamily(title, job.text)

  const evidence: JobEvidence = {
    title: title || null,
    jobCode: job.jobCode ?? readJobCode(job),
    grade: job.grade ?? readGrade(job),
    education,
    experience,
    supervisionReceived,
    supportTier,
    complexity,
    leadership,
    ...(leadershipModal ? { leadershipModal } : {}),
    doesNotSupervise,
    scope,
    levelWord,
    titleWord,
    role,
    reportsTo,
    numeral,
    pay: pay
      ? {
          value: pay.annual,
          quotes: [
            quoteOf(
              job,
              job.text.lastIndexOf('\n', pay.at) + 1,
              Math.max(pay.end, (job.text.indexOf('\n', pay.end) + 1 || job.text.length + 1) - 1),
              { start: pay.at, end: pay.end },
              160,
            ),
          ],
        }
      : null,
    publicGrade: publicGrade
      ? {
          value: publicGrade.grade,
          quotes: [
            publicGrade.at === null
              ? { quote: title }
              : quoteOf(job, publicGrade.at, Math.min(job.text.length, publicGrade.at + 20)),
          ],
        }
      : null,
    family,
    summary: collapse(job.text).slice(0, 600) || null,
    duties: sentences
      .filter((sentence) => !sentence.heading && sentence.text.length > 20)
      .map((sentence) => collapse(sentence.text).slice(0, 480))
      .slice(0, 40),
    ...(job.group ? { group: job.group } : {}),
    flags,
  }
  return { evidence, sentences, matches }
}

/** Whether a job's reading holds anything a job description has: a factor, a level, or a title that names a job. */
export function isRecognisableJob(evidence: JobEvidence): boolean {
  const factors = [
    evidence.education,
    evidence.experience,
    evidence.supervisionReceived,
    evidence.supportTier,
    evidence.complexity,
    evidence.leadership,
    evidence.doesNotSupervise,
    evidence.scope,
    evidence.levelWord,
    evidence.titleWord,
    evidence.role,
    evidence.publicGrade,
    evidence.reportsTo,
  ].filter((reading) => reading !== null)
  return factors.length >= 1
}
