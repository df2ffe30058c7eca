// A job's own title, job code and grade, read from its heading and the first lines of its text (a
// grade quoted in running text is another job's, or an example's), and the grade of a public pay
// system it names (data/leveling/grade-systems.json).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../paths.js'
import type { JobText, PublicGrade } from './types.js'

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The job's title from the heading the split found it by, without labels, codes and compiler's remarks. */
export function cleanTitle(heading: string): string {
  const inferred = heading.match(/\(([^()]*?)\s*--[^()]*\)/)?.[1] ?? ''
  return (
    collapse(
      heading
        .replace(/^(?:job|class|position|working|classification|role)\s*(?:title|name)\s*:?\s*/i, '')
        .replace(/\[[^\]]*\](?:\/\[[^\]]*\])*/g, ' ')
        .replace(/\((?:quoted|official|mirror|title inferred|[^)]*--[^)]*)\)/gi, ' ')
        .replace(/^[\s"“]+|[\s"”:]+$/g, ''),
    ).slice(0, 200) || collapse(inferred)
  )
}

const jobCodePattern =
  /\b(?:job\s*code|jobcode|class\s*code|class\s*(?:no\.?|number|#)|job\s*(?:no\.?|number)|position\s*(?:no\.?|number)|classification\s*(?:code|number))\s*:?\s*#?\s*([A-Z0-9][A-Za-z0-9.-]{1,15})\b|\bclass\s+(\d{3,5}[A-Z]{0,2})\b/i

/** Whether an offset of the job's text is in its own header: within its first lines, or on a short labelled line. */
function inOwnHeader(job: JobText, at: number): boolean {
  const lineIndex = (job.text.slice(0, at).match(/\n/g) ?? []).length
  const lineStart = job.text.lastIndexOf('\n', at - 1) + 1
  const lineEnd = job.text.indexOf('\n', at)
  const line = job.text.slice(lineStart, lineEnd < 0 ? job.text.length : lineEnd)
  return (lineIndex < 6 && at < 600) || collapse(line).length <= 80
}

export function readJobCode(job: JobText): string | null {
  for (const match of job.text.matchAll(new RegExp(jobCodePattern.source, 'gi'))) {
    if (!inOwnHeader(job, match.index)) continue
    const code = match[1] ?? match[2] ?? null
    if (code && /\d/.test(code)) return code.replace(/\.$/, '')
  }
  return job.heading.match(/\(#?([A-Z0-9]*\d[A-Z0-9]*[A-Z][A-Z0-9]*|[A-Z]+\d[A-Z0-9]*|\d{3,5})\)/)?.[1] ?? null
}

const gradePattern =
  /\b(?:grade\s*level|pay\s*band|pay\s*grade|salary\s*grade|salary\s*group|salary\s*range|pay\s*range|pay\s*level|hay\s*point\s*range|band|grade)\b\s*:?[ \t]*\n?[ \t]*((?:[A-Z]{1,3}[- ]?)?\d{1,3}(?:\s*-\s*\d{1,3})?[a-d]?|[A-Z]{1,3}\d{0,2})\b/

export function readGrade(job: JobText): string | null {
  const federal = job.heading.match(/^\s*((?:GS|GG|WG|SG|ZP)[- ]?\d{1,2})\b/)
  if (federal?.[1]) return federal[1].replace(/\s+/g, '-')
  for (const match of job.text.matchAll(new RegExp(gradePattern.source, 'gi'))) {
    if (!inOwnHeader(job, match.index)) continue
    const value = match[1]
    if (!value || (!/\d/.test(value) && value !== value.toUpperCase())) continue
    const before = job.text.slice(Math.max(0, match.index - 20), match.index).toLowerCase()
    if (/higher|lower|same|next|previous/.test(before)) continue
    return value.replace(/\s+/g, '')
  }
  return null
}

interface GradeSystem {
  id: string
  name: string
  pattern: string
  requires?: string
  points: Record<string, number>
}

let systems: { system: GradeSystem; pattern: RegExp; requires: RegExp | null }[] | null = null

function loadSystems() {
  if (systems) return systems
  const file = JSON.parse(readFileSync(join(packageRoot, 'data/leveling/grade-systems.json'), 'utf8')) as {
    systems: GradeSystem[]
  }
  systems = file.systems.map((system) => ({
    system,
    pattern: new RegExp(system.pattern, 'g'),
    requires: system.requires ? new RegExp(system.requires) : null,
  }))
  return systems
}

/**
 * The grade of a public pay system the job names in its title or its own header ("GS-2210-09",
 * "CL 27", "Band 6" where the text is the NHS's, "APS 5"); a range ("GS-9/11/12") reads its lowest.
 */
export function readPublicGrade(title: string, job: JobText): { grade: PublicGrade; at: number | null } | null {
  const head = job.text.slice(0, 3000)
  // A grade named as another's ("experience equivalent to GS-7", "promotion potential GS-12", "the
  // next lower grade") is not the job's.
  const another =
    /\b(?:equivalent\s+to|potential(?:\s+to)?|next\s+(?:lower|higher)|lower|higher|below|above|than|from|up\s+to|target)\s*(?:the\s+|at\s+least\s+)?(?:\S+\s+){0,2}$/i
  for (const { system, pattern, requires } of loadSystems()) {
    if (requires && !requires.test(`${title}\n${job.text.slice(0, 4000)}`)) continue
    for (const [text, offset] of [
      [title, null],
      [head, 0],
    ] as const) {
      pattern.lastIndex = 0
      const found: { key: string; at: number }[] = []
      for (const match of text.matchAll(pattern)) {
        const groups = match.groups ?? {}
        const raw = groups.el ? `el${groups.el}` : (groups.grade ?? '').toLowerCase().replace(/\s+/g, '')
        const key = /^\d+$/.test(raw) ? String(Number(raw)) : raw.replace(/^0+(?=\d)/, '')
        if (system.points[key] === undefined) continue
        if (offset !== null && another.test(text.slice(Math.max(0, match.index - 40), match.index))) continue
        found.push({ key, at: match.index })
      }
      if (found.length === 0) continue
      // In the title, the lowest grade named (a posting open at GS-9/11/12 is judged at its entry
      // grade); in the text, the first the job's own header or pay lines name.
      const chosen =
        offset === null
          ? found.reduce((best, entry) =>
              (system.points[entry.key] as number) < (system.points[best.key] as number) ? entry : best,
            )
          : (found[0] as { key: string; at: number })
      return {
        grade: { system: system.id, grade: chosen.key.toUpperCase(), point: system.points[chosen.key] as number },
        at: offset === null ? null : chosen.at,
      }
    }
  }
  return null
}
