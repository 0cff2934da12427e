/**
 * The folder layout is the architecture: core never imports adapters or plugins; plugins import
 * only core's public API; only core/runtime touches the process; relative imports carry `.ts`
 * and Node built-ins the `node:` prefix (so Deno and Bun run the sources as they are).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(join(root, dir))) {
    const path = join(root, dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(relative(root, path)))
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('_fake')) out.push(relative(root, path))
  }
  return out
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '')
}

const BUILTINS = ['fs', 'path', 'os', 'net', 'http', 'https', 'stream', 'child_process', 'crypto', 'url', 'util', 'events', 'tty', 'readline', 'zlib', 'fs/promises', 'stream/promises', 'process', 'module', 'tls', 'assert', 'timers', 'buffer']

describe('architecture', () => {
  const core = sources('core')
  const plugins = sources('plugins').filter((f) => !f.startsWith('plugins/_testing/'))
  const all = [...core, ...sources('plugins'), ...sources('adapters')]

  it('core never imports adapters or plugins', () => {
    const bad = core.flatMap((f) => imports(f).filter((i) => /(^|\/)(adapters|plugins)\//.test(i)).map((i) => `${f} -> ${i}`))
    expect(bad).toEqual([])
  })

  it('plugins import only the public API of core', () => {
    const allowed = /\/core\/(index|hooks|plugin\/types)\.ts$/
    const bad = plugins.flatMap((f) => imports(f).filter((i) => i.includes('/core/') && !allowed.test(i)).map((i) => `${f} -> ${i}`))
    expect(bad).toEqual([])
  })

  it('only core/runtime reads the process, and core has no runtime globals', () => {
    const bad = core
      .filter((f) => !f.startsWith('core/runtime/'))
      .filter((f) => /\bprocess\.(env|cwd|argv|exit)|\bBuffer\.|\bBun\.|\bDeno\./.test(readFileSync(join(root, f), 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')))
    expect(bad).toEqual([])
  })

  it('relative imports carry .ts and Node built-ins the node: prefix', () => {
    const bad = all.flatMap((f) =>
      imports(f)
        .filter((i) => (i.startsWith('.') && !/\.(ts|js|mjs|json)$/.test(i)) || BUILTINS.includes(i))
        .map((i) => `${f} -> ${i}`),
    )
    expect(bad).toEqual([])
  })
})
