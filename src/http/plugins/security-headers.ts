// Security headers on every answer (Helmet): a strict content security policy for the ladder page,
// no framing, no sniffing, HSTS. The API is meant to be read from other origins; CORS decides which.
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export default fp(
  async function securityHeaders(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      // The API is meant to be read from other origins (CORS below decides which).
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    })
  },
  { name: 'security-headers' },
)
