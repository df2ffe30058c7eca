// The columns of an HRIS job catalog: which evidence field a header names. Headers are compared
// without case, spaces or punctuation ("Job Title", "job_title" and "JOB-TITLE" are one), against
// the spellings HR exports use for each field; a header that also carries a qualifier such as
// "Min", "Minimum", "Required" or "(yrs)" is read without it. A header that names no field is not
// an error: its values are kept with each job and reported, never read as evidence.
import type { StructuredField } from './structured.js'

export type ColumnField = StructuredField | 'text'

/** The spellings of each field, written as a reader would; compared in their squashed form. */
export const columnSpellings: Record<ColumnField, readonly string[]> = {
  text: [
    'text',
    'description',
    'job description',
    'position description',
    'class description',
    'summary',
    'job summary',
    'position summary',
    'purpose',
    'job purpose',
    'overview',
    'definition',
    'class definition',
  ],
  title: [
    'title',
    'job title',
    'position title',
    'class title',
    'classification title',
    'classification',
    'job name',
    'working title',
    'business title',
    'job profile',
  ],
  jobCode: [
    'job code',
    'code',
    'class code',
    'classification code',
    'job class code',
    'position code',
    'job id',
    'job number',
    'job no',
    'class number',
    'job profile code',
  ],
  grade: [
    'grade',
    'pay grade',
    'pay band',
    'salary grade',
    'salary band',
    'grade code',
    'grade level',
    'band',
    'pay scale',
    'salary plan grade',
  ],
  education: ['education', 'education level', 'degree', 'education requirement', 'education requirements'],
  experienceYears: [
    'experience years',
    'experience',
    'years',
    'years experience',
    'years of experience',
    'yrs experience',
    'years exp',
    'experience requirement',
    'experience requirements',
  ],
  supervisionReceived: ['supervision received', 'supervision', 'level of supervision', 'supervision level'],
  supportTier: ['support tier', 'tier', 'support level'],
  leads: [
    'leads',
    'leadership',
    'supervises',
    'supervisory responsibility',
    'supervisory responsibilities',
    'supervision exercised',
  ],
  duties: [
    'duties',
    'responsibilities',
    'key responsibilities',
    'duties and responsibilities',
    'essential functions',
    'essential duties',
    'examples of work',
    'typical duties',
  ],
}

const squash = (header: string) =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

const bySpelling = new Map<string, ColumnField>()
for (const [field, spellings] of Object.entries(columnSpellings) as [ColumnField, readonly string[]][]) {
  for (const spelling of spellings) bySpelling.set(squash(spelling), field)
}

/** Qualifiers a header may carry before or after a field's name ("Min Education", "Experience Required", "Years (min)"). */
const before = /^(?:minimum|min|required|req|preferred)/
const after = /(?:required|minimum|min|req)$/

/** The field a header names, or null: blank headers and unknown names alike. */
export function fieldOfHeader(header: string): ColumnField | null {
  const squashed = squash(header)
  if (squashed.length === 0) return null
  const front = squashed.replace(before, '')
  for (const candidate of [squashed, front, squashed.replace(after, ''), front.replace(after, '')]) {
    const field = candidate.length > 0 ? bySpelling.get(candidate) : undefined
    if (field) return field
  }
  return null
}
