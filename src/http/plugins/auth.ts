// Bearer API keys for the write routes (reads stay public). A route asks for a scope with
// `preParsing: app.requireScope('write')`: the check runs after the rate limiter (so guessing keys
// is rate-limited like any write) and before the body is read, so a request without a valid key
// costs no parsing. Missing, malformed, unknown and revoked keys answer 401
// with WWW-Authenticate (RFC 6750); a key without the scope answers 403. The key itself is never
// logged: only its name, once it is known.
import type { FastifyInstance, FastifyReply, preParsingAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { type ApiKeyIdentity, type KeyScope, scopeAllows } from '../../db/keys.js'
import type { ProblemCode } from '../problems.js'
import { problemResponse } from '../schemas/common.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** A preParsing hook that lets the request through only with a key of this scope. */
    requireScope(scope: KeyScope): preParsingAsyncHookHandler
  }
  interface FastifyRequest {
    /** The key the request was authenticated with, on routes that require one. */
    apiKey: ApiKeyIdentity | null
  }
}

export const realm = 'levelmap'

/** The security requirement and problem responses a route that requires a key declares. */
export const bearerSecurity = [{ bearerAuth: [] }]
export const authProblemResponses = {
  401: problemResponse('No API key, a malformed Authorization header, or a key that is unknown or revoked.'),
  403: problemResponse('The API key lacks the scope this request needs.'),
}

const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i

function refuse(reply: FastifyReply, code: ProblemCode, detail: string, challenge: string) {
  return reply.header('www-authenticate', challenge).problem(code, detail)
}

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorateRequest('apiKey', null)
    app.decorate('requireScope', (scope: KeyScope): preParsingAsyncHookHandler => {
      return async function requireScope(request, reply, payload) {
        const header = request.headers.authorization
        if (header === undefined || header.trim() === '') {
          return refuse(
            reply,
            'unauthorized',
            `This request needs an API key with scope "${scope}": send Authorization: Bearer <key>.`,
            `Bearer realm="${realm}"`,
          )
        }
        const token = bearer.exec(header)?.[1]
        const key = token === undefined ? undefined : await app.store.authenticate(token)
        if (!key) {
          return refuse(
            reply,
            'unauthorized',
            token === undefined
              ? 'The Authorization header must read "Bearer <key>".'
              : 'The API key is unknown or has been revoked.',
            `Bearer realm="${realm}", error="invalid_token"`,
          )
        }
        if (!scopeAllows(key.scope, scope)) {
          return refuse(
            reply,
            'forbidden',
            `The API key "${key.name}" has scope "${key.scope}"; this request needs "${scope}".`,
            `Bearer realm="${realm}", error="insufficient_scope", scope="${scope}"`,
          )
        }
        request.apiKey = key
        return payload
      }
    })
  },
  { name: 'auth', dependencies: ['store', 'errors'] },
)
