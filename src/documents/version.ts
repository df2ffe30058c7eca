// The data version: a content hash of the scale and every institution document, built from one
// digest per document so that a write re-hashes only the document it changed. Every store and
// every replica computes it the same way, so the same data gives the same version (and ETags).
import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical.js'
import {
  type InstitutionDocument,
  InstitutionDocumentSchema,
  type ScaleDocument,
  ScaleDocumentSchema,
} from './schema.js'

export function digestOf(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex')
}

export function canonicalInstitution(document: InstitutionDocument): string {
  return canonicalJson(InstitutionDocumentSchema, document)
}

export function scaleDigest(scale: ScaleDocument): string {
  return digestOf(canonicalJson(ScaleDocumentSchema, scale))
}

/** The version of the scale with these institutions (slug and document digest each, any order). */
export function combineVersion(scale: string, institutions: Iterable<{ slug: string; digest: string }>): string {
  const hash = createHash('sha256').update(scale)
  for (const { slug, digest } of [...institutions].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))) {
    hash.update(`\n${slug}:${digest}`)
  }
  return hash.digest('hex').slice(0, 16)
}

/** The version of whole documents, hashing each one (used where no digests are stored yet). */
export function dataVersion(scale: ScaleDocument, documents: readonly InstitutionDocument[]): string {
  return combineVersion(
    scaleDigest(scale),
    documents.map((document) => ({ slug: document.slug, digest: digestOf(canonicalInstitution(document)) })),
  )
}
