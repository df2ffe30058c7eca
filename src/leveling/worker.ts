// A leveling worker: levels one submission off the server's event loop, with the model it loads
// once. The answer crosses to the server by structured clone, so the job texts travel without the
// maps from each character to its place in the submission (the server needs only their words), and
// a submission that cannot be leveled comes back as the input error it is, not as an exception.
import { LevelingInputError } from './level.js'
import { loadModel } from './model.js'
import { type LeveledSubmission, levelSubmission, type Submission } from './submission.js'

const model = loadModel()

export type WorkerAnswer =
  | { ok: true; result: LeveledSubmission }
  | { ok: false; error: { code: LevelingInputError['code']; message: string; place: string } }

export default function level(submission: Submission): WorkerAnswer {
  try {
    const result = levelSubmission(submission, model)
    return {
      ok: true,
      result: {
        ...result,
        texts: result.texts.map((text) => ({
          heading: text.heading,
          text: text.text,
          from: new Int32Array(0),
          to: new Int32Array(0),
          source: '',
          joins: text.joins,
        })),
      },
    }
  } catch (error) {
    if (error instanceof LevelingInputError) {
      return { ok: false, error: { code: error.code, message: error.message, place: error.place } }
    }
    throw error
  }
}
