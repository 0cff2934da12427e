import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ComposeError } from '../errors.ts'
import type { ComposeEvent } from '../events.ts'
import { HOOK_KINDS, type ComposePlugin } from '../hooks.ts'
import { PluginHost } from '../plugin/host.ts'
import { envPlugin } from '../../plugins/env/index.ts'
import { loadProject, type LoadOptions } from './index.ts'

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'compose-load-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

function load(options: Omit<LoadOptions, 'host'>, plugins: ComposePlugin[] = [envPlugin()]) {
  return loadProject({ ...options, host: new PluginHost(HOOK_KINDS, plugins) })
}

async function failure(promise: Promise<unknown>): Promise<ComposeError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ComposeError) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('loadProject', () => {
  it('loads, interpolates from the shell and .env (shell first) and names the project after its folder', async () => {
    const root = project({ 'My App/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    user: $WHO\n', 'My App/.env': 'TAG=from-file\nWHO=file\n' })
    const result = await load({ cwd: join(root, 'My App'), env: { TAG: 'from-shell' } })
    expect(result.name).toBe('myapp')
    expect(result.model['services']).toEqual({ web: { image: 'nginx:from-shell', user: 'file' } })
    expect(result.environment['COMPOSE_PROJECT_NAME']).toBe('myapp')
    expect(Object.isFrozen(result.project)).toBe(true)
  })

  it('runs the load hooks in pipeline order', async () => {
    const root = project({ 'compose.yaml': 'services:\n  web: {image: a}\n' })
    const calls: string[] = []
    const recorder: ComposePlugin = {
      name: 'test:recorder',
      hooks: {
        'load:environment': () => void calls.push('environment'),
        'load:files': () => void calls.push('files'),
        'load:parsed': () => void calls.push('parsed'),
        'load:interpolate': () => void calls.push('interpolate'),
        'load:merged': () => void calls.push('merged'),
        'load:resolved': () => void calls.push('resolved'),
      },
    }
    await load({ cwd: root, env: {} }, [recorder])
    expect(calls).toEqual(['environment', 'files', 'parsed', 'interpolate', 'merged', 'resolved'])
  })

  it('takes values literally without the env plugin or with noInterpolate', async () => {
    const root = project({ 'compose.yaml': 'name: p\nservices:\n  web: {image: "${IMG:-x}"}\n', '.env': 'IMG=y\n' })
    for (const result of [await load({ cwd: root, env: {} }, []), await load({ cwd: root, env: {}, noInterpolate: true })]) {
      expect(result.model['services']).toEqual({ web: { image: '${IMG:-x}' } })
    }
  })

  it('merges -f files and documents in order, and reads -f - from stdin', async () => {
    const root = project({ 'a.yaml': 'services:\n  web: {image: a, user: u}\n---\nservices:\n  web: {image: b}\n' })
    const result = await load({ cwd: root, env: {}, files: ['a.yaml', '-'], stdin: 'services:\n  web: {image: c}\n' })
    expect(result.model['services']).toEqual({ web: { image: 'c', user: 'u' } })
    expect(result.files).toEqual([join(root, 'a.yaml'), '-'])
  })

  it('applies the file size limit and the binary check to -f - too', async () => {
    const root = project({})
    const big = await failure(load({ cwd: root, env: {}, files: ['-'], stdin: `services:\n  web: {image: a}\nx-pad: ${'x'.repeat(2048)}\n`, maxFileBytes: 1024 }))
    expect(big.code).toBe('LOAD_FILE_TOO_LARGE')
    const nul = await failure(load({ cwd: root, env: {}, files: ['-'], stdin: 'services:\n  web: {image: "a\u0000"}\n' }))
    expect(nul.message).toContain('binary data')
  })

  it('collects every problem into one error sorted by file and line', async () => {
    const root = project({
      'a.yaml': 'services:\n  web:\n    image: ${A:?set A}\n    user: ${B:?}\n',
      'b.yaml': 'services:\n  web:\n    entrypoint: ${C:?}\n',
    })
    const error = await failure(load({ cwd: root, env: {}, files: ['b.yaml', 'a.yaml'], projectName: 'p' }))
    expect(error.code).toBe('LOAD_INTERPOLATION')
    expect(error.issues.map((i) => `${i.source?.file.replace(root, '')}:${i.source?.line} ${i.path}`)).toEqual([
      '/a.yaml:3 services.web.image',
      '/a.yaml:4 services.web.user',
      '/b.yaml:3 services.web.entrypoint',
    ])
    expect(error.issues[0]?.message).toBe('error while interpolating services.web.image: required variable A is missing a value: set A')
    expect(error.message).toContain('3 problems')
  })

  it('warns about unset variables and the obsolete version, and emits the warnings', async () => {
    const root = project({ 'compose.yaml': 'version: "3"\nservices:\n  web: {image: "x$NOPE"}\n' })
    const events: ComposeEvent[] = []
    const result = await load({ cwd: root, env: {}, emit: (e) => events.push(e) })
    expect(result.warnings.map((w) => w.message)).toEqual([
      'The "NOPE" variable is not set. Defaulting to a blank string.',
      `${join(root, 'compose.yaml')}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
    ])
    expect(result.warnings[0]?.source).toMatchObject({ line: 3 })
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(2)
    expect(result.model).not.toHaveProperty('version')
  })

  it('applies profiles from COMPOSE_PROFILES in .env and reports disabled services', async () => {
    const root = project({ 'compose.yaml': 'services:\n  web: {image: a}\n  dbg: {image: b, profiles: [debug]}\n  ops: {image: c, profiles: [ops]}\n', '.env': 'COMPOSE_PROFILES=debug\n' })
    const result = await load({ cwd: root, env: {} })
    expect(Object.keys(result.model['services'] as object)).toEqual(['web', 'dbg'])
    expect(Object.keys(result.disabledServices)).toEqual(['ops'])
    expect(result.profiles).toEqual(['debug'])
    const flagged = await load({ cwd: root, env: {}, profiles: ['ops'] })
    expect(Object.keys(flagged.model['services'] as object)).toEqual(['web', 'ops'])
  })

  it('lets load:files add an override file', async () => {
    const root = project({ 'compose.yaml': 'services:\n  web: {image: a}\n', 'extra.yaml': 'services:\n  web: {image: b}\n' })
    const plugin: ComposePlugin = { name: 'test:files', hooks: { 'load:files': (_ctx, draft) => void draft.files.push(join(draft.workingDir, 'extra.yaml')) } }
    expect((await load({ cwd: root, env: {} }, [plugin])).model['services']).toEqual({ web: { image: 'b' } })
  })

  it('reports YAML errors with the file, line and the yaml code', async () => {
    const root = project({ 'compose.yaml': 'services:\n  web:\n    image: [a\n  x: 1\n' })
    const error = await failure(load({ cwd: root, env: {} }))
    expect(error.code).toBe('LOAD_YAML')
    expect(error.source?.file).toBe(join(root, 'compose.yaml'))
    expect(error.message).toMatch(/compose\.yaml:\d+:\d+ .*\([A-Z_]+\)/)
  })

  it('stops when the signal is aborted', async () => {
    const root = project({ 'compose.yaml': 'services:\n  web: {image: a}\n' })
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(load({ cwd: root, env: {}, signal: controller.signal })).rejects.toThrow('stop')
  })

  it('fails on a missing -f file and an empty file', async () => {
    const root = project({ 'empty.yaml': '# nothing\n' })
    expect((await failure(load({ cwd: root, env: {}, files: ['nope.yaml'] }))).code).toBe('LOAD_FILE_NOT_FOUND')
    const error = await failure(load({ cwd: root, env: {}, files: ['empty.yaml'] }))
    expect(error.code).toBe('LOAD_EMPTY')
    // the message names the file, as every loader error does
    expect(error.message).toMatch(/empty\.yaml:1:1 empty compose file/)
  })
})
