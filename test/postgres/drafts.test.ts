// Drafts and history on PostgreSQL with two replicas (apps built in this process) on one throwaway
// cluster: a draft created on one is read, decided and published on the other; two reviewers
// deciding on the same revision at once get one 200 and one 412, never a lost decision; the log
// names each key; the published institution reaches the first replica. Every replica lists the
// same versions of an institution and answers the same for the same asOf, and the migration's backfill gives a database written before
// history the versions the first load gives.

import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/db/postgres/store.js'
import { buildTestApp } from '../helpers/app.js'
import { eventually } from '../helpers/wait.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import { freshDatabase, variant } from './fixtures.js'

const unavailable = postgresUnavailable()

const catalog =
  'Job Title,Job Code,Pay Grade,Job Description,Years Experience\n' +
  'Help Desk Technician,HD1,12,Answers calls and resolves routine problems under close supervision.,1\n' +
  'Desktop Support Analyst,HD3,15,Resolves complex problems independently and mentors technicians.,4\n'

describe.skipIf(unavailable !== undefined)(
  `Drafts on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: Cluster
    let pool: pg.Pool
    let url: string
    const keys: string[] = []
    const apps: FastifyInstance[] = []

    beforeAll(async () => {
      cluster = await Cluster.start()
      ;({ pool, url } = await freshDatabase(cluster, 'levelmap_drafts'))
      keys.push((await createApiKey(pool, 'reviewer-a', 'write')).key)
      keys.push((await createApiKey(pool, 'reviewer-b', 'write')).key)
    }, 60_000)

    afterAll(async () => {
      try {
        await Promise.all(apps.map((app) => app.close().catch(() => {})))
        await pool?.end().catch(() => {})
      } finally {
        await stopAll()
      }
    }, 60_000)

    const replica = async () => {
      const app = await buildTestApp({ database: url })
      apps.push(app)
      return app
    }
    const as = (index: number, etag?: string) => ({
      authorization: `Bearer ${keys[index]}`,
      ...(etag ? { 'if-match': etag } : {}),
    })

    it('creates on one replica, decides and publishes on the other, losing no decision', async () => {
      const [a, b] = [await replica(), await replica()]
      const created = await a.inject({
        method: 'POST',
        url: '/v1/drafts?slug=gamma-college',
        headers: { ...as(0), 'content-type': 'text/csv' },
        payload: catalog,
      })
      expect(created.statusCode, created.body).toBe(201)
      const read = await b.inject({ method: 'GET', url: '/v1/drafts/gamma-college', headers: as(1) })
      expect(read.statusCode).toBe(200)
      expect(read.headers.etag).toBe('"r1"')

      // Two reviewers decide on revision 1 at once, one on each replica: one wins, one is told.
      const [first, second] = await Promise.all([
        a.inject({
          method: 'PATCH',
          url: '/v1/drafts/gamma-college/jobs/0',
          headers: as(0, '"r1"'),
          payload: { decision: 'accept' },
        }),
        b.inject({
          method: 'PATCH',
          url: '/v1/drafts/gamma-college/jobs/1',
          headers: as(1, '"r1"'),
          payload: { decision: 'override', point: 4, band: { min: 3, max: 4 }, reason: 'Mentors the technicians.' },
        }),
      ])
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 412])
      // The loser reads again and decides on the new revision.
      const loser = first.statusCode === 412 ? { app: a, key: 0, job: 0 } : { app: b, key: 1, job: 1 }
      const current = (
        await loser.app.inject({ method: 'GET', url: '/v1/drafts/gamma-college', headers: as(loser.key) })
      ).headers.etag as string
      const retried = await loser.app.inject({
        method: 'PATCH',
        url: `/v1/drafts/gamma-college/jobs/${loser.job}`,
        headers: as(loser.key, current),
        payload:
          loser.job === 0
            ? { decision: 'accept' }
            : { decision: 'override', point: 4, band: { min: 3, max: 4 }, reason: 'Mentors the technicians.' },
      })
      expect(retried.statusCode, retried.body).toBe(200)
      const draft = retried.json()
      expect(draft.jobs.map((job: { decision: { decision: string; by: string } }) => job.decision.decision)).toEqual([
        'accept',
        'override',
      ])
      expect(draft.jobs.map((job: { decision: { by: string } }) => job.decision.by)).toEqual([
        'reviewer-a',
        'reviewer-b',
      ])

      const published = await b.inject({
        method: 'POST',
        url: '/v1/drafts/gamma-college/publish',
        headers: as(1, retried.headers.etag as string),
        payload: {},
      })
      expect(published.statusCode, published.body).toBe(200)
      // The other replica serves the institution as published, at the override.
      await eventually(
        async () => a.levelmap.current.catalog.institutionBySlug.has('gamma-college'),
        'replica a serves it',
        {
          budgetMs: 10_000,
          everyMs: 20,
        },
      )
      const document = (await a.inject({ method: 'GET', url: '/v1/institutions/gamma-college/document' })).json()
      expect(document.jobs[1].placement).toMatchObject({ seniority: 4, min: 3, max: 4 })
      const log = (await a.inject({ method: 'GET', url: '/v1/drafts/gamma-college/log', headers: as(0) })).json().items
      expect(log.map((entry: { action: string; keyName: string }) => entry.action)).toEqual([
        'created',
        'decided',
        'decided',
        'published',
      ])
      expect(log.map((entry: { revision: number }) => entry.revision)).toEqual([1, 2, 3, 4])
    })
    it('keeps every version of an institution, the same on every replica, and backfills a database written before history', async () => {
      const [a, b] = [await replica(), await replica()]
      const document = variant('columbia', 'written for the history test')
      const write = (app: FastifyInstance) =>
        app.inject({
          method: 'PUT',
          url: '/v1/institutions/columbia',
          headers: { ...as(0), 'content-type': 'application/json' },
          payload: JSON.stringify(document),
        })
      expect((await write(a)).statusCode).toBe(200)
      // The same document again: logged, but no new version.
      expect((await write(b)).statusCode).toBe(200)
      const listed = await Promise.all(
        [a, b].map(async (app) =>
          (await app.inject({ method: 'GET', url: '/v1/institutions/columbia/versions' })).json(),
        ),
      )
      expect(listed[0]).toEqual(listed[1])
      expect(
        listed[0].items.map((item: { n: number; kind: string; keyName: string }) => [item.n, item.kind, item.keyName]),
      ).toEqual([
        [1, 'create', 'data-files'],
        [2, 'replace', 'reviewer-a'],
      ])
      const second = (await b.inject({ method: 'GET', url: '/v1/institutions/columbia/versions/2' })).json()
      expect(second.document.notes).toContain('written for the history test')
      const diff = (await a.inject({ method: 'GET', url: '/v1/institutions/columbia/diff?from=1&to=2' })).json()
      expect(diff.placementsChanged).toBe(false)

      // The same asOf answers the same on every replica: the catalog before the write, by its version.
      const loadedAt = listed[0].items[0].at as string
      const asOf = `/v1/crosswalk?from=harvard&grade=57&to=columbia&asOf=${encodeURIComponent(loadedAt)}`
      const [fromA, fromB] = await Promise.all([
        a.inject({ method: 'GET', url: asOf }),
        b.inject({ method: 'GET', url: asOf }),
      ])
      expect(fromA.statusCode, fromA.body).toBe(200)
      expect(fromB.body).toBe(fromA.body)
      expect(fromB.headers['levelmap-data-version']).toBe(fromA.headers['levelmap-data-version'])
      expect(fromA.headers['levelmap-data-version']).not.toBe(a.levelmap.current.catalog.version)
      expect(fromB.headers.etag).toBe(fromA.headers.etag)

      // The backfill the migration runs, on the documents stored now: one version 1 per institution.
      const before = await pool.query('SELECT count(*)::int AS n FROM institutions')
      await pool.query('DELETE FROM institution_versions')
      const migration = readFileSync(
        new URL('../../migrations/postgres/0004_institution_versions.sql', import.meta.url),
        'utf8',
      )
      await pool.query(migration.split('--> statement-breakpoint').at(-1) as string)
      const rows = await pool.query(
        'SELECT slug, n, digest = (SELECT canonical_sha256 FROM institutions i WHERE i.slug = v.slug) AS same FROM institution_versions v',
      )
      expect(rows.rows).toHaveLength(before.rows[0].n)
      expect(rows.rows.every((row: { n: number; same: boolean }) => row.n === 1 && row.same)).toBe(true)
    })
  },
)
