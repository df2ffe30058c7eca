// Fails when src/db/schema.ts has changes that no committed migration holds: drizzle-kit
// generates into a scratch copy of migrations/, and any new file there means a missing migration.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
// drizzle-kit only takes an output folder relative to the project.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
const scratch = mkdtempSync(join(root, 'node_modules', '.cache', 'levelmap-migrations-'))
try {
  cpSync(join(root, 'migrations'), scratch, { recursive: true })
  const before = readdirSync(scratch).sort()
  const output = execFileSync(
    join(root, 'node_modules', '.bin', 'drizzle-kit'),
    [
      'generate',
      '--dialect=sqlite',
      '--schema=./src/db/schema.ts',
      `--out=${relative(root, scratch)}`,
      '--casing=snake_case',
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  // drizzle-kit can exit 0 after an error, so require its own verdict in the output.
  const unchanged = output.includes('No schema changes')
  const added = readdirSync(scratch).filter((name) => !before.includes(name))
  if (added.length === 0 && !unchanged) {
    console.error(`drizzle-kit gave no verdict:\n${output}`)
    process.exitCode = 1
  } else if (added.length > 0) {
    console.error(`migrations/ is behind src/db/schema.ts (drizzle-kit would add ${added.join(', ')}).`)
    console.error('Run: npm run db:generate')
    process.exitCode = 1
  } else {
    console.log('migrations/ matches src/db/schema.ts')
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
