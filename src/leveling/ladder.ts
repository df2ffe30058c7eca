// Order within a ladder: jobs the text ranks (by grade, by the level numeral of a common title, by
// a public grade, by the level word of a series) are ranked within one employer or series (the
// split's groups). A rung is judged by its jobs' typical point (the median), never by its most
// extreme row. A job that reads below a lower rung is raised toward it, and a lower rung that reads
// above a higher one is lowered toward it, but no job is moved more than the ladder's reach (one
// point) from its own evidence; where that is not enough, both are flagged for an analyst rather
// than moved far. Jobs the text gives nothing but their rung are placed by their rung.
import type { LevelingModel } from './model.js'
import { romanValue } from './numbers.js'
import type { JobEvidence, Proposal } from './types.js'

const competency: Record<string, number> = {
  trainee: 1,
  entry: 1,
  basic: 1,
  contributing: 2,
  developing: 2,
  intermediate: 2,
  journey: 3,
  journeyman: 3,
  'full performance': 3,
  advanced: 4,
  senior: 4,
  expert: 5,
  lead: 5,
}

interface RankKey {
  system: string
  value: number
}

export function gradeKeyOf(grade: string | null): RankKey | null {
  if (!grade) return null
  const text = grade.trim()
  const numeric = text.match(/^([A-Za-z]*)[- ]?(\d{1,4})(?:\s*-\s*\d+)?[a-d]?$/)
  if (numeric) return { system: `n:${(numeric[1] ?? '').toUpperCase()}`, value: Number(numeric[2]) }
  const lettered = text.match(/^([A-Z]{0,2})([A-Z])$/)
  if (lettered) return { system: `l:${lettered[1]}`, value: (lettered[2] ?? 'A').charCodeAt(0) }
  const word = competency[text.toLowerCase()]
  if (word !== undefined) return { system: 'w', value: word }
  return null
}

function titleKeyOf(title: string | null): RankKey | null {
  if (!title) return null
  const text = title.trim().replace(/\s*\([^)]*\)$/, '')
  const match = text.match(/^(.*?)\s+(\d{1,2}|[IVX]{1,5})$/) ?? text.match(/^([A-Z]{2,5})-?(\d{1,2})\b/)
  if (match?.[1] && match[2]) {
    const value = /^\d+$/.test(match[2]) ? Number(match[2]) : romanValue(match[2])
    if (value !== null) return { system: `t:${match[1].toLowerCase()}`, value }
  }
  const level = text.match(
    /\b(entry|trainee|basic|developmental|intermediate|journey|full[- ]performance|advanced|senior|expert|lead)\b(?:\s+\w+)?\s+level\b/i,
  )
  if (level?.[1]) {
    const value = competency[level[1].toLowerCase().replace('-', ' ')] ?? competency[level[1].toLowerCase()]
    if (value !== undefined) return { system: 'w', value }
  }
  const word = competency[text.toLowerCase()]
  return word === undefined ? null : { system: 'w', value: word }
}

function publicKeyOf(job: JobEvidence): RankKey | null {
  const grade = job.publicGrade?.value
  return grade ? { system: `p:${grade.system}`, value: grade.point } : null
}

/** A job code of a numbered series ("MADF05"): its prefix and number. */
function codeKeyOf(code: string | null): RankKey | null {
  const match = code?.match(/^([A-Z]{1,5})-?(\d{1,4})$/)
  return match?.[1] && match[2] ? { system: `c:${match[1]}`, value: Number(match[2]) } : null
}

/**
 * The rung of each job in its ladder, where the text orders it; null where it does not. Grades
 * first, then job codes numbered one after another (a series coded MADF01 … MADF11 is in that
 * order; codes far apart say nothing), then the level numeral of a common title, then public grades.
 */
export function ladderRanks(evidence: JobEvidence[]): (number | null)[] {
  for (const keyOf of [
    (job: JobEvidence) => gradeKeyOf(job.grade),
    (job: JobEvidence) => codeKeyOf(job.jobCode),
    (job: JobEvidence) => titleKeyOf(job.title),
    publicKeyOf,
  ]) {
    const keys = evidence.map(keyOf)
    const counts = new Map<string, Set<number>>()
    for (const key of keys) if (key) counts.set(key.system, (counts.get(key.system) ?? new Set()).add(key.value))
    const system = [...counts].sort((a, b) => b[1].size - a[1].size)[0]
    if (!system || system[1].size < 2) continue
    if (system[0].startsWith('c:')) {
      const values = [...system[1]]
      if (Math.max(...values) - Math.min(...values) > 2 * values.length) continue
    }
    return keys.map((key) => (key && key.system === system[0] ? key.value : null))
  }
  return evidence.map(() => null)
}

