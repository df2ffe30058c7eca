// The baseline of the benchmark: a bare Fastify hello-world route, started the way the levelmap
// server is (its own process, 127.0.0.1, no request logging).
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
