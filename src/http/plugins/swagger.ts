// OpenAPI 3.1 generated from the route schemas, served at /openapi.json and browsable at /docs.
// The same document is committed as openapi/openapi.json (npm run openapi:write).
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { InstitutionDocumentComponent } from '../../documents/schema.js'
import { ProblemSchema } from '../schemas/common.js'
import { bound } from './api-contract.js'

export const apiVersion = '1.0.0'

export default fp(
  async function openapi(app: FastifyInstance) {
    bound(ProblemSchema)
    app.addSchema(ProblemSchema)
    app.addSchema(InstitutionDocumentComponent)
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'levelmap',
          version: apiVersion,
          description:
            'Job levels of five institutions placed on one normalized seniority scale, and the crosswalk between them. Every placement cites its source document.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        // x-internal: false declares the API public (an OWASP inventory rule asks for it).
        servers: [
          { url: '/', description: 'This service, as deployed (local or production)', 'x-internal': false } as {
            url: string
            description: string
          },
        ],
        tags: [
          { name: 'crosswalk', description: 'Map a level at one institution to the others.' },
          { name: 'scale', description: 'The normalized seniority scale.' },
          { name: 'institutions', description: 'Institutions, their grades and sources.' },
          { name: 'families', description: 'Job families.' },
          { name: 'levels', description: 'Job levels (jobs).' },
          { name: 'changes', description: 'The change log of writes.' },
          {
            name: 'leveling',
            description: 'Propose where a new employer’s jobs sit on the scale, from its job descriptions.',
          },
          { name: 'meta', description: 'Health, readiness and problem types.' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key from `npm run keys -- create --name <who> --scope write`, sent as `Authorization: Bearer <key>`. Reads need no key; writes need scope `write`.',
            },
          },
        },
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
