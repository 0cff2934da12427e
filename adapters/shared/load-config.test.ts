import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findConfigFile, loadConfigFile, loadPluginModule } from './load-config.ts'

const defineConfigPath = fileURLToPath(new URL('../../core/define-config.ts', import.meta.url))

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'compose-config-'))
}

describe('compose.config files', () => {
  it('loads a TypeScript config with types (through jiti on Node)', async () => {
    const d = dir()
    writeFileSync(
      join(d, 'compose.config.ts'),
      `import { defineConfig } from '${defineConfigPath}'\n` +
        `interface Extra { label: string }\n` +
        `const extra: Extra = { label: 'typed' }\n` +
        `export default defineConfig({ plugins: [{ name: 'compose-plugin-' + extra.label }], builtins: { health: false } })\n`,
    )
    const file = findConfigFile(d)
    expect(file).toBe(join(d, 'compose.config.ts'))
    const config = await loadConfigFile(file as string)
    expect(config).toEqual({ plugins: [{ name: 'compose-plugin-typed' }], builtins: { health: false } })
  })

  it('prefers .ts over .mjs and loads .mjs configs natively', async () => {
    const d = dir()
    writeFileSync(join(d, 'compose.config.mjs'), `export default { plugins: [{ name: 'from-mjs' }] }\n`)
    expect(await loadConfigFile(findConfigFile(d) as string)).toEqual({ plugins: [{ name: 'from-mjs' }] })
    writeFileSync(join(d, 'compose.config.ts'), `export default { plugins: [] }\n`)
    expect(findConfigFile(d)).toMatch(/compose\.config\.ts$/)
  })

  it('says what a config must export', async () => {
    const d = dir()
    writeFileSync(join(d, 'compose.config.mjs'), `export const plugins = []\n`)
    await expect(loadConfigFile(join(d, 'compose.config.mjs'))).rejects.toMatchObject({ code: 'PLUGIN_INVALID', hint: expect.stringContaining('defineConfig') })
  })

  it('reports a syntax error in a config as PLUGIN_INVALID naming the file', async () => {
    const d = dir()
    writeFileSync(join(d, 'compose.config.ts'), `export default {{\n`)
    await expect(loadConfigFile(join(d, 'compose.config.ts'))).rejects.toThrow(/cannot load .*compose\.config\.ts/)
  })
})

describe('--plugin modules', () => {
  it('loads a path relative to cwd and calls a factory export', async () => {
    const d = dir()
    writeFileSync(join(d, 'my-plugin.ts'), `export default () => ({ name: 'compose-plugin-mine', hooks: {} })\n`)
    expect(await loadPluginModule('./my-plugin.ts', d)).toEqual([{ name: 'compose-plugin-mine', hooks: {} }])
  })

  it('names a package that is not installed', async () => {
    await expect(loadPluginModule('compose-plugin-nowhere', dir())).rejects.toMatchObject({ code: 'PLUGIN_INVALID', hint: expect.stringContaining('npm install') })
  })
})
