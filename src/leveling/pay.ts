// The pay a posting prints for the job, in dollars a year: the low end of its range (the entry
// rate, as the least years asked are read), with hourly, biweekly and monthly rates annualized.
// Pay is not a factor of job evaluation but its consequence, and an analyst reads it as one more
// sign of where an employer places a job; it is weighed like any factor by the fit. Only dollar
// amounts are read (other currencies are not converted), and budgets and contract values are not pay.
import type { JobText } from './types.js'

const amount = /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,4}))?\s*(k\b)?/g
/** A range: "$A - $B", "$A to $B", "$A to - $B". */
const range = new RegExp(`${amount.source}\\s*(?:-|–|—|to\\s*-?|and)\\s*${amount.source}`, 'g')
const hourly = /\b(?:hourly|per\s+hour|an\s+hour|\/\s*h(?:ou)?r|hr\b|p\/h)/i
const biweekly = /\b(?:bi-?weekly|per\s+pay\s+period|fortnightly)/i
const monthly = /\b(?:monthly|per\s+month|\/\s*mo(?:nth)?\b|mo\b)/i
const annual = /\b(?:annual(?:ly)?|yearly|per\s+(?:year|annum)|a\s+year|\/\s*y(?:ea)?r)\b/i
const notPay =
  /\b(?:budget|revenue|contract|grant|million|billion|fund(?:s|ing)?|bonus|stipend|allowance|reimburse\w*|fee|cost|worth|value|sales|spend\w*|asset)s?\b/i

function amountOf(whole: string, cents: string | undefined, thousands: string | undefined): number {
  let value = Number(whole.replace(/,/g, '')) + (cents ? Number(`0.${cents}`) : 0)
  if (thousands) value *= 1000
  return value
}

/** How many of a period make a year: the period the line names around the amount, else the amount's size. */
function periodsOf(value: number, before: string, after: string): number {
  const near = after.slice(0, 40)
  const line = before.slice(before.lastIndexOf('\n') + 1)
  for (const [pattern, count] of [
    [hourly, 2080],
    [biweekly, 26],
    [monthly, 12],
    [annual, 1],
  ] as const) {
    if (pattern.test(near)) return count
  }
  for (const [pattern, count] of [
    [biweekly, 26],
    [hourly, 2080],
    [monthly, 12],
    [annual, 1],
  ] as const) {
    if (pattern.test(line.slice(-60))) return count
  }
  if (value < 150) return 2080
  if (value < 15_000) return 12
  return 1
}

/** The lowest annual pay the job's first lines print, or null where they print none in dollars. */
export function readPay(job: JobText): { annual: number; at: number; end: number } | null {
  const head = job.text.slice(0, 3000)
  let best: { annual: number; at: number; end: number } | null = null
  const consider = (value: number, start: number, end: number) => {
    const before = head.slice(Math.max(0, start - 80), start)
    const after = head.slice(end, end + 60)
    if (notPay.test(before.slice(-60)) || notPay.test(after.slice(0, 25))) return
    const yearly = value * periodsOf(value, before, after)
    if (yearly < 15_000 || yearly > 400_000) return
    if (!best || yearly < best.annual) best = { annual: Math.round(yearly), at: start, end }
  }
  const inRange: [number, number][] = []
  for (const match of head.matchAll(range)) {
    const low = amountOf(match[1] as string, match[2], match[3])
    // A range's two ends are paid by the same period: the one named after it, or the low end's size.
    consider(low, match.index, match.index + match[0].length)
    inRange.push([match.index, match.index + match[0].length])
  }
  for (const match of head.matchAll(amount)) {
    if (inRange.some(([from, to]) => match.index >= from && match.index < to)) continue
    consider(amountOf(match[1] as string, match[2], match[3]), match.index, match.index + match[0].length)
  }
  return best
}
