import { buildCatalog, type Catalog } from '../../src/catalog/model.js'
import { loadDataFiles } from '../../src/documents/files.js'

let cached: Catalog | undefined

/** The catalog built straight from data/, without a database: for rule tests. */
export function seedCatalog(): Catalog {
  if (!cached) {
    const files = loadDataFiles()
    cached = buildCatalog(files.scale, files.institutions)
  }
  return cached
}
