// The crash test's child: says "waiting" once loaded, waits for "go" on stdin, opens the database file, then imports documents
// through the real write path in an endless loop, printing one line per acknowledged commit
// ("ack <i> <slug> <data version after>") with a synchronous write, until it is killed.
import { writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { openCommandDatabase } from '../../src/cli/command.js'
import { putInstitution } from '../../src/db/writes.js'
import { crashDocument } from '../helpers/documents.js'

const [path, roundText] = process.argv.slice(2)
if (!path || roundText === undefined) throw new Error('usage: crash-writer <database file> <round>')
const round = Number(roundText)

const input = createInterface({ input: process.stdin })
writeSync(1, 'waiting\n')
await new Promise<void>((resolve) => input.once('line', () => resolve()))
input.close()

const db = openCommandDatabase(path)
writeSync(1, 'ready\n')
for (let i = 0; ; i++) {
  const result = putInstitution(db, crashDocument(round, i), 'crash')
  if (result.outcome !== 'committed') {
    writeSync(2, `import ${i} was refused: ${JSON.stringify(result)}\n`)
    process.exit(1)
  }
  writeSync(1, `ack ${i} ${result.change.institution} ${result.change.versionAfter}\n`)
}
