// The benchmark (npm run bench; npm run bench -- --synthetic). In one run it starts a bare Fastify
// hello-world server and the built levelmap server (node dist/server.js), each in its own process
// on 127.0.0.1, drives them with autocannon from this process for a bounded time, and prints each
// figure against its target:
//   GET /v1/crosswalk?from=harvard&grade=57   throughput ≥ 0.8 × hello world
//   GET /v1/levels?limit=50                   throughput ≥ 0.5 × hello world
//   POST /v1/crosswalk/batch, 10,000 items    median round trip ≤ 150 ms, server time ≤ 100 ms
//   cold start to the first answered request ≤ 1 s; RSS of the levelmap process after the run.
// Each GET is measured from the answer cache (the default), plain and compressed, and with the
// answer cache off.
// --synthetic loads the five real institutions plus 995 generated ones with 25 jobs each
// (written to a scratch folder, removed afterwards). Targets are checked here, not by npm test.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { freePort, root } from '../helpers/server.js'
import { writeSyntheticData } from './synthetic.js'

const synthetic = process.argv.includes('--synthetic')
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = 10

interface Server {
  child: ChildProcess
  base: string
  /** Milliseconds from spawn to the first answered request. */
  startup: number
}

async function start(command: string[], env: Record<string, string>, probe: string): Promise<Server> {
  const port = await freePort()
  const began = performance.now()
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const base = `http://127.0.0.1:${port}`
  const deadline = began + 120_000
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited: ${stderr}`)
    try {
      const response = await fetch(`${base}${probe}`)
      await response.arrayBuffer()
      if (response.ok) return { child, base, startup: performance.now() - began }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  child.kill('SIGKILL')
  throw new Error(`${command.join(' ')} did not answer ${probe}: ${stderr}`)
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve()
    server.child.once('exit', () => resolve())
    server.child.kill('SIGTERM')
  })
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kib / 1024
}

interface Throughput {
  rps: number
  p50: number
  bytes: number
  /** CPU time the server process spent per request, in microseconds. */
  cpu: number
}

/** User + system CPU time of a process so far, in milliseconds (Linux /proc, 100 ticks a second). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * 10
}

async function throughput(server: Server, path: string, headers: Record<string, string> = {}): Promise<Throughput> {
  const url = `${server.base}${path}`
  const before = cpuMs(server.child.pid)
  const result = await autocannon({ url, connections, duration: seconds, headers })
  const used = cpuMs(server.child.pid) - before
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    bytes: result.throughput.average / result.requests.average,
    cpu: (used * 1000) / result.requests.total,
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Round trips of one batch, sequentially, for at most `budget` ms (and at least 5 runs). */
async function batchRoundTrips(base: string, body: string, budget: number) {
  const client: number[] = []
  const server: number[] = []
  let bytes = 0
  const began = performance.now()
  while (client.length < 5 || (performance.now() - began < budget && client.length < 40)) {
    const sent = performance.now()
    const response = await fetch(`${base}/v1/crosswalk/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const text = await response.text()
    client.push(performance.now() - sent)
    if (response.status !== 200) throw new Error(`batch answered ${response.status}: ${text.slice(0, 300)}`)
    bytes = text.length
    server.push(Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]))
  }
  return { client: median(client), server: median(server), runs: client.length, bytes }
}

