import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { HttpProblem, problemTypes } from '../problems.js'
import { problemResponse } from '../schemas/common.js'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database is open and the crosswalk index is built',
        response: {
          200: Type.Object(
            { status: Type.Literal('ready'), dataVersion: Type.String(), levels: Type.Integer() },
            { additionalProperties: false },
          ),
          503: problemResponse('Not ready: starting, stopping, or the store is closed or unreachable.'),
        },
      },
    },
    async () => {
      const snapshot = app.levelmap.current
      if (app.levelmap.closing) throw HttpProblem.of('not-ready', 'The service is shutting down.')
      if (!(await app.store.reachable())) {
        throw HttpProblem.of(
          'not-ready',
          'The store is unreachable: reads are answered from memory, writes are refused.',
        )
      }
      return { status: 'ready' as const, dataVersion: snapshot.catalog.version, levels: snapshot.catalog.jobs.length }
    },
  )

  app.get(
    '/problems/:code',
    {
      schema: {
        tags: ['meta'],
        operationId: 'getProblemType',
        summary: 'Describes a problem type named in an error response',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object(
            { code: Type.String(), status: Type.Integer(), title: Type.String(), description: Type.String() },
            { additionalProperties: false },
          ),
          404: problemResponse('No such problem type.'),
        },
      },
    },
    async (request) => {
      const { code } = request.params
      const kind = Object.hasOwn(problemTypes, code) ? problemTypes[code as keyof typeof problemTypes] : undefined
      if (!kind) throw HttpProblem.of('not-found', `No problem type "${code}".`)
      return { code, ...kind }
    },
  )
}

export default healthRoutes
