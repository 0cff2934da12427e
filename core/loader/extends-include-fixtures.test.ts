/**
 * corpus: loader/loader/testdata/{extends,include,combined,subdir} — compose-go's extends and
 * include tests (loader/extends_test.go, include_test.go, loader_test.go) restated against our
 * loader. Inline compose files are given on stdin from the folder that holds `testdata/`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HOOK_KINDS } from '../hooks.ts'
import { PluginHost } from '../plugin/host.ts'
import { envPlugin } from '../../plugins/env/index.ts'
import { CORPUS, corpusCase, load, loadError, messagesOf } from './_corpus-harness.test.ts'
import { loadProject } from './index.ts'

const LOADER = fileURLToPath(new URL('loader/', CORPUS))
const TESTDATA = join(LOADER, 'testdata')
type Service = Record<string, unknown>

async function services(stdin: string, extra: { env?: Record<string, string>; resolvePaths?: boolean } = {}): Promise<Record<string, Service>> {
  const result = await load({ cwd: LOADER, env: extra.env ?? {}, files: ['-'], stdin, ...(extra.resolvePaths === undefined ? {} : { resolvePaths: extra.resolvePaths }) })
  return result.model['services'] as Record<string, Service>
}

function tempProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'compose-loader-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** Cases that fail today, with the reason. */
const EXPECTED_FAILURES: Record<string, string> = {}

describe('extends fixtures', () => {
  it('TestExtends: other file, chained, with local overrides', async () => {
    const s = await services(`
name: test-extends
services:
  test1: {extends: {file: testdata/extends/base.yaml, service: base}, hostname: test1}
  test2: {extends: {file: testdata/extends/base.yaml, service: base}, hostname: test2}
  test3: {extends: {file: testdata/extends/base.yaml, service: another}, hostname: test3}
`)
    expect(s['test1']).toEqual({ image: 'base', hostname: 'test1' })
    expect(s['test2']).toEqual({ image: 'base', hostname: 'test2' })
    expect(s['test3']).toEqual({ image: 'base', hostname: 'test3' })
  })

  it('TestExtendsPort and TestExtendsUlimits', async () => {
    const s = await services(`
name: test-extends-port
services:
  test: {image: test, extends: {file: testdata/extends/base.yaml, service: with-port}}
  limits: {extends: {file: testdata/extends/base.yaml, service: withUlimits}}
`)
    expect(s['test']?.['ports']).toEqual(['8000:8000'])
    expect(s['limits']?.['ulimits']).toEqual({ nproc: 65535, nofile: { soft: 20000, hard: 40000 } })
  })

  it('TestExtendsRelativePath: paths of the base stay relative to its own folder', async () => {
    const stdin = 'name: t\nservices:\n  test:\n    extends: {file: testdata/extends/base.yaml, service: with-build}\n'
    expect((await services(stdin))['test']?.['build']).toEqual(join(TESTDATA, 'extends'))
    expect((await services(stdin, { resolvePaths: false }))['test']?.['build']).toEqual(join('testdata', 'extends'))
  })

  it('TestExtendsNil: a base service without a body', async () => {
    expect((await services('name: t\nservices:\n  test:\n    image: test\n    extends: {file: testdata/extends/base.yaml, service: nil}\n'))['test']).toEqual({ image: 'test' })
  })

  it('TestIncludeWithExtends', async () => {
    const s = await services('name: t\ninclude:\n  - testdata/extends/nested.yaml\n')
    expect(s['with-build']?.['build']).toEqual(join(TESTDATA, 'extends'))
  })

  it('TestExtendsPortOverride: an override extending the same ports keeps one', async () => {
    const result = await load({
      cwd: LOADER,
      env: {},
      files: ['testdata/extends/ports.yaml', '-'],
      projectDirectory: LOADER,
      stdin: 'services:\n  test:\n    extends: {file: testdata/extends/ports.yaml, service: test}\n',
      projectName: 'p',
    })
    expect((result.model['services'] as Record<string, Service>)['test']?.['ports']).toEqual(['8080:8080'])
  })

  it('TestLoadExtendsSameFile: extends inside an extended file, relative context', async () => {
    const root = tempProject({
      'sub/compose.yaml': 'services:\n  base:\n    build:\n      context: ..\n  service:\n    extends: base\n    build:\n      target: target\n',
      'compose.yaml': 'services:\n  out-base:\n    extends: {file: sub/compose.yaml, service: base}\n  out-service:\n    extends: {file: sub/compose.yaml, service: service}\n',
    })
    const result = await load({ cwd: root, env: {}, projectName: 'project' })
    const s = result.model['services'] as Record<string, Service>
    expect(s['out-base']?.['build']).toEqual({ context: root })
    expect(s['out-service']?.['build']).toEqual({ context: root, target: 'target' })
  })

  it('TestLoadExtendsDependsOn: !override replaces depends_on', async () => {
    const s = await services(`
name: extends-depends_on
services:
  service_a: {image: a, depends_on: [service_c]}
  service_b:
    extends: service_a
    depends_on: !override
      - service_a
  service_c: {image: c}
`)
    expect(s['service_b']?.['depends_on']).toEqual(['service_a'])
  })

  it('TestExtendsReset: !reset in the extended file', async () => {
    const s = await services('name: t\nservices:\n  test:\n    extends: {file: testdata/extends/reset.yaml, service: base}\n')
    expect(s['test']).toEqual({ image: 'alpine:latest' })
  })

  it('TestExtendsWithInterpolation: the extended file is interpolated', async () => {
    const s = await services('name: t\nservices:\n  test:\n    extends: { file: testdata/extends/interpolated.yaml, service: foo }\n')
    expect(s['test']?.['volumes']).toEqual(['/dev/null:/tmp/foo:ro'])
  })

  it('extends/withdir: a chain across folders', async () => {
    const result = await load({ cwd: TESTDATA, env: {}, files: ['extends/withdir/compose.yaml'], projectName: 'p' })
    expect(result.model['services']).toEqual({ test: { image: 'hello-world' } })
  })

  it('TestLoadWithExtends: env_file relative to the extended file', async () => {
    const result = await load({ cwd: TESTDATA, env: {}, files: ['compose-test-extends.yaml'] })
    expect(result.model['services']).toEqual({
      importer: { image: 'nginx', container_name: 'imported', environment: { SOURCE: 'extends' }, volumes: ['/opt/data:/var/lib/mysql'] },
    })
  })

  it('reports an extends cycle with the chain', async () => {
    const error = await loadError({ cwd: LOADER, env: {}, files: ['-'], stdin: 'name: t\nservices:\n  a: {extends: b}\n  b: {extends: c}\n  c: {extends: a}\n' })
    expect(error.code).toBe('LOAD_CYCLE')
    expect(error.issues[0]?.message).toBe('Circular reference:\n  a in <stdin>\n  extends b in <stdin>\n  extends c in <stdin>\n  extends a in <stdin>')
    expect(error.issues[0]?.source).toMatchObject({ file: '<stdin>', line: 3 })
  })

  for (const [name, service] of [['volumes_from', 'with_volumes_from'], ['depends_on', 'with_depends_on'], ['shared ipc', 'with_ipc'], ['shared network_mode', 'with_network_mode']]) {
    corpusCase(`TestExtendsWithServiceRef: ${name}`, EXPECTED_FAILURES[`TestExtendsWithServiceRef: ${name}`], async () => {
      const stdin = `name: t\nservices:\n  bar:\n    extends: {file: ./testdata/extends/depends_on.yaml, service: ${service}}\n`
      const error = await loadError({ cwd: LOADER, env: {}, files: ['-'], stdin })
      expect(messagesOf(error).join('\n')).toContain('service "bar" depends on undefined service "zot"')
      await load({ cwd: LOADER, env: {}, files: ['-'], stdin: `${stdin}  zot:\n    image: zot\n` })
    })
  }
})