function widen(proposal: Proposal) {
  const band = proposal.seniority.band
  band.min = Math.min(band.min, proposal.seniority.point)
  band.max = Math.max(band.max, proposal.seniority.point)
}

/** How far apart two rungs of a series given only by titles are placed. */
const rungStep = 2 / 3

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 3
}

function move(job: Proposal, to: number, why: string) {
  if (to === job.seniority.point) return
  job.adjustments.push(
    `${to > job.seniority.point ? 'raised' : 'lowered'} from ${job.seniority.point} to ${to}: ${why}`,
  )
  job.seniority.point = to
  widen(job)
}

/** Makes the jobs of one ladder (one employer's series) respect the order its text gives them. */
function enforceWithin(proposals: Proposal[], evidence: JobEvidence[], reach: number): void {
  const ranks = ladderRanks(evidence)
  const rungs = [...new Set(ranks.filter((rank): rank is number => rank !== null))].sort((a, b) => a - b)
  if (rungs.length < 2) return
  const blind = (index: number) => (proposals[index]?.factors.length ?? 0) === 0 && ranks[index] !== null
  const members = (rung: number, withEvidence = true) =>
    proposals.filter((_, index) => ranks[index] === rung && (!withEvidence || !blind(index)))
  // Jobs the text gives nothing but their rung: placed by the rung alone.
  const informed = rungs.filter((rung) => members(rung).length > 0)
  const blindRungs = rungs.filter((rung) => members(rung).length === 0)
  proposals.forEach((job, index) => {
    if (!blind(index)) return
    const rank = ranks[index] as number
    let point: number
    let why: string
    if (informed.length === 0) {
      point = Math.min(7, 1 + blindRungs.indexOf(rank))
      why = `placed by its rank alone (rung ${blindRungs.indexOf(rank) + 1} of ${blindRungs.length} in the text's order, one point a rung from the bottom of the scale): the text gives no evidence beyond its grade`
    } else {
      const below = informed.filter((rung) => rung < rank)
      const above = informed.filter((rung) => rung > rank)
      const typical = (rung: number) => median(members(rung).map((member) => member.seniority.point))
      point = below.length > 0 ? typical(below.at(-1) as number) : typical(above[0] as number)
      why = `placed at its ladder neighbours' typical point: the text gives no evidence beyond its grade`
    }
    job.seniority = { point, band: { min: Math.max(1, point - 1), max: Math.min(7, point + 1) } }
    job.score = point
    job.ownPoint = point
    job.adjustments.push(why)
    job.flags.push({ code: 'placed-by-ladder', detail: why, quotes: [] })
  })
  // Rungs whose jobs the text gives only a title (its words, its noun, a grade) are placed by their
  // rank around what those titles say, two thirds of a point a rung: a series of titles alone is
  // ordered, not stretched over the scale.
  const thin = (index: number) =>
    ranks[index] !== null &&
    !blind(index) &&
    (proposals[index]?.factors ?? []).every((factor) =>
      ['title', 'role', 'grade', 'numeral', 'pay'].includes(factor.factor),
    )
  const thinRungs = rungs.filter(
    (rung) => members(rung).length > 0 && members(rung).every((job) => thin(proposals.indexOf(job))),
  )
  if (thinRungs.length >= 2) {
    const informedRungs = rungs.filter((rung) => members(rung).length > 0 && !thinRungs.includes(rung))
    const position = (rung: number) => rungs.indexOf(rung)
    const centre =
      informedRungs.length > 0
        ? null
        : thinRungs.reduce((sum, rung) => sum + median(members(rung).map((job) => job.score)), 0) / thinRungs.length
    const middle = thinRungs.reduce((sum, rung) => sum + position(rung), 0) / thinRungs.length
    for (const rung of thinRungs) {
      let value: number
      if (centre !== null) value = centre + (position(rung) - middle) * rungStep
      else {
        const nearest = informedRungs.reduce((best, other) =>
          Math.abs(position(other) - position(rung)) < Math.abs(position(best) - position(rung)) ? other : best,
        )
        value =
          median(members(nearest).map((job) => job.seniority.point)) + (position(rung) - position(nearest)) * rungStep
      }
      const point = Math.min(7, Math.max(1, Math.round(value)))
      for (const job of members(rung)) {
        if (point === job.seniority.point) continue
        const why = `placed by its rank in a series the text gives little more than titles for (${rungStep.toFixed(2)} of a point a rung)`
        move(job, point, why)
        job.flags.push({ code: 'placed-by-ladder', detail: why, quotes: [] })
      }
    }
  }
  // Each rung at least the typical point of the rung below, each within its reach of its own evidence.
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 1; k < rungs.length; k++) {
      const lower = members(rungs[k - 1] as number, false)
      const upper = members(rungs[k] as number, false)
      if (lower.length === 0 || upper.length === 0) continue
      const floor = median(lower.map((job) => job.seniority.point))
      const ceiling = median(upper.map((job) => job.seniority.point))
      const lowerTitle = lower[0]?.title ?? ''
      const upperTitle = upper[0]?.title ?? ''
      if (ceiling >= floor) {
        // Rungs in order; a single job of the higher rung below the lower rung's typical point is raised.
        for (const job of upper) {
          if (job.seniority.point >= floor) continue
          const to = Math.min(floor, job.ownPoint + reach)
          move(job, to, `it ranks above ${lowerTitle} in the text`)
        }
        continue
      }
      // The higher rung reads below the lower: meet between, each no further than its reach, and
      // both flagged, since a lower rung reading higher often means one text holds another job's.
      const middle = Math.ceil((floor + ceiling) / 2)
      const disagree = (job: Proposal, other: string) => {
        if (job.flags.some((flag) => flag.code === 'ladder-disagrees')) return
        job.flags.push({
          code: 'ladder-disagrees',
          detail: `its own evidence reads ${job.ownPoint}, out of order with ${other} on its ladder: moved ${Math.abs(job.seniority.point - job.ownPoint)} point toward it; check both texts`,
          quotes: [],
        })
      }
      for (const job of upper)
        if (job.seniority.point < middle) {
          move(job, Math.min(middle, job.ownPoint + reach), `it ranks above ${lowerTitle} in the text`)
          disagree(job, lowerTitle)
        }
      for (const job of lower)
        if (job.seniority.point > middle) {
          move(job, Math.max(middle, job.ownPoint - reach), `it ranks below ${upperTitle} in the text`)
          disagree(job, upperTitle)
        }
    }
  }
  // What the reach could not mend is flagged on both rungs.
  for (let k = 1; k < rungs.length; k++) {
    const lower = members(rungs[k - 1] as number, false)
    const upper = members(rungs[k] as number, false)
    if (lower.length === 0 || upper.length === 0) continue
    const floor = median(lower.map((job) => job.seniority.point))
    for (const job of upper) {
      if (job.seniority.point >= floor) continue
      const detail = `its own evidence reads ${job.ownPoint}, below ${lower[0]?.title} (typically ${floor}), a lower rung of its ladder: check both texts`
      if (!job.flags.some((flag) => flag.code === 'ladder-disagrees'))
        job.flags.push({ code: 'ladder-disagrees', detail, quotes: [] })
    }
  }
}

