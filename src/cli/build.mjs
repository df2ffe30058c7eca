// Builds dist/server.js (and dist/leveling-worker.js, the leveling worker): the server and its
// dependencies bundled into one ES module by esbuild, so
// a start loads one file instead of some hundreds (TypeScript is type-checked by `npm run
// typecheck`, not here). better-sqlite3 (a native addon), @fastify/swagger-ui (which serves files
// from its own folder) and piscina (which starts threads from its own files) stay in node_modules. Run by `npm install` (prepare) and by `npm start`
// when a source file is newer than the bundle.
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

export async function build() {
  const { build: bundle } = await import('esbuild')
  rmSync(`${root}dist`, { recursive: true, force: true })
  await bundle({
    absWorkingDir: root,
    // The server, and the leveling worker its pool of threads runs (src/leveling/pool.ts).
    entryPoints: [
      { in: 'src/server.ts', out: 'server' },
      { in: 'src/leveling/worker.ts', out: 'leveling-worker' },
    ],
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // piscina starts its threads from its own files, so it stays in node_modules too.
    external: ['better-sqlite3', '@fastify/swagger-ui', 'piscina'],
    // Bundled CommonJS modules call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __levelmapRequire } from 'node:module'; const require = __levelmapRequire(import.meta.url);",
    },
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build()
