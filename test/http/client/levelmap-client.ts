// A small integrator's program against the types openapi-typescript generates from
// openapi/openapi.json (copied beside the generated levelmap.ts by openapi-client.test.ts, which
// type-checks it with tsc and then runs it against a live server).
import createClient from 'openapi-fetch'
import type { components, paths } from './levelmap.js'

type BatchItem = components['schemas']['BatchItem']
type CrosswalkMatch = components['schemas']['CrosswalkMatch']

export async function run(baseUrl: string) {
  // The second type argument asks for JSON: each answer's data is typed as its JSON schema.
  const client = createClient<paths, 'application/json'>({ baseUrl })

  const crosswalk = await client.GET('/v1/crosswalk', {
    params: { query: { from: 'harvard', grade: '57', to: ['columbia'] } },
  })
  const match: CrosswalkMatch | undefined = crosswalk.data?.results[0]?.matches[0]
  const relation: 'exact' | 'close' | 'broad' | 'narrow' | 'related' | undefined = match?.relation

  const items: BatchItem[] = [
    { ref: 'emp-1', from: 'harvard', grade: 57 },
    { from: 'new-mexico', jobCode: 'IEUP17' },
    { level: 'columbia.service-specialist' },
    { ref: 'emp-4', seniority: 4 },
  ]
  const batch = await client.POST('/v1/crosswalk/batch', { body: { items, to: ['columbia'] } })
  const refs = batch.data?.items.map((entry) => entry.ref ?? null)
  const answered = batch.data?.items.map((entry) => ('results' in entry ? entry.results.length : 0))

  const levels = await client.GET('/v1/levels', { params: { query: { institution: 'new-mexico', limit: 2 } } })
  const total: number | undefined = levels.data?.total
  const firstTitle: string | undefined = levels.data?.items[0]?.title

  const meta = await client.GET('/v1/meta')
  const changedAt: string | null | undefined = meta.data?.changedAt

  const missing = await client.GET('/v1/levels/{id}', { params: { path: { id: 'harvard.nope' } } })

  return {
    grade: match?.grade.code,
    relation,
    refs,
    answered,
    failed: batch.data?.failed,
    total,
    firstTitle,
    link: levels.response.headers.get('link'),
    changedAt,
    missingStatus: missing.response.status,
  }
}
