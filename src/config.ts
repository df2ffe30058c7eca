// Configuration is read once from the environment and validated; a bad value stops the start
// with a message that names the variable. loadConfig reads only the variables it is handed (the
// server and the command-line tools hand it process.env), so its answer never depends on the shell
// it runs in. Tests pass a literal config instead.
import { envSchema } from 'env-schema'
import { type Static, Type } from 'typebox'
import { redactSecrets } from './db/diagnostics.js'

const Count = (defaultValue: number, description: string) =>
  Type.Integer({ minimum: 0, maximum: 1_000_000, default: defaultValue, description })

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  LEVELMAP_DB: Type.String({ minLength: 1, default: 'data/levelmap.sqlite' }),
  LEVELMAP_DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LEVELMAP_ANSWER_CACHE_MB: Type.Integer({ minimum: 0, maximum: 4096, default: 64 }),
  LEVELMAP_LEVELING_THREADS: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
  LEVELMAP_METRICS: Type.Union([Type.Literal('0'), Type.Literal('1'), Type.Literal('false'), Type.Literal('true')], {
    default: '0',
    description: 'Serve GET /metrics in the Prometheus text format: 1 (or true) on, 0 (or false) off.',
  }),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info' },
  ),
  RATE_LIMIT_READ: Count(1200, 'GET requests per client per minute; 0 turns the limit off.'),
  RATE_LIMIT_WRITE: Count(60, 'Writes and batch requests per client per minute; 0 turns the limit off.'),
  CORS_ORIGINS: Type.String({
    default: '*',
    description: "Origins allowed to GET: '*', a comma list, or empty for none.",
  }),
  REQUEST_TIMEOUT_MS: Count(10_000, 'Longest a request may take to arrive and be answered.'),
  MAX_EVENT_LOOP_DELAY_MS: Count(1000, 'Event-loop delay above which requests are shed with 503; 0 turns it off.'),
  SHUTDOWN_GRACE_MS: Count(1000, 'How long /readyz answers 503 before the server stops accepting requests.'),
  TRUST_PROXY: Type.Boolean({ default: false, description: 'Take the client address from X-Forwarded-For.' }),
})

/** Where the data lives: an embedded SQLite file (the default), or a shared PostgreSQL database. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string }

/**
 * Reads LEVELMAP_DB: a postgres:// or postgresql:// URL selects PostgreSQL; a file path or :memory:
 * selects SQLite. Anything else that looks like a URL (`mysql://…`, `sqlite:…`) is refused rather
 * than taken for a file name.
 */
export function databaseTarget(value: string): DatabaseTarget {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]
  // A drive letter (C:\data or C:/data, but not x://) is a path, not a scheme.
  if (scheme === undefined || /^[A-Za-z]:(\\|\/(?!\/))/.test(value)) return { kind: 'sqlite', path: value }
  if (scheme.toLowerCase() === 'postgres' || scheme.toLowerCase() === 'postgresql') {
    if (!value.slice(scheme.length + 1).startsWith('//')) {
      throw new Error(
        `LEVELMAP_DB: "${redactSecrets(value)}" is not a PostgreSQL URL; write postgres://user@host:port/database`,
      )
    }
    if (!URL.canParse(value)) throw new Error(`LEVELMAP_DB: "${redactSecrets(value)}" is not a valid PostgreSQL URL`)
    return { kind: 'postgres', url: value }
  }
  throw new Error(
    `LEVELMAP_DB: "${redactSecrets(value)}" is neither a file path nor a supported URL; use a SQLite file path, :memory:, or postgres://user@host:port/database`,
  )
}

export interface LimitsConfig {
  /** Requests per client per minute: reads (GET/HEAD) and writes (everything else); 0 = off. */
  rateLimit: { read: number; write: number }
  /** Origins allowed to GET: ['*'], a list, or [] for no CORS. */
  corsOrigins: string[]
  requestTimeoutMs: number
  maxEventLoopDelayMs: number
  trustProxy: boolean
}

export interface AppConfig {
  /** LEVELMAP_DB: a SQLite file path, ':memory:', or a postgres:// URL (see databaseTarget). */
  database: string
  /** Folder holding scale.json, institutions/ and sources/. */
  dataDir?: string
  logLevel?: string
  /** Limits; anything left out takes the defaults below. */
  limits?: Partial<LimitsConfig>
  /** MiB of serialized GET answers kept in memory (default 64; 0 keeps none). */
  answerCacheMiB?: number
  /**
   * SQLite: how often, in ms, to look for writes made by another process (default 1000; 0 never).
   * PostgreSQL: how often the listener reads the version row as a safety net (default 5000).
   */
  changeCheckMs?: number
  /** Worker threads that level submissions (default one fewer than the cores, at least one; 0 levels on the event loop). */
  levelingThreads?: number
  /** Serve GET /metrics (Prometheus text format); off unless set. */
  metrics?: boolean
}

export interface ServerConfig extends AppConfig {
  port: number
  host: string
  shutdownGraceMs: number
}

export const defaultLimits: LimitsConfig = {
  rateLimit: { read: 1200, write: 60 },
  corsOrigins: ['*'],
  requestTimeoutMs: 10_000,
  maxEventLoopDelayMs: 1000,
  trustProxy: false,
}

/** The variables configuration is read from: process.env at a start, a literal in tests. */
export type Environment = Readonly<Record<string, string | undefined>>

export function loadConfig(env: Environment): ServerConfig {
  // env: false, or env-schema also merges the real process.env under the variables given.
  const parsed = envSchema<Static<typeof ConfigSchema>>({
    schema: ConfigSchema,
    data: env,
    env: false,
    dotenv: false,
  })
  databaseTarget(parsed.LEVELMAP_DB)
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    database: parsed.LEVELMAP_DB,
    logLevel: parsed.LOG_LEVEL,
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
    limits: {
      rateLimit: { read: parsed.RATE_LIMIT_READ, write: parsed.RATE_LIMIT_WRITE },
      corsOrigins: parsed.CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
      requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
      maxEventLoopDelayMs: parsed.MAX_EVENT_LOOP_DELAY_MS,
      trustProxy: parsed.TRUST_PROXY,
    },
    answerCacheMiB: parsed.LEVELMAP_ANSWER_CACHE_MB,
    metrics: parsed.LEVELMAP_METRICS === '1' || parsed.LEVELMAP_METRICS === 'true',
    ...(parsed.LEVELMAP_LEVELING_THREADS !== undefined ? { levelingThreads: parsed.LEVELMAP_LEVELING_THREADS } : {}),
    ...(parsed.LEVELMAP_DATA_DIR !== undefined ? { dataDir: parsed.LEVELMAP_DATA_DIR } : {}),
  }
}
