// npm run level:eval -- [folder …] [--fitted] [--json]: measures leveling on corpora an analyst placed
// (test/corpus/leveling, and ../shared/leveling-dev/labelled where it exists): inside the accept
// set, exact, track, family, ladder inversions, refusals and the flattened text's agreement, per
// employer and in total. The model is fitted leave-one-employer-out: each employer's jobs are leveled
// by a model fitted without them. --fitted levels with the committed model.json instead (in sample
// for every employer it was fitted on).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadDataFiles } from '../documents/files.js'
import { type CorpusCase, loadCorpus } from '../leveling/corpus.js'
import { type CorpusEvaluation, evaluateCorpus, formatEvaluation, type Leveler } from '../leveling/corpus-eval.js'
import { corpusTrainingJobs, curatedTrainingJobs, fitModel, type TrainingJob } from '../leveling/fit.js'
import { levelRead, type ReadText, readText } from '../leveling/level.js'
import { type LevelingModel, loadDefinitions, loadModel } from '../leveling/model.js'
import { isEntryPoint } from './command.js'

export const projectCorpus = fileURLToPath(new URL('../../test/corpus/leveling', import.meta.url))
export const sharedCorpus = fileURLToPath(new URL('../../../shared/leveling-dev/labelled', import.meta.url))
const sourcesDir = fileURLToPath(new URL('../../data/sources', import.meta.url))

/** Every training job: the project corpus's analyst placements and the curated institutions' jobs. */
export function allTrainingJobs(extra: CorpusCase[] = []): TrainingJob[] {
  const definitions = loadDefinitions()
  const files = loadDataFiles()
  return [
    ...corpusTrainingJobs([...loadCorpus(projectCorpus), ...extra], definitions),
    ...curatedTrainingJobs(files.institutions, sourcesDir, definitions),
  ]
}

/**
 * A leveler whose model, for each employer, is fitted without that employer's jobs; reading is
 * the same for every model, so each text is read once.
 */
export function leaveOneEmployerOut(training: TrainingJob[]): Leveler {
  const definitions = loadDefinitions()
  const models = new Map<string, LevelingModel>()
  const reads = new Map<string, ReadText | Error>()
  return (text, employer) => {
    let model = models.get(employer)
    if (!model) {
      model = fitModel(
        definitions,
        training.filter((job) => job.employer !== employer),
      )
      models.set(employer, model)
    }
    let read = reads.get(text)
    if (!read) {
      try {
        read = readText(text)
      } catch (error) {
        read = error as Error
      }
      reads.set(text, read)
    }
    if (read instanceof Error) throw read
    return levelRead(read, model).jobs.map((job) => ({
      title: job.title,
      point: job.seniority.point,
      track: job.track,
      family: job.family.family,
    }))
  }
}

export function fittedLeveler(model: LevelingModel = loadModel()): Leveler {
  return (text) =>
    levelRead(readText(text), model).jobs.map((job) => ({
      title: job.title,
      point: job.seniority.point,
      track: job.track,
      family: job.family.family,
    }))
}

export function evaluateFolder(folder: string, leveler: Leveler): CorpusEvaluation {
  return evaluateCorpus(loadCorpus(folder), leveler)
}

if (isEntryPoint(import.meta.url)) {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { fitted: { type: 'boolean' }, json: { type: 'boolean' } },
    allowPositionals: true,
  })
  const folders =
    positionals.length > 0 ? positionals : [projectCorpus, ...(existsSync(sharedCorpus) ? [sharedCorpus] : [])]
  const leveler = values.fitted ? fittedLeveler() : leaveOneEmployerOut(allTrainingJobs())
  for (const folder of folders) {
    const evaluation = evaluateFolder(folder, leveler)
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ folder, total: evaluation.total, it: evaluation.it, inversions: evaluation.inversions.length, refused: evaluation.refusedTexts.length })}\n`,
      )
    else
      process.stdout.write(
        `${formatEvaluation(evaluation, `${folder} (${values.fitted ? 'committed model' : 'leave one employer out'})`)}\n\n`,
      )
  }
}
