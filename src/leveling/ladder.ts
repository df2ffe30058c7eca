// Order within a ladder: a job the text places above another (a higher grade, a higher level
// number in the same title, or a job that supervises it) is never proposed lower. Ladders are
// ranked within one employer or series (the split's groups). A rung below a lower rung is raised
// to it and flagged; the lower rung is never pulled down. Jobs the text gives only a grade are
// placed by their rung.
import { romanValue } from './text.js'
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
  const numeric = text.match(/^([A-Za-z]*)[- ]?(\d{1,4})(?:\s*-\s*\d+)?$/)
  if (numeric) return { system: `n:${(numeric[1] ?? '').toUpperCase()}`, value: Number(numeric[2]) }
  const lettered = text.match(/^([A-Z]{0,2})([A-Z])$/)
  if (lettered) return { system: `l:${lettered[1]}`, value: (lettered[2] ?? 'A').charCodeAt(0) }
  const word = competency[text.toLowerCase()]
  if (word !== undefined) return { system: 'w', value: word }
  return null
}

function titleKeyOf(title: string | null): RankKey | null {
  if (!title) return null
  const match =
    title
      .trim()
      .replace(/\s*\([^)]*\)$/, '')
      .match(/^(.*?)\s+(\d{1,2}|[IVX]{1,5})$/) ?? title.trim().match(/^([A-Z]{2,5})-?(\d{1,2})\b/)
  if (!match?.[1] || !match[2]) {
    const word = competency[title.trim().toLowerCase()]
    return word === undefined ? null : { system: 'w', value: word }
  }
  const value = /^\d+$/.test(match[2]) ? Number(match[2]) : romanValue(match[2])
  return value === null ? null : { system: `t:${match[1].toLowerCase()}`, value }
}

/** The rung of each job in its ladder, where the text orders it; null where it does not. */
export function ladderRanks(evidence: JobEvidence[]): (number | null)[] {
  for (const keyOf of [(job: JobEvidence) => gradeKeyOf(job.grade), (job: JobEvidence) => titleKeyOf(job.title)]) {
    const keys = evidence.map(keyOf)
    const counts = new Map<string, number>()
    for (const key of keys) if (key) counts.set(key.system, (counts.get(key.system) ?? 0) + 1)
    const system = [...counts].sort((a, b) => b[1] - a[1])[0]
    if (system && system[1] >= 2) return keys.map((key) => (key && key.system === system[0] ? key.value : null))
  }
  return evidence.map(() => null)
}

function widen(proposal: Proposal) {
  const band = proposal.seniority.band
  band.min = Math.min(band.min, proposal.seniority.point)
  band.max = Math.max(band.max, proposal.seniority.point)
}

function addFlag(proposal: Proposal, flag: string) {
  proposal.flags = [...(proposal.flags ?? []), flag]
}

/** Makes the jobs of one ladder (one employer's series) respect the order its text gives them. */
function enforceWithin(proposals: Proposal[], evidence: JobEvidence[]): void {
  const ranks = ladderRanks(evidence)
  const rungs = [...new Set(ranks.filter((rank): rank is number => rank !== null))].sort((a, b) => a - b)
  if (rungs.length < 2) return
  const blind = (index: number) => (proposals[index]?.factors.length ?? 0) === 0 && ranks[index] !== null
  // Jobs the text gives nothing but their rung: placed by the rung alone.
  const withEvidence = proposals.map((_, index) => index).filter((index) => ranks[index] !== null && !blind(index))
  const blindRungs = [
    ...new Set(
      proposals
        .map((_, index) => index)
        .filter(blind)
        .map((index) => ranks[index] as number),
    ),
  ].sort((a, b) => a - b)
  proposals.forEach((job, index) => {
    if (!blind(index)) return
    const rank = ranks[index] as number
    let point: number
    let why: string
    if (withEvidence.length === 0) {
      point = Math.min(7, 1 + blindRungs.indexOf(rank))
      why = `placed by its rank alone (rung ${blindRungs.indexOf(rank) + 1} of ${blindRungs.length} in the text's order, one point a rung from the bottom of the scale): the text gives no evidence beyond its grade`
    } else {
      const below = withEvidence.filter((other) => (ranks[other] as number) < rank)
      const above = withEvidence.filter((other) => (ranks[other] as number) > rank)
      const points = (list: number[]) => list.map((other) => proposals[other]?.seniority.point ?? 3)
      point = below.length > 0 ? Math.max(...points(below)) : Math.min(...points(above))
      why = `placed at its ladder neighbours' point: the text gives no evidence beyond its grade`
    }
    job.seniority = { point, band: { min: Math.max(1, point - 1), max: Math.min(7, point + 1) } }
    job.score = point
    job.adjustments.push(why)
  })
  // No job below a job of a lower rung: the higher rung is raised, never the lower one pulled down,
  // and both are flagged, since a lower rung reading higher often means its text holds another job's.
  let floor = 0
  let floorTitle = ''
  let floorGrade = ''
  for (const rung of rungs) {
    const members = proposals.filter((_, index) => ranks[index] === rung)
    for (const job of members) {
      if (job.seniority.point < floor) {
        job.adjustments.push(`raised from ${job.seniority.point} to ${floor}: it ranks above ${floorTitle} in the text`)
        addFlag(job, `its own evidence read lower than ${floorTitle}, a lower rung of its ladder: check both texts`)
        job.seniority.point = floor
        widen(job)
      } else if (
        job.seniority.point === floor &&
        floor > 0 &&
        floorGrade !== '' &&
        job.grade !== floorGrade &&
        job.grade
      ) {
        job.adjustments.push(`shares point ${floor} with ${floorTitle}, though its grade ranks higher`)
      }
    }
    for (const job of members) {
      if (job.seniority.point > floor) {
        floor = job.seniority.point
        floorTitle = job.title
        floorGrade = job.grade ?? ''
      }
    }
  }
}

/**
 * Makes the proposals of one submission respect the order its text gives them, ladder by ladder:
 * jobs the split put with another employer or series are ranked only among themselves.
 */
export function enforceLadder(proposals: Proposal[], evidence: JobEvidence[], texts: string[]): void {
  const groups = new Map<string, number[]>()
  evidence.forEach((job, index) => {
    const group = job.group ?? ''
    groups.set(group, [...(groups.get(group) ?? []), index])
  })
  for (const members of groups.values()) {
    enforceWithin(
      members.map((index) => proposals[index] as Proposal),
      members.map((index) => evidence[index] as JobEvidence),
    )
  }
  // A job that supervises or manages the holders of another job of its employer sits at least at that job's point.
  proposals.forEach((boss, index) => {
    if (boss.track !== 'management') return
    const text = (texts[index] ?? '').toLowerCase()
    proposals.forEach((job, other) => {
      if (other === index || job.track === 'management' || job.title.length < 6) return
      if ((evidence[other]?.group ?? '') !== (evidence[index]?.group ?? '')) return
      const escaped = job.title.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      if (!new RegExp(`(?:^|[^a-z0-9])${escaped}(?![a-z0-9])`).test(text)) return
      if (boss.seniority.point < job.seniority.point) {
        boss.adjustments.push(`raised from ${boss.seniority.point} to ${job.seniority.point}: it leads ${job.title}`)
        boss.seniority.point = job.seniority.point
        widen(boss)
      }
    })
  })
}
