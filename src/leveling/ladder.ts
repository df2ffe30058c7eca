// Order within a ladder: a job the text places above another (a higher grade, a higher level
// number in the same title, or a job that supervises it) is never proposed lower. Points are made
// monotone by pooling adjacent violators over the ladder's rungs, then any job still below a
// lower rung is raised to it.
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

function gradeKeyOf(grade: string | null): RankKey | null {
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
  const match = title.trim().match(/^(.*?)\s+(\d{1,2}|[IVX]{1,5})$/)
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

/** Makes the proposals of one submission respect the order its text gives them. */
export function enforceLadder(proposals: Proposal[], evidence: JobEvidence[], texts: string[]): void {
  const ranks = ladderRanks(evidence)
  const rungs = [...new Set(ranks.filter((rank): rank is number => rank !== null))].sort((a, b) => a - b)
  if (rungs.length >= 2) {
    // Pool adjacent violators over the rungs' mean points, weighted by the confidence of their jobs.
    const blocks = rungs.map((rung) => {
      const members = proposals.filter((_, index) => ranks[index] === rung)
      const weight = members.reduce((sum, job) => sum + Math.max(0.05, job.confidence), 0)
      const mean = members.reduce((sum, job) => sum + Math.max(0.05, job.confidence) * job.score, 0) / weight
      return { rungs: [rung], weight, mean }
    })
    const pooled: typeof blocks = []
    for (const block of blocks) {
      pooled.push({ ...block })
      while (pooled.length >= 2) {
        const last = pooled[pooled.length - 1] as (typeof blocks)[number]
        const before = pooled[pooled.length - 2] as (typeof blocks)[number]
        if (before.mean <= last.mean) break
        const weight = before.weight + last.weight
        pooled.splice(pooled.length - 2, 2, {
          rungs: [...before.rungs, ...last.rungs],
          weight,
          mean: (before.mean * before.weight + last.mean * last.weight) / weight,
        })
      }
    }
    for (const block of pooled) {
      if (block.rungs.length < 2) continue
      for (const rung of block.rungs) {
        const original = blocks.find((candidate) => candidate.rungs[0] === rung)
        if (!original) continue
        const shift = block.mean - original.mean
        proposals.forEach((job, index) => {
          if (ranks[index] !== rung) return
          const point = Math.round(Math.min(7, Math.max(1, job.score + shift)))
          if (point !== job.seniority.point) {
            job.adjustments.push(
              `moved from ${job.seniority.point} to ${point} so that the ladder's order holds (its evidence read higher than a higher rung's)`,
            )
            job.seniority.point = point
            widen(job)
          }
        })
      }
    }
    // Whatever rounding left: no job below any job of a lower rung.
    let floor = 0
    let floorTitle = ''
    for (const rung of rungs) {
      const members = proposals.filter((_, index) => ranks[index] === rung)
      for (const job of members) {
        if (job.seniority.point < floor) {
          job.adjustments.push(
            `raised from ${job.seniority.point} to ${floor}: it ranks above ${floorTitle} in the text`,
          )
          job.seniority.point = floor
          widen(job)
        }
      }
      for (const job of members) {
        if (job.seniority.point > floor) {
          floor = job.seniority.point
          floorTitle = job.title
        }
      }
    }
  }
  // A job that supervises or manages the holders of another job sits at least at that job's point.
  proposals.forEach((boss, index) => {
    if (boss.track !== 'management') return
    const text = (texts[index] ?? '').toLowerCase()
    proposals.forEach((job, other) => {
      if (other === index || job.track === 'management' || job.title.length < 6) return
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
