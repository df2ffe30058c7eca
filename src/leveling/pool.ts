// Leveling off the event loop: a pool of worker threads (piscina) that level submissions, so that
// a large text or a 500-row catalog never holds the server's other requests. From the TypeScript
// sources (tests, `npm run dev`) the worker runs src/leveling/worker.ts through tsx; from the bundle
// (`npm start`) it runs dist/leveling-worker.js.
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { LevelingInputError } from './level.js'
import type { LeveledSubmission, Submission } from './submission.js'
import type { WorkerAnswer } from './worker.js'

export interface LevelingPool {
  level(submission: Submission): Promise<LeveledSubmission>
  close(): Promise<void>
}

export interface LevelingPoolOptions {
  /** Worker threads; default one fewer than the cores (at least one). */
  threads?: number
}

function workerFile(): { filename: string; execArgv: string[] } {
  const here = import.meta.url
  if (here.endsWith('.ts'))
    return { filename: fileURLToPath(new URL('./worker.ts', here)), execArgv: ['--import', 'tsx'] }
  return { filename: fileURLToPath(new URL('./leveling-worker.js', here)), execArgv: [] }
}

export function createLevelingPool(options: LevelingPoolOptions = {}): LevelingPool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1)
  const { filename, execArgv } = workerFile()
  const pool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: threads, idleTimeout: 60_000 })
  return {
    async level(submission) {
      const answer = (await pool.run(submission)) as WorkerAnswer
      if (answer.ok) return answer.result
      throw new LevelingInputError(answer.error.code, answer.error.message, answer.error.place)
    },
    close: () => pool.destroy(),
  }
}
