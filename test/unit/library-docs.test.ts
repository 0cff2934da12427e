/**
 * docs/library.md is written by hand; this keeps it in step with the code: every export of the
 * library entry (values and types, read with the TypeScript checker), every public member of
 * `ComposeProject` and `Compose`, and every field of the option types the page documents.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const entry = `${root}adapters/lib/index.ts`
const docs = readFileSync(`${root}docs/library.md`, 'utf8')

const mentioned = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(docs)

interface Surface {
  exports: string[]
  members: Record<string, string[]>
}

function readSurface(): Surface {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source)
  if (module === undefined) throw new Error(`cannot read ${entry}`)
  const exported = checker.getExportsOfModule(module)
  const members: Record<string, string[]> = {}
  for (const symbol of exported) {
    if (!['ComposeProject', 'Compose', 'ComposeOptions', 'ProjectOptions', 'Signalled'].includes(symbol.name)) continue
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
    const type = checker.getDeclaredTypeOfSymbol(target)
    members[symbol.name] = checker
      .getPropertiesOfType(type)
      .filter((p) => !p.name.startsWith('#') && !p.name.startsWith('__'))
      .filter((p) => !(p.valueDeclaration !== undefined && ts.getCombinedModifierFlags(p.valueDeclaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
      .map((p) => p.name)
  }
  return { exports: exported.map((s) => s.name).sort(), members }
}

describe('docs/library.md', () => {
  let surface: Surface
  beforeAll(() => {
    surface = readSurface()
  }, 120_000)

  it('mentions every export of adapters/lib/index.ts', () => {
    expect(surface.exports.length).toBeGreaterThan(40)
    expect(surface.exports.filter((name) => !mentioned(name))).toEqual([])
  })

  it('documents every public member of ComposeProject as `project.<name>`', () => {
    const names = surface.members.ComposeProject ?? []
    expect(names).toEqual(expect.arrayContaining(['up', 'down', 'ps', 'logs', 'exec', 'events', 'config', 'close', 'name']))
    expect(names.filter((name) => !docs.includes(`project.${name}`))).toEqual([])
  })

  it('documents every public member of Compose as `compose.<name>`', () => {
    const names = surface.members.Compose ?? []
    expect(names).toEqual(expect.arrayContaining(['project', 'load', 'plugins', 'engine']))
    expect(names.filter((name) => !docs.includes(`compose.${name}`))).toEqual([])
  })

  it('documents every field of ComposeOptions, ProjectOptions and Signalled', () => {
    for (const type of ['ComposeOptions', 'ProjectOptions', 'Signalled']) {
      const fields = surface.members[type] ?? []
      expect(fields.length, type).toBeGreaterThan(1)
      expect(fields.filter((field) => !docs.includes(`\`${field}\``)), type).toEqual([])
    }
  })
})
