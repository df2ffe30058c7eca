// Fails when a schema has changes that no committed migration holds: for each dialect, drizzle-kit
// generates into a scratch copy of its migrations folder, and any new file there means a missing
// migration. SQLite: src/db/schema.ts and migrations/; PostgreSQL: src/db/postgres/schema.ts and
// migrations/postgres/.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

const targets = [
  { dialect: 'sqlite', schema: './src/db/schema.ts', migrations: 'migrations', generate: 'npm run db:generate' },
  {
    dialect: 'postgresql',
    schema: './src/db/postgres/schema.ts',
    migrations: 'migrations/postgres',
    generate: 'LEVELMAP_DIALECT=postgresql npm run db:generate',
  },
]

// drizzle-kit only takes an output folder relative to the project.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
for (const target of targets) {
  const scratch = mkdtempSync(join(root, 'node_modules', '.cache', 'levelmap-migrations-'))
  try {
    cpSync(join(root, target.migrations), scratch, { recursive: true })
    const before = readdirSync(scratch).sort()
    const output = execFileSync(
      join(root, 'node_modules', '.bin', 'drizzle-kit'),
      [
        'generate',
        `--dialect=${target.dialect}`,
        `--schema=${target.schema}`,
        `--out=${relative(root, scratch)}`,
        '--casing=snake_case',
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    // drizzle-kit can exit 0 after an error, so require its own verdict in the output.
    const unchanged = output.includes('No schema changes')
    const added = readdirSync(scratch).filter((name) => !before.includes(name))
    if (added.length === 0 && !unchanged) {
      console.error(`drizzle-kit gave no verdict for ${target.dialect}:\n${output}`)
      process.exitCode = 1
    } else if (added.length > 0) {
      console.error(`${target.migrations}/ is behind ${target.schema} (drizzle-kit would add ${added.join(', ')}).`)
      console.error(`Run: ${target.generate}`)
      process.exitCode = 1
    } else {
      console.log(`${target.migrations}/ matches ${target.schema}`)
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
