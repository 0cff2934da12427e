import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compose, REPO, run } from './cli-runtime.ts'

interface Report {
  compose: { version: string; runtime: string }
  engine: { version: string; apiVersion: string; serverApiVersion: string }
}

function expectEngineReport(stdout: string, runtime: string): void {
  const report = JSON.parse(stdout) as Report
  expect(report.compose).toMatchObject({ version: '0.1.0', runtime })
  expect(report.engine.version).toMatch(/^\d+\.\d+/)
  expect(report.engine.apiVersion).toMatch(/^1\.\d+$/)
}

describe('compose version talks to the engine on every runtime', () => {
  it('npx compose version runs the bin with plain node', () => {
    // an npm cache of its own: npx keeps a checkout's bin links from the first time it ran
    // there, so a stale one from an earlier build at the same path must not answer
    const res = run('npx', ['--no-install', 'compose', 'version'], { env: { npm_config_cache: mkdtempSync(join(tmpdir(), 'e2e-npx-cache-')) } })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/^compose version 0\.1\.0 \(node /)
    expect(res.stdout).toMatch(/Docker Engine \S+ at unix:\/\/\/var\/run\/docker\.sock/)
    expect(res.stdout).toMatch(/API version: 1\.\d+ \(server 1\.\d+, client max 1\.\d+\)/)
    expectEngineReport(compose(['version', '--format', 'json']).stdout, 'node')
  })

  it('deno task compose version runs the TypeScript sources', () => {
    const res = run('deno', ['task', '-q', 'compose', 'version', '--format', 'json'])
    expect(res.code, res.stderr).toBe(0)
    expectEngineReport(res.stdout, 'deno')
  })

  it('bunx compose version works in another project with a file: dependency', () => {
    const project = mkdtempSync(join(tmpdir(), 'compose-bunx-'))
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, dependencies: { compose: `file:${REPO}` } }))
    const install = run('bun', ['install'], { cwd: project })
    expect(install.code, install.stderr).toBe(0)
    const viaShebang = run('bunx', ['compose', 'version', '--format', 'json'], { cwd: project })
    expect(viaShebang.code, viaShebang.stderr).toBe(0)
    expectEngineReport(viaShebang.stdout, 'node')
    const onBun = run('bunx', ['--bun', 'compose', 'version', '--format', 'json'], { cwd: project })
    expect(onBun.code, onBun.stderr).toBe(0)
    expectEngineReport(onBun.stdout, 'bun')
  })

  it('--short prints only our version, without asking the engine', () => {
    const res = compose(['version', '--short'], { env: { DOCKER_HOST: 'unix:///nonexistent.sock' } })
    expect(res).toMatchObject({ code: 0, stdout: '0.1.0\n' })
  })
})

describe('an unreachable engine', () => {
  it('is reported with the address tried and what to do, without a stack trace', () => {
    const res = compose(['version'], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } })
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('cannot connect to the Docker Engine at unix:///nonexistent/docker.sock: no such socket')
    expect(res.stderr).toMatch(/hint: is dockerd running\?/)
    expect(res.stderr).not.toMatch(/\n\s+at /)
  })

  it('a refused TCP port is named too', () => {
    const res = compose(['version'], { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } })
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('tcp://127.0.0.1:1')
    expect(res.stderr).toContain('connection refused')
  })
})

describe('usage errors', () => {
  it('suggest the command that was meant', () => {
    const res = compose(['verison'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('unknown command "verison"')
    expect(res.stderr).toContain('did you mean version?')
  })
})
