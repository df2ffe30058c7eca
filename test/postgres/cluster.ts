// Throwaway PostgreSQL clusters for the tests: initdb into a fresh temporary folder, a free port on
// 127.0.0.1, trust authentication for the `postgres` superuser, started with pg_ctl and stopped
// (or killed) by the test. A streaming standby is a pg_basebackup -R of a running primary, with
// synchronous replication (synchronous_standby_names, synchronous_commit) when asked for.
// PostgreSQL refuses to run as root, so as root every server command runs as the postgres user
// (runuser) in a folder it owns. Every cluster started here is registered, and stopAll() (also run
// when the process exits) stops them and removes their folders.
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from '../helpers/server.js'

const run = promisify(execFile)

/** The folder holding initdb, pg_ctl and pg_basebackup: LEVELMAP_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string | undefined {
  const explicit = process.env.LEVELMAP_PG_BIN
  if (explicit) return existsSync(join(explicit, 'initdb')) ? explicit : undefined
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
  return versions[0] === undefined ? undefined : join(base, versions[0], 'bin')
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  const reason = whyUnavailable()
  // CI installs the server (.ci/run sets LEVELMAP_REQUIRE_POSTGRES): there a missing server is a
  // failure, never a silent skip.
  if (reason !== undefined && process.env.LEVELMAP_REQUIRE_POSTGRES === '1') {
    throw new Error(`the PostgreSQL tests are required here, but cannot run: ${reason}`)
  }
  return reason
}

function whyUnavailable(): string | undefined {
  if (findPostgresBin() === undefined) {
    return 'no PostgreSQL server binaries (no /usr/lib/postgresql/*/bin/initdb; install the postgresql package or set LEVELMAP_PG_BIN)'
  }
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' })
    } catch {
      return 'running as root and there is no postgres user to run the server as'
    }
  }
  return undefined
}

const asRoot = process.getuid?.() === 0

/** The uid and gid of the postgres user, when the server must run as it. */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (!asRoot) return undefined
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  return { uid, gid }
}

function serverCommand(bin: string, program: string, args: string[]): [string, string[]] {
  const path = join(bin, program)
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args]
}

async function runServerCommand(bin: string, program: string, args: string[], cwd: string): Promise<string> {
  const [command, commandArgs] = serverCommand(bin, program, args)
  try {
    const { stdout } = await run(command, commandArgs, { cwd, encoding: 'utf8', timeout: 120_000 })
    return stdout
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string }
    throw new Error(
      `${program} ${args.join(' ')} failed: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    )
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name is in parentheses and may hold spaces: the parent pid follows the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === pid) children.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return children
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: still waiting after its budget of ${ms} ms`)
    await sleep(50)
  }
}

export interface ClusterOptions {
  /** A database to create after the start (the `postgres` database always exists). */
  database?: string
  /** Extra postgresql.conf lines, e.g. `log_min_messages = debug1`. */
  settings?: string[]
}

export interface StandbyOptions {
  /** The standby's application_name, which synchronous_standby_names refers to. Default `standby1`. */
  name?: string
  /** Make the standby synchronous: sets synchronous_standby_names on the primary to its name. */
  synchronous?: boolean
  /** synchronous_commit on the primary when synchronous: default `remote_apply`. */
  synchronousCommit?: 'on' | 'remote_write' | 'remote_apply'
}

let clusters: Cluster[] = []

export class Cluster {
  /** The postmaster's pid while it runs. */
  pid: number | undefined
  private constructor(
    readonly bin: string,
    readonly folder: string,
    readonly port: number,
    readonly database: string,
    readonly role: 'primary' | 'standby',
  ) {}

  get dataDir(): string {
    return join(this.folder, 'data')
  }

  get logFile(): string {
    return join(this.folder, 'server.log')
  }

