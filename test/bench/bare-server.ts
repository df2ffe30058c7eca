// The baseline of the benchmark: a bare Fastify server (no hooks, no logging) in its own process on
// 127.0.0.1 that answers each recorded request with the bytes and headers levelmap answered it
// with, read from the JSON file named by BENCH_REPLAY. `GET /` answers a hello world.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

export interface Replay {
  method: 'GET' | 'POST'
  /** Path and query, as requested. */
  url: string
  status: number
  headers: Record<string, string>
  /** The answer's bytes, base64. */
  body: string
}

const replays: Replay[] = process.env.BENCH_REPLAY ? JSON.parse(readFileSync(process.env.BENCH_REPLAY, 'utf8')) : []
const answers = new Map(
  replays.map((replay) => [`${replay.method} ${replay.url}`, { ...replay, bytes: Buffer.from(replay.body, 'base64') }]),
)

const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 })
app.get('/', async () => ({ hello: 'world' }))
for (const path of new Set(replays.map((replay) => `${replay.method} ${replay.url.split('?')[0]}`))) {
  const [method, url] = path.split(' ') as [Replay['method'], string]
  app.route({
    method,
    url,
    handler: (request, reply) => {
      const answer = answers.get(`${method} ${request.url}`)
      if (!answer) return reply.code(404).send()
      return reply.code(answer.status).headers(answer.headers).send(answer.bytes)
    },
  })
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
