// npm run level:fit: fits the leveling model to the analyst-placed corpus (test/corpus/leveling) and
// the curated institutions read from their source texts, and writes data/leveling/model.json.
// Deterministic; the test suite refits and compares.
import { writeFileSync } from 'node:fs'
import { fitModel } from '../leveling/fit.js'
import { type LevelingModel, loadDefinitions, modelPath } from '../leveling/model.js'
import { isEntryPoint } from './command.js'
import { allTrainingJobs } from './level-eval.js'

export function fitFromData(): LevelingModel {
  return fitModel(loadDefinitions(), allTrainingJobs())
}

export function modelText(model: LevelingModel): string {
  return `${JSON.stringify(model, null, 2)}\n`
}

if (isEntryPoint(import.meta.url)) {
  const model = fitFromData()
  writeFileSync(modelPath, modelText(model))
  process.stderr.write(
    `Wrote ${modelPath}: ${model.fitted.jobs} jobs of ${model.fitted.employers} employers; in sample, ${model.fitted.trainingInside} inside their accept set.\n`,
  )
}
