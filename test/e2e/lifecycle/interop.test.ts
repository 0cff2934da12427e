import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { up } from '../../../core/commands/index.ts'
import { cleanup, client, context, engineUp, makeProject, projectContainers, uniqueName } from './_helpers.ts'

const ok = await engineUp()
let hasV1 = false
try {
  execFileSync('docker-compose', ['version'], { stdio: 'ignore' })
  hasV1 = true
} catch {
  hasV1 = false
}
const name = uniqueName('lcv1')

describe('interop with docker-compose v1.29.2', () => {
  afterAll(async () => {
    await cleanup(name)
  })

  it('a project we started must be listed by `docker-compose ps` and taken down by `docker-compose down`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lcv1-'))
    const file = join(dir, 'compose.yaml')
    writeFileSync(file, `version: "3.8"\nservices:\n  web:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n`)
    await up(client, makeProject(name, { web: {} }, { workingDir: dir }), {}, { ...context(), labels: { workingDir: dir, configFiles: [file] } })
    const env = { ...process.env, COMPOSE_PROJECT_NAME: name }
    const ps = execFileSync('docker-compose', ['-f', file, 'ps'], { cwd: dir, env, encoding: 'utf8' })
    expect(ps).toContain(`${name}-web-1`)
    expect(ps).toMatch(/Up/)
    const q = execFileSync('docker-compose', ['-f', file, 'ps', '-q'], { cwd: dir, env, encoding: 'utf8' }).trim()
    expect(q).toBe((await projectContainers(name))[0]?.id)
    execFileSync('docker-compose', ['-f', file, 'down', '-t', '1'], { cwd: dir, env, stdio: 'ignore' })
    expect(await projectContainers(name)).toEqual([])
  })
})
