import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ComposeError } from '../../core/errors.ts'
import { HOOK_KINDS } from '../../core/hooks.ts'
import { loadProject, type LoadOptions } from '../../core/loader/index.ts'
import { PluginHost } from '../../core/plugin/host.ts'
import { envPlugin, type EnvPluginOptions } from './index.ts'

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'compose-env-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

async function services(options: Omit<LoadOptions, 'host'>, plugin: EnvPluginOptions = {}): Promise<Record<string, Record<string, unknown>>> {
  const result = await loadProject({ ...options, host: new PluginHost(HOOK_KINDS, [envPlugin(plugin)]) })
  return result.model['services'] as Record<string, Record<string, unknown>>
}

async function failure(options: Omit<LoadOptions, 'host'>): Promise<ComposeError> {
  try {
    await loadProject({ ...options, host: new PluginHost(HOOK_KINDS, [envPlugin()]) })
  } catch (error) {
    if (error instanceof ComposeError) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('compose:env — project environment', () => {
  const files = { 'compose.yaml': 'name: p\nservices:\n  web: {image: "i:${V}"}\n', '.env': 'V=dotenv\n', 'other.env': 'V=other\n', 'last.env': 'V=last\n' }

  it('reads .env; the shell wins; --env-file replaces .env, later files winning', async () => {
    const root = project(files)
    expect((await services({ cwd: root, env: {} }))['web']?.['image']).toBe('i:dotenv')
    expect((await services({ cwd: root, env: { V: 'shell' } }))['web']?.['image']).toBe('i:shell')
    expect((await services({ cwd: root, env: {}, envFiles: ['other.env', 'last.env'] }))['web']?.['image']).toBe('i:last')
    expect((await services({ cwd: root, env: { COMPOSE_ENV_FILES: 'other.env' } }))['web']?.['image']).toBe('i:other')
  })

  it('honours COMPOSE_DISABLE_ENV_FILE and reports a missing --env-file', async () => {
    const root = project(files)
    expect((await services({ cwd: root, env: { COMPOSE_DISABLE_ENV_FILE: 'true' } }))['web']?.['image']).toBe('i:')
    const error = await failure({ cwd: root, env: {}, envFiles: ['nope.env'] })
    expect(error.code).toBe('LOAD_ENV_FILE')
    expect(error.message).toContain(`couldn't find env file: ${join(root, 'nope.env')}`)
  })

  it('reads the .env next to a compose file found in a parent directory', async () => {
    const root = project({ ...files, 'sub/dir/.keep': '' })
    expect((await services({ cwd: join(root, 'sub', 'dir'), env: {} }))['web']?.['image']).toBe('i:dotenv')
  })

  it('reports an .env syntax error at its line', async () => {
    const root = project({ ...files, '.env': 'A=1\nB C=2\n' })
    const error = await failure({ cwd: root, env: {} })
    expect(error.issues[0]).toMatchObject({ source: { file: join(root, '.env'), line: 2 } })
    expect(error.issues[0]?.message).toContain('key cannot contain a space')
  })
})

describe('compose:env — service environment', () => {
  it('reads env_file in its forms; environment wins; bare names come from the project environment', async () => {
    const root = project({
      'compose.yaml': [
        'name: p',
        'services:',
        '  web:',
        '    image: i',
        '    env_file:',
        '      - a.env',
        '      - {path: b.env, required: true}',
        '      - {path: missing.env, required: false}',
        '      - {path: raw.env, format: raw}',
        '    environment:',
        '      - FROM_ENV=env',
        '      - SHELL_ONLY',
        '      - UNKNOWN',
        '  one:',
        '    image: i',
        '    env_file: a.env',
        '    environment: {A: "override", N: 1}',
      ].join('\n'),
      'a.env': 'A=a\nFROM_ENV=file\nREF=${SHELL_ONLY}-${FROM_ENV}\n',
      'b.env': 'B="b # kept"\n',
      'raw.env': 'RAW="quoted" ${X}\n',
    })
    const s = await services({ cwd: root, env: { SHELL_ONLY: 'sh' } })
    expect(s['web']).toEqual({
      image: 'i',
      environment: { A: 'a', FROM_ENV: 'env', REF: 'sh-env', B: 'b # kept', RAW: '"quoted" ${X}', SHELL_ONLY: 'sh', UNKNOWN: null },
    })
    expect(s['one']).toEqual({ image: 'i', environment: { A: 'override', FROM_ENV: 'file', REF: 'sh-file', N: '1' } })
  })

  it('keeps env_file when asked, and resolves label_file under the labels', async () => {
    const root = project({
      'compose.yaml': 'name: p\nservices:\n  web:\n    image: i\n    env_file: a.env\n    label_file: [l1, l2]\n    labels: {own: "yes", b: "mine"}\n',
      'a.env': 'A=1\n',
      l1: 'a=1\nb=2\n',
      l2: 'c=${a}\n',
    })
    const s = await services({ cwd: root, env: {} }, { keepEnvFiles: true })
    expect(s['web']).toEqual({ image: 'i', env_file: 'a.env', label_file: ['l1', 'l2'], environment: { A: '1' }, labels: { a: '1', b: 'mine', c: '1', own: 'yes' } })
  })

  it('reports a missing required env_file at its entry, and an unknown format', async () => {
    const root = project({ 'compose.yaml': 'name: p\nservices:\n  web:\n    image: i\n    env_file:\n      - nope.env\n      - {path: a.env, format: toml}\n', 'a.env': 'A=1\n' })
    const error = await failure({ cwd: root, env: {} })
    expect(error.code).toBe('LOAD_ENV_FILE')
    expect(error.issues.map((i) => [i.source?.line, i.message.replace(root, '')])).toEqual([
      [6, 'env file /nope.env not found'],
      [7, 'failed to read /a.env: unsupported env_file format "toml"'],
    ])
  })

  it('accepts custom env_file formats', async () => {
    const root = project({ 'compose.yaml': 'name: p\nservices:\n  web:\n    image: i\n    env_file: [{path: a.kv, format: kv}]\n', 'a.kv': 'A: 1\n' })
    const kv = (source: string, into: Record<string, string>): void => {
      for (const line of source.split('\n')) if (line.includes(':')) into[line.split(':')[0]?.trim() ?? ''] = line.split(':')[1]?.trim() ?? ''
    }
    expect((await services({ cwd: root, env: {} }, { formats: { kv } }))['web']?.['environment']).toEqual({ A: '1' })
  })

  it('resolves services disabled by profiles not at all', async () => {
    const root = project({ 'compose.yaml': 'name: p\nservices:\n  web: {image: i}\n  off: {image: i, profiles: [x], env_file: nope.env}\n' })
    expect(Object.keys(await services({ cwd: root, env: {} }))).toEqual(['web'])
  })
})

describe('compose:env — interpolation', () => {
  it('casts typed attributes and names the variable and key of an error with file:line', async () => {
    const root = project({ 'compose.yaml': 'name: p\nservices:\n  web:\n    image: i\n    scale: ${N}\n    privileged: ${P}\n    user: ${WHO:?who runs it}\n' })
    const ok = await services({ cwd: root, env: { N: '2', P: 'true', WHO: 'me' } })
    expect(ok['web']).toMatchObject({ scale: 2, privileged: true, user: 'me' })
    const error = await failure({ cwd: root, env: { N: '2', P: 'true' } })
    expect(error.code).toBe('LOAD_INTERPOLATION')
    expect(error.message).toBe(`${join(root, 'compose.yaml')}:7:5 error while interpolating services.web.user: required variable WHO is missing a value: who runs it`)
    expect(error.hint).toContain('WHO')
  })

  it('interpolates the top-level name before it names the project', async () => {
    const root = project({ 'compose.yaml': 'name: app-${ENVIRONMENT:-dev}\nservices:\n  web: {image: i}\n' })
    const result = await loadProject({ cwd: root, env: { ENVIRONMENT: 'Prod' }, host: new PluginHost(HOOK_KINDS, [envPlugin()]) })
    expect(result.name).toBe('app-prod')
  })
})
