// npm run export -- <slug> [--out <file>]: one institution as its document, in the canonical form
// of data/institutions/<slug>.json, read from the store the server uses (LEVELMAP_DB).
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { canonicalJson } from '../documents/canonical.js'
import { InstitutionDocumentSchema } from '../documents/schema.js'
import { type Command, isEntryPoint, runCommand, UsageError, withUsage } from './command.js'

export const exportUsage = 'usage: npm run export -- <slug> [--out <file>]'

export const exportCommand: Command = withUsage(exportUsage, async (args, store, output) => {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  })
  const [slug, extra] = positionals
  if (slug === undefined || extra !== undefined) throw new UsageError('export takes one institution slug')
  const document = (await store.loadInstitution(slug)).institution?.document
  if (!document) {
    output.err(`No institution "${slug}".\n`)
    return 1
  }
  const text = canonicalJson(InstitutionDocumentSchema, document)
  if (values.out === undefined) {
    output.out(text)
  } else {
    writeFileSync(values.out, text)
    output.err(`Wrote ${slug} to ${values.out}.\n`)
  }
  return 0
})

if (isEntryPoint(import.meta.url)) await runCommand(exportCommand)
