// `npm start`: runs the bundled server (dist/server.js), building it first only when it is missing
// or older than a file under src/ or package-lock.json. A start then loads one module and no
// compiler.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bundle = join(root, 'dist', 'server.js')

function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

function builtAt() {
  try {
    return statSync(bundle).mtimeMs
  } catch {
    return 0
  }
}

const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs)
if (builtAt() < sources) {
  console.error('levelmap: building dist/server.js')
  const { build } = await import('./build.mjs')
  await build()
}
await import(bundle)
