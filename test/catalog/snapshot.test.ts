import { describe, expect, it } from 'vitest'
import { buildCatalog } from '../../src/catalog/model.js'
import { snapshotOf, withInstitution } from '../../src/catalog/snapshot.js'
import { loadDataFiles } from '../../src/documents/files.js'
import { canonicalInstitution, dataVersion, digestOf } from '../../src/documents/version.js'
import { documentAs, seedScale } from '../helpers/documents.js'

const files = loadDataFiles()

describe('withInstitution', () => {
  const before = snapshotOf(buildCatalog(files.scale, files.institutions))
  const yale = documentAs('yale')
  const after = withInstitution(before, 'yale', { document: yale, digest: digestOf(canonicalInstitution(yale)) }, 'v2')

  it('reuses every institution it did not change, object for object', () => {
    for (const institution of before.catalog.institutions) {
      expect(after.catalog.institutionBySlug.get(institution.slug)).toBe(institution)
    }
    expect(after.catalog.institutions.map((institution) => institution.slug)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
      'yale',
    ])
    expect(after.catalog.version).toBe('v2')
  })

  it('builds the same catalog as building everything again', () => {
    const whole = buildCatalog(seedScale, [...files.institutions, yale])
    expect(after.catalog.jobs.map((job) => job.id)).toEqual(whole.jobs.map((job) => job.id))
    expect([...after.catalog.gradeById.keys()].sort()).toEqual([...whole.gradeById.keys()].sort())
    expect(whole.version).toBe(dataVersion(seedScale, [...files.institutions, yale]))
    const [result] = after.crosswalk.map({ institution: 'yale', grade: 'IT4' }, { to: ['harvard'] })
    const [expected] = snapshotOf(whole).crosswalk.map({ institution: 'yale', grade: 'IT4' }, { to: ['harvard'] })
    expect(result?.matches[0]?.grade.id).toBe(expected?.matches[0]?.grade.id)
  })

  it('drops an institution that was deleted', () => {
    const removed = withInstitution(after, 'yale', null, 'v3')
    expect(removed.catalog.institutionBySlug.has('yale')).toBe(false)
    expect(removed.catalog.jobs.some((job) => job.institution === 'yale')).toBe(false)
  })
})