const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(58)} ${value.padStart(16)}  ${target}`)
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target')

async function main() {
  if (!existsSync(join(root, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run npm run build')
  const scratch = mkdtempSync(join(tmpdir(), 'levelmap-bench-'))
  // All load comes from one client address: per-client rate limits would answer 429, so they are
  // off. Load shedding is off too: the benchmark measures capacity past the point where a
  // production instance would start answering 503 (the 4 MiB answers of --synthetic get there).
  const env: Record<string, string> = {
    LEVELMAP_DB: join(scratch, 'levelmap.sqlite'),
    RATE_LIMIT_READ: '0',
    RATE_LIMIT_WRITE: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0',
  }
  let dataset = 'data/ (5 institutions, 24 jobs)'
  if (synthetic) {
    const dataDir = join(scratch, 'data')
    const made = writeSyntheticData(join(root, 'data'), dataDir, 995)
    env.LEVELMAP_DATA_DIR = dataDir
    dataset = `synthetic (5 real + ${made.institutions} generated institutions, ${made.jobs + 24} jobs)`
  }
  console.log(`levelmap benchmark: ${dataset}; autocannon ${connections} connections × ${seconds} s per route`)
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`)

  const crosswalkUrl = '/v1/crosswalk?from=harvard&grade=57'
  const servers: Server[] = []
  try {
    // Cold starts: a new database (migrated and loaded from the data files), then the same file again.
    const fresh = await start(['dist/server.js'], env, crosswalkUrl)
    await stop(fresh)
    const levelmap = await start(['dist/server.js'], env, crosswalkUrl)
    servers.push(levelmap)
    const hello = await start(['--import', 'tsx', 'test/bench/hello-server.ts'], {}, '/')
    servers.push(hello)

    const baseline = await throughput(hello, '/')
    // Each GET three ways: from the answer cache as autocannon asks (no Accept-Encoding), from the
    // cache as browsers and fetch() ask (compressed), and with the cache off (the handler answers).
    const compressed = { 'accept-encoding': 'gzip, deflate, br' }
    const routes = [
      { path: crosswalkUrl, target: 0.8 },
      { path: `${crosswalkUrl}&to=columbia`, target: undefined },
      { path: '/v1/levels?limit=50', target: 0.5 },
    ]
    const cachedRuns: { plain: Throughput; compressed: Throughput }[] = []
    for (const route of routes) {
      cachedRuns.push({
        plain: await throughput(levelmap, route.path),
        compressed: await throughput(levelmap, route.path, compressed),
      })
    }
    const uncachedServer = await start(['dist/server.js'], { ...env, LEVELMAP_ANSWER_CACHE_MB: '0' }, crosswalkUrl)
    servers.push(uncachedServer)
    const uncachedRuns: Throughput[] = []
    for (const route of routes) uncachedRuns.push(await throughput(uncachedServer, route.path))
    await stop(uncachedServer)

    const rssBeforeBatch = rssMiB(levelmap.child.pid)
    const meta = (await (await fetch(`${levelmap.base}/v1/meta`)).json()) as { counts: { institutions: number } }
    // Batch items: every level by id, by grade and by job code, and raw seniorities.
    const pool: object[] = []
    const levelList = (await (await fetch(`${levelmap.base}/v1/levels?format=ndjson`)).text())
      .trimEnd()
      .split('\n')
      .map(
        (text) =>
          JSON.parse(text) as { id: string; institution: string; jobCode: string | null; grade: { code: string } },
      )
    for (const level of levelList) {
      pool.push({ level: level.id })
      pool.push({ from: level.institution, grade: level.grade.code })
      if (level.jobCode) pool.push({ from: level.institution, jobCode: level.jobCode })
    }
    for (let value = 1; value <= 7; value += 0.5) pool.push({ seniority: value })
    // Spread over the whole pool, so that on the synthetic data most items are distinct.
    const stride = Math.max(1, Math.floor(pool.length / 10_000))
    const items = Array.from({ length: 10_000 }, (_, index) => pool[(index * stride) % pool.length])
    const distinct = new Set(items.map((item) => JSON.stringify(item))).size
    const oneTarget = await batchRoundTrips(levelmap.base, JSON.stringify({ items, to: ['columbia'] }), 8_000)
    const allTargets =
      meta.counts.institutions <= 10
        ? await batchRoundTrips(levelmap.base, JSON.stringify({ items }), 8_000)
        : undefined
    const rss = rssMiB(levelmap.child.pid)

    const ratio = (value: number) => value / baseline.rps
    const row = (label: string, run: Throughput, target: number | undefined) =>
      line(
        label,
        `${run.rps.toFixed(0)} req/s ${ratio(run.rps).toFixed(2)} ×`,
        `${(run.bytes / 1024).toFixed(1)} KiB, server CPU ${run.cpu.toFixed(0)} µs/req${target ? `; target ≥ ${target} ×: ${verdict(ratio(run.rps) >= target)}` : ''}`,
      )
    line('hello world GET /', `${baseline.rps.toFixed(0)} req/s`, `server CPU ${baseline.cpu.toFixed(0)} µs/req`)
    routes.forEach((route, index) => {
      const cachedRun = cachedRuns[index] as (typeof cachedRuns)[number]
      line(`GET ${route.path}`, '')
      row('  answer cache', cachedRun.plain, route.target)
      row('  answer cache, Accept-Encoding: gzip, deflate, br', cachedRun.compressed, route.target)
      row('  answer cache off', uncachedRuns[index] as Throughput, route.target)
    })
    line(`POST /v1/crosswalk/batch, 10,000 items (${distinct} distinct), to=columbia`, '')
    line(
      '  median round trip (ms)',
      oneTarget.client.toFixed(1),
      `target ≤ 150: ${verdict(oneTarget.client <= 150)} (${oneTarget.runs} runs, ${(oneTarget.bytes / 1e6).toFixed(1)} MB)`,
    )
    line('  median server time (ms)', oneTarget.server.toFixed(1), `target ≤ 100: ${verdict(oneTarget.server <= 100)}`)
    if (allTargets) {
      line('POST /v1/crosswalk/batch, 10,000 items, every other institution', '')
      line(
        '  median round trip (ms)',
        allTargets.client.toFixed(1),
        `target ≤ 150: ${verdict(allTargets.client <= 150)} (${allTargets.runs} runs, ${(allTargets.bytes / 1e6).toFixed(1)} MB)`,
      )
      line(
        '  median server time (ms)',
        allTargets.server.toFixed(1),
        `target ≤ 100: ${verdict(allTargets.server <= 100)}`,
      )
    } else {
      line(
        'POST /v1/crosswalk/batch, every other institution',
        'not run',
        `(${meta.counts.institutions - 1} targets per item)`,
      )
    }
    line(
      'cold start, new database, to first answer (ms)',
      fresh.startup.toFixed(0),
      `target ≤ 1000: ${verdict(fresh.startup <= 1000)}`,
    )
    line(
      'cold start, existing database, to first answer (ms)',
      levelmap.startup.toFixed(0),
      `target ≤ 1000: ${verdict(levelmap.startup <= 1000)}`,
    )
    line('levelmap RSS after the GETs, after the batches (MiB)', `${rssBeforeBatch.toFixed(0)}, ${rss.toFixed(0)}`)
  } finally {
    await Promise.all(servers.map(stop))
    rmSync(scratch, { recursive: true, force: true })
  }
}

await main()
