// JSON request bodies. Fastify's own parser refuses a body holding a `__proto__` key (or a
// `constructor` with a `prototype`), rightly, but says only "not valid JSON"; this parser refuses the
// same bodies and says what is wrong.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem } from '../problems.js'

/** The JSON pointer of the first key that could poison a prototype, or undefined. */
function poisonedKey(value: unknown, pointer = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key]
    const here = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
    if (key === '__proto__') return here
    if (key === 'constructor' && child !== null && typeof child === 'object' && Object.hasOwn(child, 'prototype')) {
      return `${here}/prototype`
    }
    const found = poisonedKey(child, here)
    if (found) return found
  }
  return undefined
}

export function parseJsonBody(body: string): unknown {
  if (body.length === 0) throw HttpProblem.of('bad-request', 'The request body is empty; a JSON body is expected.')
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (error) {
    throw HttpProblem.of('bad-request', `The request body is not valid JSON: ${(error as Error).message}.`)
  }
  // Only a body whose text names one of the keys needs the walk.
  if (body.includes('__proto__') || body.includes('"constructor"')) {
    const pointer = poisonedKey(parsed)
    if (pointer) {
      throw HttpProblem.of(
        'bad-request',
        `The JSON body holds the key at ${pointer}, which could change an object's prototype and is refused. Rename or remove it.`,
        { errors: [{ location: 'body', path: pointer, message: 'forbidden prototype key' }] },
      )
    }
  }
  return parsed
}

export default fp(
  async function jsonBody(app: FastifyInstance) {
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
        try {
          done(null, parseJsonBody(typeof body === 'string' ? body : body.toString('utf8')))
        } catch (error) {
          done(error as Error)
        }
      },
    )
  },
  { name: 'json-body' },
)
