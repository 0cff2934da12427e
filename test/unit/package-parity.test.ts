import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { HOOK_KINDS } from '../../core/hooks.ts'
import { COMPOSE_VERSION } from '../../core/version.ts'

const root = new URL('../../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  version: string
  exports: Record<string, string | { bun?: string; default?: string; types?: string }>
  dependencies: Record<string, string>
}
const deno = JSON.parse(readFileSync(new URL('deno.json', root), 'utf8')) as {
  version: string
  exports: Record<string, string>
  imports: Record<string, string>
}

describe('package.json and deno.json agree', () => {
  it('on the version, and core says the same', () => {
    expect(deno.version).toBe(pkg.version)
    expect(COMPOSE_VERSION).toBe(pkg.version)
  })

  it('on the exported entry points (deno exports the sources npm builds from)', () => {
    const npmEntries = Object.entries(pkg.exports)
      .filter(([key]) => key !== './package.json')
      .map(([key, value]) => [key, typeof value === 'string' ? value : value.bun])
    expect(Object.fromEntries(npmEntries)).toEqual(deno.exports)
  })

  it('on the runtime dependencies', () => {
    for (const [name, range] of Object.entries(pkg.dependencies)) {
      if (name.startsWith('@hono/')) continue // Node-only server adapter; Deno serves with Deno.serve
      const mapped = deno.imports[name] ?? deno.imports[`${name}/`]
      expect(mapped, `deno.json imports ${name}`).toBeDefined()
      expect(mapped).toContain(`${name}@${range}`)
    }
  })
})

describe('hook table', () => {
  it('gives every hook a kind', () => {
    for (const [name, kind] of Object.entries(HOOK_KINDS)) {
      expect(name).toMatch(/^[a-z]+:[a-z-]+$/)
      expect(['sequential', 'parallel', 'first']).toContain(kind)
    }
  })
})
