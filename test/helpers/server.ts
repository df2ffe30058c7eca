// Starts the real server (src/server.ts) as a child process on a free port, for end-to-end tests.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { ConfigSchema } from '../../src/config.js'

export const root = new URL('../..', import.meta.url).pathname

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface RunningServer {
  child: ChildProcess
  base: string
  /** Everything the server wrote to stdout so far (its JSON log lines). */
  stdout: () => string
}

/** Every variable the server and the command-line tools read: ConfigSchema's, and any LEVELMAP_*. */
const configured = (name: string) => name in ConfigSchema.properties || name.startsWith('LEVELMAP_')

/**
 * The environment of a child process a test starts: the caller's, without any variable the server
 * or the tools read, plus `variables`. A PORT or LEVELMAP_DB exported in the shell never reaches a
 * child, so a test's verdict does not depend on the shell it runs in.
 */
export function childEnv(variables: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !configured(name))
  return { ...Object.fromEntries(inherited), ...variables }
}

/** Environment of a test server: no load shedding or rate limits unless the test sets them. */
export const testServerEnv = { RATE_LIMIT_READ: '0', RATE_LIMIT_WRITE: '0', MAX_EVENT_LOOP_DELAY_MS: '0' }

export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: childEnv({ ...testServerEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let stdout = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`)
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base, stdout: () => stdout }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not become ready within its budget of 30 s: ${stderr}`)
}

export function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once('exit', (code) => resolve(code))
    child.kill('SIGTERM')
  })
}