describe('include fixtures', () => {
  it('TestLoadIncludeExtendsCombined', async () => {
    const result = await load({ cwd: join(TESTDATA, 'combined'), env: {}, files: ['compose.yaml'], projectName: 'test-load-combined' })
    expect(result.model['services']).toEqual({ service: { build: join(TESTDATA, 'combined', 'dir') } })
  })

  it('TestLoadWithInclude: the included project reads its env_file', async () => {
    const stdin = "name: 'test-include'\ninclude:\n  - path: ./testdata/subdir/compose-test-extends-imported.yaml\n    env_file: ./testdata/subdir/extra.env\nservices:\n  foo:\n    image: busybox\n    depends_on:\n      - imported\n"
    const s = await services(stdin)
    expect(s['imported']).toEqual({ image: 'nginx', container_name: 'extends', environment: { SOURCE: 'extends' }, volumes: ['/opt/data:/var/lib/mysql'] })
    expect((await services(stdin, { env: { SOURCE: 'override' } }))['imported']?.['container_name']).toBe('override')
  })

  it('TestLoadWithMultipleInclude: the same service included twice is no conflict', async () => {
    const s = await services(
      "name: 'test-multi-include'\ninclude:\n  - path: ./testdata/subdir/compose-test-extends-imported.yaml\n    env_file: ./testdata/subdir/extra.env\n  - path: ./testdata/compose-include.yaml\nservices:\n  foo:\n    image: busybox\n    depends_on:\n      - imported\n",
      { env: { SOURCE: 'override' } },
    )
    expect(s['imported']?.['container_name']).toBe('override')
    expect(Object.keys(s).sort()).toEqual(['bar', 'foo', 'imported'])
  })

  it('TestLoadWithMultipleIncludeConflict: a local definition overrides an included one', async () => {
    const s = await services(
      "name: 'test-multi-include'\ninclude:\n  - path: ./testdata/subdir/compose-test-extends-imported.yaml\n    env_file: ./testdata/subdir/extra.env\n  - path: ./testdata/compose-include.yaml\n    env_file: ./testdata/subdir/extra.env\nservices:\n  bar:\n    image: busybox\n    environment: !override\n      - ZOT=QIX\n",
      { env: { SOURCE: 'override' } },
    )
    expect(s['bar']).toEqual({ image: 'busybox', environment: { ZOT: 'QIX' } })
  })

  it('reports two includes defining the same service differently', async () => {
    const root = tempProject({
      'a.yaml': 'services:\n  web: {image: a}\n',
      'b.yaml': 'services:\n  web: {image: b}\n',
      'compose.yaml': 'name: p\ninclude: [a.yaml, b.yaml]\n',
    })
    const error = await loadError({ cwd: root, env: {} })
    expect(error.code).toBe('LOAD_INCLUDE')
    expect(error.issues[0]?.message).toBe(`imported compose file ${join(root, 'b.yaml')} defines conflicting service web`)
    expect(error.issues[0]?.source).toMatchObject({ file: join(root, 'b.yaml'), line: 2 })
  })

  it('TestIncludeRelative: paths relative to the project when not resolved', async () => {
    const result = await load({ cwd: join(TESTDATA, 'include'), env: {}, files: ['compose.yaml'], projectName: 't', resolvePaths: false })
    expect(result.model['services']).toEqual({ included: { build: '.', volumes: ['.:/mnt'] } })
  })

  it('TestLoadWithIncludeEnv: an include env_file feeds only the included services', async () => {
    const root = tempProject({
      'custom.env': 'VAR_NAME=value',
      'compose.yml': 'include:\n  - path:\n    - ./module/compose.yml\n    env_file:\n      - ./custom.env\nservices:\n  a:\n    image: alpine\n    environment:\n      - VAR_NAME\n',
      'module/compose.yml': 'services:\n  b:\n    image: alpine\n    environment:\n      - VAR_NAME\n  c:\n    image: alpine\n    environment:\n      - VAR_NAME\n',
    })
    const s = (await load({ cwd: root, env: {}, projectName: 'project' })).model['services'] as Record<string, Service>
    expect(s['a']?.['environment']).toEqual({ VAR_NAME: null })
    expect(s['b']?.['environment']).toEqual({ VAR_NAME: 'value' })
    expect(s['c']?.['environment']).toEqual({ VAR_NAME: 'value' })
  })

  it('TestIncludeWithProjectDirectory: project_directory rebases the included paths', async () => {
    const host = new PluginHost(HOOK_KINDS, [envPlugin({ keepEnvFiles: true })])
    const result = await loadProject({ cwd: join(TESTDATA, 'include'), env: {}, files: ['project-directory.yaml'], projectName: 't', host })
    const service = (result.model['services'] as Record<string, Service>)['service']
    const subdir = join(TESTDATA, 'subdir')
    expect(service?.['build']).toMatchObject({ context: subdir })
    expect(service?.['volumes']).toEqual([{ type: 'bind', source: join(subdir, 'compose-test-extends-imported.yaml'), target: '/mnt/bind/compose.yaml' }])
    expect(service?.['env_file']).toEqual([join(subdir, 'extra.env')])
    expect(service?.['environment']).toEqual({ SOURCE: 'extends' })
  })

  it('TestNestedIncludeAndExtends: extends.file relative to the include project directory', async () => {
    const root = tempProject({
      'compose.yml': 'include:\n  - project_directory: .\n    path: dir/included.yaml\n',
      'dir/included.yaml': 'services:\n  included:\n    extends:\n      file: dir/extended.yaml\n      service: extended\n',
      'dir/extended.yaml': 'services:\n  extended:\n    image: alpine\n',
    })
    expect((await load({ cwd: root, env: {}, projectName: 'project' })).model['services']).toEqual({ included: { image: 'alpine' } })
  })

  it('TestLoadWithIncludeOverride: a later -f file overrides an included service', async () => {
    const root = tempProject({
      'compose.yaml': "name: 'test-include-override'\ninclude:\n  - ./sub/imported.yaml\n",
      'override.yaml': 'services:\n  imported:\n    image: overridden\n',
      'sub/imported.yaml': 'services:\n  imported:\n    image: nginx\n',
    })
    const s = (await load({ cwd: root, env: {}, files: ['compose.yaml', 'override.yaml'] })).model['services'] as Record<string, Service>
    expect(s['imported']?.['image']).toBe('overridden')
  })
})
