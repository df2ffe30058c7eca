// Loads the configuration, builds the app, listens, and shuts down gracefully on SIGTERM/SIGINT:
// readiness turns 503 first, in-flight requests finish, then the database closes.
import { buildApp } from './app.js'
import { loadConfig, type ServerConfig } from './config.js'

let config: ServerConfig
try {
  config = loadConfig(process.env)
} catch (error) {
  console.error(`levelmap: invalid configuration: ${(error as Error).message}`)
  process.exit(1)
}

// return503OnClosing off: a request that reaches the server while it closes is still answered.
const app = await buildApp(config, { return503OnClosing: false, forceCloseConnections: false }).catch(
  (error: Error) => {
    console.error(`levelmap: cannot start: ${error.message}`)
    process.exit(1)
  },
)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down')
  // Readiness turns 503 first, so a load balancer stops sending traffic; requests still arriving
  // in the grace period are served. Then close() stops accepting, lets in-flight requests finish
  // and closes the database.
  app.levelmap.closing = true
  try {
    await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs))
    await app.close()
    process.exit(0)
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

try {
  await app.listen({ port: config.port, host: config.host })
} catch (error) {
  app.log.error({ err: error }, 'cannot listen')
  console.error(`levelmap: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`)
  process.exit(1)
}
