// One paragraph per proposal that an analyst can check: the point and band, which factor decided
// it, what pulled it up or down, the rules and ladder moves applied, and what the text left unsaid.
import type { Proposal } from './types.js'

const factorNames: Record<string, string> = {
  experience: 'experience',
  education: 'education',
  supervision: 'supervision received',
  complexity: 'complexity',
  tier: 'support tier',
  reports: "the superior's rank",
  leadership: 'leadership',
  scope: 'scope',
  level: 'the level the text names',
  title: "the title's seniority word",
  role: 'the kind of job the title names',
  grade: 'the grade of a public pay system',
  pay: 'the pay printed with the job',
  numeral: "the level numeral of the title's series",
}

const allFactors = Object.keys(factorNames)

function quoted(proposal: Proposal, factor: string): string {
  const reading = proposal.factors.find((candidate) => candidate.factor === factor)
  const quote = reading?.evidence[0]?.quote
  if (!quote) return ''
  const short = quote.length > 90 ? `${quote.slice(0, 87).replace(/\s+\S*$/, '')}…` : quote
  return ` (“${short}”)`
}

export function writeRationale(proposal: Proposal): string {
  const { point, band } = proposal.seniority
  const factors = proposal.factors
  if (factors.length === 0) {
    return `Placed at ${point} by default: the text gives none of the factors the model reads (experience, education, supervision received, complexity, leadership, scope, a named level or a title word), so this is a guess with the lowest confidence.`
  }
  const total = factors.reduce((sum, factor) => sum + factor.weight, 0)
  const decisive = [...factors].sort((a, b) => b.weight - a.weight)[0]
  const up = factors.filter((factor) => factor.point >= point + 0.75).sort((a, b) => b.point - a.point)
  const down = factors.filter((factor) => factor.point <= point - 0.75).sort((a, b) => a.point - b.point)
  const parts: string[] = []
  const bandText = band.min === band.max ? `band ${band.min}` : `band ${band.min}–${band.max}`
  parts.push(
    `Proposed at ${point} (${bandText}) as ${proposal.track === 'management' ? 'management' : 'an individual contributor'}, from ${factors.length} of ${allFactors.length} factors.`,
  )
  if (decisive) {
    parts.push(
      `The heaviest factor is ${factorNames[decisive.factor]}, level ${decisive.level} (${decisive.descriptor.replace(/\.$/, '')}), pointing to ${decisive.point}${quoted(proposal, decisive.factor)}; it carries ${Math.round((decisive.weight / total) * 100)} % of the weight.`,
    )
  }
  if (up.length > 0) {
    parts.push(
      `Pulling up: ${up.map((factor) => `${factorNames[factor.factor]} at ${factor.point}${quoted(proposal, factor.factor)}`).join('; ')}.`,
    )
  }
  if (down.length > 0) {
    parts.push(
      `Pulling down: ${down.map((factor) => `${factorNames[factor.factor]} at ${factor.point}${quoted(proposal, factor.factor)}`).join('; ')}.`,
    )
  }
  for (const adjustment of proposal.adjustments)
    parts.push(`${adjustment.charAt(0).toUpperCase()}${adjustment.slice(1)}.`)
  if (proposal.family.family !== 'it-end-user-support')
    parts.push(
      proposal.family.family === 'other'
        ? `The job reads as work outside IT${proposal.family.words.length > 0 ? ` (${proposal.family.words.join(', ')})` : ''}: the scale was written for IT end-user support, so the point is a rough guide and its confidence is cut.`
        : `The job reads as adjacent IT work (${proposal.family.words.join(', ')}) rather than end-user support.`,
    )
  for (const flag of proposal.flags) {
    if (flag.code === 'outside-family' || flag.code === 'adjacent-family') continue
    parts.push(`To check: ${flag.detail}.`)
  }
  const absent = allFactors.filter((factor) => !factors.some((reading) => reading.factor === factor))
  if (absent.length > 0)
    parts.push(`The text says nothing the model reads about ${absent.map((factor) => factorNames[factor]).join(', ')}.`)
  return parts.join(' ')
}
