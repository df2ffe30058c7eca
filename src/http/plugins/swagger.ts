// OpenAPI 3.1 generated from the route schemas, served at /openapi.json and browsable at /docs.
// The same document is committed as openapi/openapi.json (npm run openapi:write).
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { TSchema } from 'typebox'
import { InstitutionDocumentComponent } from '../../documents/schema.js'
import { componentDescriptions, componentMark, ProblemSchema } from '../schemas/common.js'
import { bound } from './api-contract.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The request body as the OpenAPI document declares it, when it is stricter than what the
     * server validates (a batch types each item; the server answers a bad item in its place).
     */
    documentedBody?: TSchema
  }
}

export const apiVersion = '1.0.0'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object'

/**
 * Moves every schema marked as a named component (see nameComponents) into
 * `components.schemas` and refers to it with `$ref`. A copy that differs only in its description
 * (a response describing what the schema means there) keeps its description beside the `$ref`;
 * any other difference is an error, so one name always means one schema.
 */
export function hoistComponents(document: Json): Json {
  const found = new Map<string, Json[]>()
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (!isObject(node)) return node
    const copy: Json = {}
    for (const [key, value] of Object.entries(node)) copy[key] = visit(value)
    const name = copy[componentMark]
    if (typeof name !== 'string') return copy
    delete copy[componentMark]
    found.set(name, [...(found.get(name) ?? []), copy])
    return {
      $ref: `#/components/schemas/${name}`,
      ...(copy.description === undefined ? {} : { description: copy.description }),
    }
  }
  const paths = visit(document.paths)
  const components = (document.components ?? {}) as Json
  const schemas = visit(components.schemas ?? {}) as Json
  const withoutDescription = ({ description: _description, ...rest }: Json) => JSON.stringify(rest)
  for (const [name, copies] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    const declared = componentDescriptions.get(name)
    const canonical = copies.find((copy) => copy.description === declared) ?? (copies[0] as Json)
    for (const copy of copies) {
      if (withoutDescription(copy) !== withoutDescription(canonical)) {
        throw new Error(`component ${name} appears in two different forms`)
      }
    }
    schemas[name] = { ...canonical, ...(declared === undefined ? {} : { description: declared }) }
    if (declared === undefined) delete (schemas[name] as Json).description
  }
  // A $ref that repeats its component's own description says nothing more: drop the sibling.
  const tidy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(tidy)
    if (!isObject(node)) return node
    const copy: Json = {}
    for (const [key, value] of Object.entries(node)) copy[key] = tidy(value)
    const ref = copy.$ref
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/') && Object.keys(copy).length === 2) {
      const target = schemas[ref.slice('#/components/schemas/'.length)] as Json | undefined
      if (target && copy.description === target.description) delete copy.description
    }
    return copy
  }
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)))
  return { ...document, paths: tidy(paths), components: { ...components, schemas: tidy(sorted) } }
}

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
        // An absolute URL, so a client outside a browser (Node's fetch) can use it as it is; the
        // variables name the host and port of a deployment. x-internal: false declares the API
        // public (an OWASP inventory rule asks for it).
        servers: [
          {
            url: '{scheme}://{host}:{port}',
            description:
              'A levelmap server, local or production: by default `npm start` on this machine (http://127.0.0.1:3000); set the variables for a production deployment.',
            variables: {
              scheme: { default: 'http', enum: ['http', 'https'], description: '`https` behind a TLS proxy.' },
              host: { default: '127.0.0.1', description: 'Host name or address (`HOST`).' },
              port: { default: '3000', description: 'TCP port (`PORT`).' },
            },
            'x-internal': false,
          } as { url: string; description: string },
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
          {
            name: 'drafts',
            description:
              'Onboard an employer: a leveling draft stored, reviewed job by job with reasons, and published exactly as reviewed.',
          },
          { name: 'meta', description: 'Health, readiness and problem types.' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key from `npm run keys -- create --name <who> --scope write`, sent as `Authorization: Bearer <key>`. Reads of the catalog need no key; drafts need a key (scope `read` to read them), and writes need scope `write`.',
            },
          },
        },
      },
      transform: ({ schema, url, route }) => {
        const documented = route.config?.documentedBody
        if (!documented || !schema) return { schema, url }
        bound(documented)
        return { schema: { ...schema, body: documented }, url }
      },
      transformObject: (documentObject) =>
        hoistComponents((documentObject as unknown as { openapiObject: Json }).openapiObject) as never,
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
