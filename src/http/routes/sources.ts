// The source documents every placement quotes: a reader can open the text a rationale cites.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Catalog } from '../../catalog/model.js'
import { citedFiles } from '../../documents/validate.js'
import { HttpProblem } from '../problems.js'
import { contentTypes } from '../representations/media.js'
import { problemResponses } from '../schemas/common.js'
import { SourceListSchema, SourceParamsSchema, SourceSchema } from '../schemas/source.js'

const citations = new WeakMap<Catalog, Map<string, string[]>>()

/**
 * Institutions whose documents name `file` (as their source or in a quote), by slug: worked out
 * once per catalog, not per request.
 */
function citedBy(catalog: Catalog, file: string): string[] {
  let index = citations.get(catalog)
  if (!index) {
    index = new Map()
    for (const institution of catalog.institutions) {
      for (const named of new Set([institution.source.file, ...citedFiles(institution.document)])) {
        index.set(named, [...(index.get(named) ?? []), institution.slug])
      }
    }
    citations.set(catalog, index)
  }
  return index.get(file) ?? []
}

const sourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        operationId: 'listSources',
        summary: 'The source documents the data quotes',
        response: { 200: SourceListSchema },
      },
    },
    async () => {
      const { catalog } = app.levelmap.current
      const items = [...app.levelmap.sources]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([file, text]) => ({ file, characters: text.length, citedBy: citedBy(catalog, file) }))
      return { items, total: items.length }
    },
  )

  app.get(
    '/sources/:file',
    {
      config: { representations: ['application/json', 'text/plain'] },
      schema: {
        tags: ['sources'],
        operationId: 'getSource',
        summary: 'One source document: the text its citations quote',
        description:
          'JSON by default; `Accept: text/plain` answers the text alone. Quotes are matched with white space collapsed.',
        params: SourceParamsSchema,
        response: {
          200: {
            description: 'The source document.',
            content: {
              'application/json': { schema: SourceSchema },
              'text/plain': { schema: { type: 'string', maxLength: 1_000_000 } },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { file } = request.params
      const text = app.levelmap.sources.get(file)
      if (text === undefined) throw HttpProblem.of('unknown-source', `No source document "${file}".`)
      if (request.representation === 'text/plain') return reply.type(contentTypes['text/plain']).send(text)
      return { file, citedBy: citedBy(app.levelmap.current.catalog, file), text }
    },
  )
}

export default sourceRoutes
