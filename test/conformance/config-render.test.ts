/**
 * `config` over the corpus through the real pipeline (`loadProject` + compose:env): every
 * awesome/ sample and conformance/ case loads, validates, normalizes, passes the consistency
 * checks and renders as YAML and JSON; docker compose's own `config` e2e expectations hold.
 */
import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { isComposeError } from '../../core/errors.ts'
import { normalizeRawModel } from '../../core/loader/normalize.ts'
import { renderConfig, renderRawModel, renderServices } from '../../core/config/render.ts'
import { corpusPath, loadWithPipeline, readYaml, rel, yamlFiles } from './_corpus.ts'

function samples(): string[] {
  return readdirSync(corpusPath('awesome'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => corpusPath('awesome', d.name))
}

describe('awesome samples render with config', () => {
  const dirs = samples()
  it('finds the 39 samples', () => expect(dirs.length).toBe(39))
  for (const dir of dirs) {
    it(rel(dir), async () => {
      const result = await loadWithPipeline({ cwd: dir })
      const project = result.project
      expect(Object.keys(project.services).length).toBeGreaterThan(0)
      for (const format of ['yaml', 'json'] as const) {
        const text = renderConfig(project, { format })
        const back = (format === 'json' ? JSON.parse(text) : parse(text)) as { name: string; services: Record<string, unknown> }
        expect(back.name).toBe(project.name)
        expect(Object.keys(back.services).sort()).toEqual(Object.keys(project.services).sort())
      }
    })
  }
})

describe('conformance cases load', () => {
  for (const file of yamlFiles(corpusPath('conformance', 'tests'))) {
    it(rel(file), async () => {
      const result = await loadWithPipeline({ cwd: dirname(file), files: [file] })
      expect(renderConfig(result.project)).toContain('services:')
    })
  }
})

describe('docker compose config e2e expectations', () => {
  const testdata = (name: string): string => corpusPath('e2e', 'testdata', name)

  it('TestConfig: resolves the build context and names the default network', async () => {
    const dir = testdata('TestConfig')
    const { project } = await loadWithPipeline({ cwd: dir, projectName: 'e2e-config' })
    expect(renderConfig(project)).toContain(
      `name: e2e-config\nservices:\n  nginx:\n    build:\n      context: ${dir}/nginx-build\n      dockerfile: Dockerfile\n    networks:\n      default: null\nnetworks:\n  default:\n    name: e2e-config_default\n`,
    )
  })

  it('TestConfigInterpolate: --no-interpolate keeps variables, still resolves paths', async () => {
    const dir = testdata('TestConfigInterpolate')
    const result = await loadWithPipeline({ cwd: dir, projectName: 'e2e-config-interpolate', noInterpolate: true, consistency: false })
    const model = normalizeRawModel(result.model, {
      projectName: result.name,
      workingDir: result.workingDir,
      home: '/home/test',
      env: result.environment,
      resolvePaths: true,
      normalize: true,
    }, { lenient: true })
    expect(renderRawModel(model)).toContain(
      `name: e2e-config-interpolate\nnetworks:\n  default:\n    name: e2e-config-interpolate_default\nservices:\n  nginx:\n    build:\n      context: ${dir}/nginx-build\n      dockerfile: \${MYVAR}\n    networks:\n      default: null\n`,
    )
  })

  it('TestLocalComposeConfig: ports expand in YAML and JSON', async () => {
    const dir = testdata('TestLocalComposeConfig')
    const { project } = await loadWithPipeline({ cwd: dir, projectName: 'e2e-local-compose-config' })
    expect(renderConfig(project)).toContain('\n    ports:\n      - mode: ingress\n        target: 80\n        published: "8080"\n        protocol: tcp')
    expect(renderConfig(project, { format: 'json' })).toContain('"published": "8080"')
  })

  it('TestLocalComposeConfig: --no-interpolate keeps the port expression', () => {
    // loadProject({noInterpolate}) builds a typed Project, which `${PORT:-8080}:80` cannot be
    // yet; docker compose renders the raw model here (ToModel), so this case goes around it.
    const dir = testdata('TestLocalComposeConfig')
    const model = normalizeRawModel(readYaml(`${dir}/compose.yaml`), {
      projectName: 'x', workingDir: dir, home: '/home/test', env: {}, resolvePaths: true, normalize: true,
    }, { lenient: true })
    expect(renderRawModel(model)).toContain('- ${PORT:-8080}:80')
  })

  it('wrong-composefile fails with a clear message naming the key and its position', async () => {
    const dir = corpusPath('e2e', 'fixtures', 'wrong-composefile')
    const error = await loadWithPipeline({ cwd: dir }).then(() => undefined, (e: unknown) => e)
    expect(isComposeError(error)).toBe(true)
    if (!isComposeError(error)) return
    const issue = error.issues.find((i) => i.message.includes('wrongField'))
    expect(issue?.message).toBe('services.simple: unknown key `wrongField`')
    expect(issue?.source).toMatchObject({ line: 4 })
  })

  it('services print in dependency order', async () => {
    const { project } = await loadWithPipeline({ cwd: corpusPath('awesome', 'nginx-golang-mysql') })
    const order = renderServices(project).trim().split('\n')
    expect(order.indexOf('db')).toBeLessThan(order.indexOf('backend'))
    expect(order.indexOf('backend')).toBeLessThan(order.indexOf('proxy'))
  })
})
