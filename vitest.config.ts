// Three projects:
// - fast (`npm test`): everything that runs in-process on an in-memory database. Its files share
//   one module graph per worker (isolate: false): importing Fastify, TypeBox and the app once per
//   worker instead of once per file was about 45 s of a two-core run. No file may depend on module
//   state another file left, and none changes process.env without restoring it (vi.stubEnv).
// - slow (`npm run test:slow`): the proofs that start processes (test/e2e: the server, the CLIs,
//   the crash test) and PostgreSQL clusters (test/postgres), each file in a fresh module graph.
// - browser (`npm run test:browser`): the ladder page in Debian's chromium.
// Every project uses every core (vitest's own default leaves one idle, which on two cores is half
// the machine). CI (.ci/run) runs all three.
import { defineConfig } from 'vitest/config'

const slowProofs = ['test/e2e/**/*.test.ts', 'test/postgres/**/*.test.ts']
const browser = ['test/browser/**/*.test.ts']

export default defineConfig({
  test: {
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: [...slowProofs, ...browser],
          environment: 'node',
          isolate: false,
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'slow',
          include: slowProofs,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: browser,
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
