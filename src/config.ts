// Configuration is read once from the environment and validated; a bad value stops the start
// with a message that names the variable. Tests pass a literal config instead.
import { envSchema } from 'env-schema'
import { type Static, Type } from 'typebox'

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  LEVELMAP_DB: Type.String({ minLength: 1, default: 'data/levelmap.sqlite' }),
  LEVELMAP_DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  LEVELMAP_ANSWER_CACHE_MB: Type.Integer({ minimum: 0, maximum: 4096, default: 64 }),
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
})

export interface AppConfig {
  /** SQLite file path, or ':memory:'. */
  database: string
  /** Folder holding scale.json, institutions/ and sources/. */
  dataDir?: string
  logLevel?: string
  /** MiB of serialized GET answers kept in memory (default 64; 0 keeps none). */
  answerCacheMiB?: number
  /** Base URL written into the OpenAPI document's servers list. */
  publicUrl?: string
}

export interface ServerConfig extends AppConfig {
  port: number
  host: string
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema<Static<typeof ConfigSchema>>({ schema: ConfigSchema, data: env, dotenv: false })
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    database: parsed.LEVELMAP_DB,
    logLevel: parsed.LOG_LEVEL,
    answerCacheMiB: parsed.LEVELMAP_ANSWER_CACHE_MB,
    ...(parsed.LEVELMAP_DATA_DIR !== undefined ? { dataDir: parsed.LEVELMAP_DATA_DIR } : {}),
  }
}