  /** A connection string for `database` (default: the cluster's database). */
  url(database = this.database): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`
  }

  /** The server log so far (for failure messages). */
  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : ''
  }

  /** Initializes and starts a new primary. */
  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const bin = findPostgresBin()
    if (!bin) throw new Error(postgresUnavailable())
    const cluster = new Cluster(bin, makeFolder(), await freePort(), options.database ?? 'postgres', 'primary')
    clusters.push(cluster)
    await runServerCommand(
      bin,
      'initdb',
      ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
      cluster.folder,
    )
    await appendFile(
      join(cluster.dataDir, 'postgresql.conf'),
      [
        '',
        '# throwaway test cluster',
        "listen_addresses = '127.0.0.1'",
        `port = ${cluster.port}`,
        `unix_socket_directories = '${cluster.folder}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'max_replication_slots = 5',
        'hot_standby = on',
        'max_connections = 60',
        'shared_buffers = 16MB',
        "log_line_prefix = '%m [%p] '",
        ...(options.settings ?? []),
        '',
      ].join('\n'),
    )
    await cluster.startServer()
    if (cluster.database !== 'postgres') {
      await cluster.query(`CREATE DATABASE "${cluster.database}"`, 'postgres')
    }
    return cluster
  }

  /** A streaming standby of this (running) primary, started and caught up. */
  async startStandby(options: StandbyOptions = {}): Promise<Cluster> {
    const name = options.name ?? 'standby1'
    const standby = new Cluster(this.bin, makeFolder(), await freePort(), this.database, 'standby')
    clusters.push(standby)
    await runServerCommand(
      this.bin,
      'pg_basebackup',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(this.port),
        '-U',
        'postgres',
        '-D',
        standby.dataDir,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
      ],
      standby.folder,
    )
    // The copied postgresql.conf names the primary's port and socket folder: later lines win.
    await appendFile(
      join(standby.dataDir, 'postgresql.conf'),
      [
        '',
        '# the standby',
        `port = ${standby.port}`,
        `unix_socket_directories = '${standby.folder}'`,
        "synchronous_standby_names = ''",
        '',
      ].join('\n'),
    )
    await appendFile(
      join(standby.dataDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${this.port} user=postgres application_name=${name}'\n`,
    )
    await standby.startServer()
    if (options.synchronous) {
      await this.query(`ALTER SYSTEM SET synchronous_standby_names = '${name}'`, 'postgres')
      await this.query(
        `ALTER SYSTEM SET synchronous_commit = '${options.synchronousCommit ?? 'remote_apply'}'`,
        'postgres',
      )
      await this.query('SELECT pg_reload_conf()', 'postgres')
    }
    // Streaming (and, when asked for, synchronous) before the standby is handed out.
    const deadline = Date.now() + 30_000
    for (;;) {
      const { rows } = await this.query<{ state: string; sync_state: string }>(
        'SELECT state, sync_state FROM pg_stat_replication WHERE application_name = $1',
        'postgres',
        [name],
      )
      const row = rows[0]
      if (row?.state === 'streaming' && (!options.synchronous || row.sync_state === 'sync')) break
      if (Date.now() > deadline) throw new Error(`the standby did not start streaming: ${JSON.stringify(rows)}`)
      await sleep(100)
    }
    return standby
  }

  /** Starts the server (after initdb, a stop or a kill) and waits until it accepts connections. */
  async startServer(): Promise<void> {
    await runServerCommand(
      this.bin,
      'pg_ctl',
      ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-o', `-p ${this.port}`, 'start'],
      this.folder,
    )
    const pidLine = readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]
    this.pid = Number(pidLine)
  }

  /** A clean, fast shutdown. */
  async stop(): Promise<void> {
    if (this.pid === undefined || !isAlive(this.pid)) {
      this.pid = undefined
      return
    }
    await runServerCommand(
      this.bin,
      'pg_ctl',
      ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'],
      this.folder,
    )
    this.pid = undefined
  }

  /**
   * kill -9 of the postmaster. Its backends notice the postmaster's death and exit by themselves;
   * this waits for them (killing any left after 10 s), so the cluster can be started again at once,
   * with crash recovery.
   */
  async kill(): Promise<void> {
    const pid = this.pid
    if (pid === undefined) return
    const children = childrenOf(pid)
    process.kill(pid, 'SIGKILL')
    await waitUntil(() => !isAlive(pid), 10_000, `postmaster ${pid} to die`)
    try {
      await waitUntil(() => children.every((child) => !isAlive(child)), 10_000, 'the backends to exit')
    } catch {
      for (const child of children) if (isAlive(child)) process.kill(child, 'SIGKILL')
      await waitUntil(() => children.every((child) => !isAlive(child)), 5_000, 'the backends to die')
    }
    this.pid = undefined
  }

  /** Stops (fast) and starts again. */
  async restart(): Promise<void> {
    await this.stop()
    await this.startServer()
  }

  /** Promotes a standby to a primary and waits until it accepts writes. */
  async promote(): Promise<void> {
    await runServerCommand(this.bin, 'pg_ctl', ['-D', this.dataDir, '-w', '-t', '60', 'promote'], this.folder)
    for (;;) {
      const { rows } = await this.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering', 'postgres')
      if (rows[0]?.recovering === false) return
      await sleep(50)
    }
  }

  /** One statement on a fresh connection. */
  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    database = this.database,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<Row>> {
    const client = new pg.Client({ connectionString: this.url(database), connectionTimeoutMillis: 10_000 })
    client.on('error', () => {})
    await client.connect()
    try {
      return await client.query<Row>(text, values)
    } finally {
      await client.end().catch(() => {})
    }
  }

  /** Stops the server (immediately if a fast stop fails) and removes the folder. */
  async destroy(): Promise<void> {
    try {
      await this.stop()
    } catch {
      stopImmediately(this)
    }
    rmSync(this.folder, { recursive: true, force: true })
    clusters = clusters.filter((cluster) => cluster !== this)
  }
}

function makeFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'levelmap-pg-'))
  const owner = postgresOwner()
  if (owner) chownSync(folder, owner.uid, owner.gid)
  // PostgreSQL wants its data folder private; initdb and pg_basebackup create it inside this one.
  if ((statSync(folder).mode & 0o777) !== 0o700) throw new Error(`${folder} is not private`)
  return folder
}

function stopImmediately(cluster: Cluster): void {
  if (cluster.pid === undefined || !isAlive(cluster.pid)) return
  const [command, args] = serverCommand(cluster.bin, 'pg_ctl', ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop'])
  try {
    execFileSync(command, args, { cwd: cluster.folder, stdio: 'ignore', timeout: 30_000 })
  } catch {
    process.kill(cluster.pid, 'SIGKILL')
  }
  cluster.pid = undefined
}

/** Stops every cluster this process started and removes their folders. Safe to call more than once. */
export async function stopAll(): Promise<void> {
  const errors: unknown[] = []
  for (const cluster of [...clusters].reverse()) {
    try {
      await cluster.destroy()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'some clusters did not stop cleanly')
}

// A test that dies before its afterAll still leaves no server running.
process.once('exit', () => {
  for (const cluster of clusters) {
    try {
      stopImmediately(cluster)
      rmSync(cluster.folder, { recursive: true, force: true })
    } catch {
      // best effort at exit
    }
  }
})
