// Institution documents for write tests: copies of the seed documents, re-slugged when a new
// institution is needed. Plain functions without vitest, so the crash test's child can use them.
import { loadDataFiles } from '../../src/documents/files.js'
import type { InstitutionDocument } from '../../src/documents/schema.js'

const files = loadDataFiles()

export const seedScale = files.scale

/** A fresh, mutable copy of a seed institution's document. */
export function seedDocument(slug: string): InstitutionDocument {
  const document = files.institutions.find((candidate) => candidate.slug === slug)
  if (!document) throw new Error(`no seed institution ${slug}`)
  return structuredClone(document)
}

/** A copy of a seed document as another institution: new slug and name, ids re-prefixed. */
export function documentAs(slug: string, from = 'missouri'): InstitutionDocument {
  const document = seedDocument(from)
  const move = (id: string) => `${slug}.${id.slice(from.length + 1)}`
  return {
    ...document,
    slug,
    name: `Test institution ${slug}`,
    shortName: slug,
    families: document.families.map((family) => ({ ...family, id: move(family.id) })),
    jobs: document.jobs.map((job) => ({ ...job, id: move(job.id), family: move(job.family) })),
  }
}

/**
 * The crash test's i-th import in a round: one of three institutions, with a note naming the
 * import and one to four jobs, so a partly written institution could not pass for a whole one.
 */
export function crashDocument(round: number, i: number): InstitutionDocument {
  const document = documentAs(`crash-${i % 3}`)
  return {
    ...document,
    notes: [`crash test round ${round}, import ${i}`],
    jobs: document.jobs.slice(0, 1 + ((round + i) % document.jobs.length)),
  }
}
