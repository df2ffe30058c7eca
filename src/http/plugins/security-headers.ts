// Security headers on every answer: a strict content security policy for the ladder page, no
// framing, no sniffing, HSTS. The API is meant to be read from other origins; CORS decides which.
// The set is what Helmet sends with the options below, written out once: nothing in it depends on
// the request, so it is applied in one step instead of being rebuilt for every answer (Helmet
// parses its CSP directives on each request). The ladder page sets its own, stricter CSP.
//
//   helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"],
//     styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
//     objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"] } },
//     crossOriginResourcePolicy: { policy: 'cross-origin' } })
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export const securityHeaders: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests;connect-src 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
})

export default fp(
  async function securityHeadersPlugin(app: FastifyInstance) {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders)
      done()
    })
  },
  { name: 'security-headers' },
)
