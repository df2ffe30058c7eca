// Writes the OpenAPI document the app serves to openapi/openapi.json (npm run openapi:write).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../app.js'

export const openapiFile = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url))

export async function renderOpenapi(): Promise<string> {
  const app = await buildApp({ database: ':memory:' })
  await app.ready()
  const document = `${JSON.stringify(app.swagger(), null, 2)}\n`
  await app.close()
  return document
}

writeFileSync(openapiFile, await renderOpenapi())
console.log(`wrote ${openapiFile}`)
