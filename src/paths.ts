// The package root (the folder holding package.json), found from this module's own location, so
// that migrations/ and data/ are found the same way from src/ (tsx), from the bundle in dist/ and
// from any other folder below the root.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  let dir = from
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${from}`)
    dir = parent
  }
}

export const packageRoot = findRoot(dirname(fileURLToPath(import.meta.url)))
