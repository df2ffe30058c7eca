// Soak test: mixed traffic against the built server on 127.0.0.1 for a bounded time, reporting
// errors, timeouts, latency percentiles and RSS growth after warm-up.
//   npm run soak                      (60 s, 100 connections)
//   SOAK_SECONDS=20 npm run soak      (shorter)
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { freePort, root } from '../helpers/server.js'

const seconds = Number(process.env.SOAK_SECONDS ?? 60)
const connections = Number(process.env.SOAK_CONNECTIONS ?? 100)
const warmupSeconds = Math.min(10, Math.floor(seconds / 4))

const document = JSON.parse(readFileSync(join(root, 'openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, unknown>
}
const has = (path: string) => path in document.paths

type Request = { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }
const requests: Request[] = [
  { path: '/v1/crosswalk?from=harvard&grade=57' },
  { path: '/v1/crosswalk?from=missouri&grade=IT5&track=any' },
  { path: '/v1/crosswalk?seniority=4.5' },
  { path: '/v1/levels?limit=50' },
  { path: '/v1/levels?institution=new-mexico&track=management' },
  { path: '/v1/institutions/harvard' },
  { path: '/v1/scale' },
]
if (has('/v1/search')) requests.push({ path: '/v1/search?q=senior%20tech' }, { path: '/v1/search?q=IEUP' })
if (has('/v1/crosswalk/batch')) {
  const items = Array.from({ length: 100 }, (_, i) =>
    i % 3 === 0
      ? { from: 'harvard', grade: '57' }
      : i % 3 === 1
        ? { from: 'new-mexico', jobCode: 'IEUP17' }
        : { seniority: 2 },
  )
  requests.push({
    method: 'POST',
    path: '/v1/crosswalk/batch',
    body: JSON.stringify({ items }),
    headers: { 'content-type': 'application/json' },
  })
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
}

const port = await freePort()
const database = join(mkdtempSync(join(tmpdir(), 'levelmap-soak-')), 'levelmap.sqlite')
const server = spawn(process.execPath, ['dist/server.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LEVELMAP_DB: database,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_READ: '0',
    RATE_LIMIT_WRITE: '0',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/readyz`)).ok) break
  } catch {
    // starting
  }
  await new Promise((resolve) => setTimeout(resolve, 100))
}

const samples: { at: number; rss: number }[] = []
const started = Date.now()
const sampler = setInterval(
  () => samples.push({ at: (Date.now() - started) / 1000, rss: rssKb(server.pid as number) }),
  1000,
)

const result = await autocannon({
  url: base,
  connections,
  duration: seconds,
  timeout: 10,
  requests: requests.map((request) => ({ method: request.method ?? 'GET', ...request })),
})
clearInterval(sampler)
server.kill('SIGTERM')

const afterWarmup = samples.filter((sample) => sample.at >= warmupSeconds)
const first = afterWarmup[0]?.rss ?? 0
const last = afterWarmup.at(-1)?.rss ?? 0
const peak = Math.max(...afterWarmup.map((sample) => sample.rss))
const growth = first > 0 ? ((last - first) / first) * 100 : 0
console.log(`soak: ${seconds} s, ${connections} connections, ${requests.length} request kinds, 127.0.0.1`)
console.log(`requests: ${result.requests.total} (${Math.round(result.requests.average)}/s)`)
console.log(`errors: ${result.errors}, timeouts: ${result.timeouts}, non-2xx: ${result.non2xx}`)
console.log(`latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`)
console.log(
  `rss after ${warmupSeconds} s warm-up: ${(first / 1024).toFixed(1)} MiB → ${(last / 1024).toFixed(1)} MiB at the end (peak ${(peak / 1024).toFixed(1)} MiB), growth ${growth.toFixed(1)}%`,
)
const ok = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0 && growth < 10
console.log(ok ? 'targets met: 0 errors, 0 timeouts, RSS growth under 10%' : 'targets NOT met')
process.exit(ok ? 0 : 1)
