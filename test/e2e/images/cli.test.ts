/**
 * `compose build|pull|push` as a user runs them (`node bin/compose.cjs`, needs `npm run build`):
 * flags reach core, progress goes to stderr, failures exit non-zero with the failing step.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { inspectImage } from '../../../core/engine/api/images.ts'
import { compose } from '../cli-runtime.ts'
import '../helpers.ts'
import { client, runImage, testProject, type TestProject } from './_helpers.ts'
import { dockerConfig, startRegistry, type Registry } from './_registry.ts'

let current: TestProject | undefined
let registry: Registry
let config: { dir: string; remove(): Promise<void> }
const extra: string[] = []

beforeAll(async () => {
  registry = await startRegistry({ auth: true })
  config = await dockerConfig([registry])
})
afterAll(async () => {
  await Promise.all([registry?.stop(), config?.remove()])
})
afterEach(async () => {
  await current?.cleanup(extra.splice(0))
  current = undefined
})

function cli(p: TestProject, args: string[], env: Record<string, string> = {}): ReturnType<typeof compose> {
  return compose(['-p', p.name, '--progress', 'plain', ...args], { cwd: p.dir, env })
}

describe('compose build / pull / push', () => {
  it('build: --build-arg and --no-cache reach the builder, output goes to stderr, -q prints nothing', async () => {
    const p = (current = await testProject({
      'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      args:\n        A: from-file\n',
      Dockerfile: 'FROM busybox:latest\nARG A\nRUN echo "A is $A" && echo "$A" > /a\n',
    }))
    const first = cli(p, ['build', '--build-arg', 'A=from-cli', '--no-cache'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toBe('')
    expect(first.stderr).toContain('A is from-cli')
    expect(first.stderr).toMatch(new RegExp(`Image ${p.name}-web +Built`))
    expect((await runImage(`${p.name}-web`, ['cat', '/a'])).stdout).toBe('from-cli\n')
    const quiet = cli(p, ['build', '-q'])
    expect(quiet.code, quiet.stderr).toBe(0)
    expect(quiet.stdout + quiet.stderr).toBe('')
    const dry = cli(p, ['--dry-run', 'build'])
    expect(dry.stdout).toBe('DRY-RUN MODE - build service web\n')
    // docker-compose v1's switches are accepted and change nothing; --parallel N before the command still limits
    const legacy = cli(p, ['--dry-run', '--parallel', '1', 'build', '--parallel', '--compress', '--force-rm', '--no-rm'])
    expect(legacy.code, legacy.stderr).toBe(0)
    expect(legacy.stdout).toBe('DRY-RUN MODE - build service web\n')
    expect(cli(p, ['--dry-run', 'pull', '--parallel', '--no-parallel', '--ignore-buildable']).code).toBe(0)
  })

  it('build: a failing step exits non-zero and names the step', async () => {
    const p = (current = await testProject({ 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: 'FROM busybox:latest\nRUN echo kaboom && false\n' }))
    const res = cli(p, ['build'])
    expect(res.code).not.toBe(0)
    expect(res.stderr).toMatch(/service "web": failed to build .* at Step 2\/\d+ : RUN echo kaboom && false/)
    expect(res.stderr).toContain('kaboom')
  })

  it('push then pull through an authenticated registry with credentials from DOCKER_CONFIG', async () => {
    const ref = `${registry.address}/compose-e2e/cli:1`
    extra.push(ref)
    const p = (current = await testProject({ 'compose.yaml': `services:\n  web:\n    image: ${ref}\n    build: .\n`, Dockerfile: 'FROM busybox:latest\nRUN echo cli > /cli\n' }))
    const env = { DOCKER_CONFIG: config.dir }
    const built = cli(p, ['build', '--push'], env)
    expect(built.code, built.stderr).toBe(0)
    expect(built.stderr).toMatch(new RegExp(`Image ${ref.replace(/[.]/g, '\\.')} +Pushed sha256:`))
    await client.json({ method: 'DELETE', path: `/images/${encodeURIComponent(ref)}` })
    const pulled = cli(p, ['pull', 'web'], env)
    expect(pulled.code, pulled.stderr).toBe(0)
    expect(pulled.stderr).toMatch(/Pulling \d+\/\d+ layers?/)
    expect(pulled.stderr).toMatch(/Pulled/)
    expect((await inspectImage(client, ref)).RepoTags).toContain(ref)
    const denied = cli(p, ['push'], { DOCKER_CONFIG: `${config.dir}-none` })
    expect(denied.code).not.toBe(0)
    expect(denied.stderr).toMatch(/push of .* failed/)
  })

  it('config --resolve-image-digests pins images to the digest the registry gives; --lock-image-digests keeps only them', async () => {
    const ref = `${registry.address}/compose-e2e/pin:1`
    extra.push(ref)
    const p = (current = await testProject({
      'compose.yaml': `services:\n  web:\n    image: ${ref}\n    build: .\n    environment: { A: "1" }\n  pinned:\n    image: ${ref}@sha256:${'0'.repeat(64)}\n    pre_start:\n      - image: busybox\n`,
      Dockerfile: 'FROM busybox:latest\nRUN echo pin > /pin\n',
      'absent.yaml': `services:\n  gone:\n    image: ${registry.address}/compose-e2e/absent:1\n`,
    }))
    const env = { DOCKER_CONFIG: config.dir }
    const built = cli(p, ['build', '--push', 'web'], env)
    expect(built.code, built.stderr).toBe(0)
    const pushed = /Pushed (sha256:[0-9a-f]{64})/.exec(built.stderr)?.[1]
    expect(pushed).toBeDefined()
    const resolved = cli(p, ['config', '--resolve-image-digests', '--format', 'json'], env)
    expect(resolved.code, resolved.stderr).toBe(0)
    const doc = JSON.parse(resolved.stdout) as { services: Record<string, { image: string; environment?: object }> }
    expect(doc.services.web?.image).toBe(`${ref}@${pushed}`)
    expect(doc.services.web?.environment).toEqual({ A: '1' })
    // a reference with a digest is only normalized (nothing to ask): the digest wins over the tag
    const zero = `${registry.address}/compose-e2e/pin@sha256:${'0'.repeat(64)}`
    expect(doc.services.pinned?.image).toBe(zero)
    const locked = cli(p, ['config', '--lock-image-digests'], env)
    expect(locked.code, locked.stderr).toBe(0)
    expect(locked.stdout).toBe(`services:\n  pinned:\n    image: ${zero}\n  web:\n    image: ${ref}@${pushed}\n`)
    expect(locked.stderr).toContain('service "pinned": pre_start hook images are not pinned')
    // an image the registry does not have
    const missing = cli(p, ['-f', 'absent.yaml', 'config', '--resolve-image-digests'], env)
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain(`failed to resolve digest for ${registry.address}/compose-e2e/absent:1`)
  })

  it('pull: --ignore-pull-failures succeeds with a warning; --policy is checked', async () => {
    const p = (current = await testProject({ 'compose.yaml': `services:\n  gone:\n    image: ${registry.address}/compose-e2e/nothing:1\n` }))
    const env = { DOCKER_CONFIG: config.dir }
    expect(cli(p, ['pull'], env).code).not.toBe(0)
    const ignored = cli(p, ['pull', '--ignore-pull-failures'], env)
    expect(ignored.code, ignored.stderr).toBe(0)
    expect(ignored.stderr).toMatch(/WARN.*pull of .*nothing:1 failed/)
    const bad = cli(p, ['pull', '--policy', 'sometimes'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('invalid --policy value')
  })
})
