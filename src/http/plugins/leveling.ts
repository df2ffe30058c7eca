// The leveling pool: where POST /v1/leveling and the page's box level submissions. With threads
// (the default: one fewer than the cores) leveling runs in worker threads and never holds the
// event loop; with 0 it runs in the request, as tests that do not measure it prefer. The pool is
// started on first use and closed with the app.
import { performance } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { LevelingInputError } from '../../leveling/level.js'
import { type LevelingModel, loadModel } from '../../leveling/model.js'
import { createLevelingPool, type LevelingPool } from '../../leveling/pool.js'
import { type LeveledSubmission, levelSubmission, type Submission } from '../../leveling/submission.js'

export interface Leveler {
  level(submission: Submission): Promise<LeveledSubmission>
  /** The model's factors, as the page names them. */
  model: LevelingModel
}

declare module 'fastify' {
  interface FastifyInstance {
    leveler: Leveler
  }
}

export interface LevelingPluginOptions {
  /** Worker threads; 0 levels in the request on the event loop. */
  threads: number
}

export default fp(
  async (app: FastifyInstance, options: LevelingPluginOptions) => {
    const model = loadModel()
    let pool: LevelingPool | null = null
    const run = async (submission: Submission) => {
      if (options.threads <= 0) return levelSubmission(submission, model)
      pool ??= createLevelingPool({ threads: options.threads })
      return pool.level(submission)
    }
    app.decorate('leveler', {
      model,
      async level(submission: Submission) {
        const started = performance.now()
        const seconds = () => (performance.now() - started) / 1000
        try {
          const result = await run(submission)
          app.metrics.leveled('leveled', seconds(), result.jobs.length)
          return result
        } catch (error) {
          app.metrics.leveled(error instanceof LevelingInputError ? 'refused' : 'failed', seconds(), 0)
          throw error
        }
      },
    })
    app.addHook('onClose', async () => {
      await pool?.close()
    })
  },
  { name: 'leveling', dependencies: ['metrics'] },
)
