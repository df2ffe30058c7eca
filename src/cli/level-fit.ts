// npm run level:fit: fits the leveling model to the curated institutions and their source texts,
// and writes data/leveling/model.json. Deterministic; the test suite refits and compares.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadDataFiles } from '../documents/files.js'
import { fitModel, trainingJobs } from '../leveling/fit.js'
import { loadDefinitions, modelPath } from '../leveling/model.js'
import { isEntryPoint } from './command.js'

export const sourcesDir = fileURLToPath(new URL('../../data/sources', import.meta.url))

export function fitFromData(): ReturnType<typeof fitModel> {
  const files = loadDataFiles()
  const definitions = loadDefinitions()
  const training = trainingJobs(files.institutions, sourcesDir, files.scale, definitions.fit.calibrationWeight)
  return fitModel(definitions, training)
}

export function modelText(model: ReturnType<typeof fitModel>): string {
  return `${JSON.stringify(model, null, 2)}\n`
}

if (isEntryPoint(import.meta.url)) {
  const model = fitFromData()
  writeFileSync(modelPath, modelText(model))
  process.stderr.write(
    `Wrote ${modelPath}: ${model.fitted.jobs} jobs; in-sample ${model.fitted.trainingExact} exact, ${model.fitted.trainingWithinBand} within band.\n`,
  )
}