/**
 * Makes the proposals of one submission respect the order its text gives them, ladder by ladder:
 * jobs the split put with another employer or series are ranked only among themselves.
 */
export function enforceLadder(
  proposals: Proposal[],
  evidence: JobEvidence[],
  texts: string[],
  model: LevelingModel,
): void {
  const reach = model.rules.ladderReach?.points ?? 1
  const groups = new Map<string, number[]>()
  evidence.forEach((job, index) => {
    const group = job.group ?? ''
    groups.set(group, [...(groups.get(group) ?? []), index])
  })
  for (const members of groups.values()) {
    enforceWithin(
      members.map((index) => proposals[index] as Proposal),
      members.map((index) => evidence[index] as JobEvidence),
      reach,
    )
  }
  // Management sits at the rules' minimum whatever its ladder (the scale's lowest points hold no managers).
  const minimum = model.rules.managementMinimum.point
  for (const job of proposals)
    if (job.track === 'management' && job.seniority.point < minimum) move(job, minimum, 'it is management')
  // A job that supervises or manages the holders of another job of its employer sits at least at that job's point.
  proposals.forEach((boss, index) => {
    if (boss.track !== 'management') return
    const text = (texts[index] ?? '').toLowerCase()
    proposals.forEach((job, other) => {
      if (other === index || job.track === 'management' || job.title.length < 6) return
      if ((evidence[other]?.group ?? '') !== (evidence[index]?.group ?? '')) return
      const escaped = job.title.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      if (
        !new RegExp(
          `(?:supervis\\w*|manag\\w*|lead\\w*|direct\\w*)[^.;]{0,80}(?:^|[^a-z0-9])${escaped}(?![a-z0-9])`,
        ).test(text)
      )
        return
      if (boss.seniority.point < job.seniority.point)
        move(boss, Math.min(job.seniority.point, boss.ownPoint + reach), `it leads ${job.title}`)
    })
  })
}
