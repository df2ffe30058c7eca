// The README's client-generation step, run as a newcomer would: its shell commands, verbatim, in a
// fresh project holding only a package.json and a copy of openapi/openapi.json (the packages come
// from the npm registry), then tsc over the README's TypeScript example against the types they
// generated. The versions the README pins must be the ones this project's own client test uses.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { childEnv, root } from '../helpers/server.js'

const run = promisify(execFile)
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('### Generated clients'), readme.indexOf('## Configuration'))
const block = (language: string) => new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1] ?? ''
const commands = block('sh')
const example = block('ts')
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}
const installed = (name: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

/** The version the README's npm install lines give a package. */
const pinned = (name: string) => new RegExp(`(?:^| )${name}@(\\S+)`, 'm').exec(commands)?.[1]

// The commands run with the shell's environment minus npm's own variables (set by `npm run`), as in
// a newcomer's terminal.
const shellEnv = () =>
  Object.fromEntries(Object.entries(childEnv()).filter(([name]) => !name.toLowerCase().startsWith('npm_')))

const folder = mkdtempSync(join(tmpdir(), 'levelmap-readme-client-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe("the README's generated-client step", () => {
  it('pins the versions this project tests with', () => {
    expect(example, 'the README has a TypeScript example after the commands').toContain('createClient')
    expect(pinned('typescript')).toBe(project.devDependencies.typescript)
    expect(pinned('openapi-typescript')).toBe(project.devDependencies['openapi-typescript'])
    expect(pinned('openapi-fetch')).toBe(installed('openapi-fetch'))
    expect(project.devDependencies.typescript).toMatch(/^5\.\d+\.\d+$/)
  })

  it('installs, generates the types, and the example type-checks against them', async () => {
    writeFileSync(join(folder, 'package.json'), '{ "name": "levelmap-client", "private": true, "type": "module" }\n')
    copyFileSync(join(root, 'openapi/openapi.json'), join(folder, 'openapi.json'))
    const steps = await run('bash', ['-euo', 'pipefail', '-c', commands], {
      cwd: folder,
      env: shellEnv(),
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `the README's commands failed (they need the npm registry): ${error.message}\n${error.stdout}\n${error.stderr}`,
      )
    })
    expect(steps.stderr).not.toMatch(/EBADENGINE|ERESOLVE/)
    const generated = readFileSync(join(folder, 'levelmap.d.ts'), 'utf8')
    expect(generated).toContain('export interface paths')
    expect(generated).toMatch(/^ {8}BatchItem: /m)
    const typescript = JSON.parse(readFileSync(join(folder, 'node_modules/typescript/package.json'), 'utf8'))
    expect(typescript.version).toBe(pinned('typescript'))

    writeFileSync(join(folder, 'example.ts'), example)
    const tsc = join(folder, 'node_modules/typescript/bin/tsc')
    const args = [
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ]
    const checked = await run(process.execPath, [tsc, ...args, '--lib', 'es2022,dom', 'example.ts'], {
      cwd: folder,
      env: shellEnv(),
    }).catch((error: { stdout?: string }) => error)
    expect('stdout' in checked ? checked.stdout : '', 'tsc reports no error in the README example').toBe('')
  }, 300_000)
})
