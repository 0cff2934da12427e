/** `up --watch`: converge, print the logs, and apply develop.watch rules until Ctrl-C. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { execRun } from '../../../core/engine/index.ts'
import { client, createProject, until, type TestProject } from './_project.ts'

let p: TestProject
afterEach(async () => {
  await p.cleanup()
})

describe('compose up --watch', () => {
  it('must sync an edited file into the running container and stop on Ctrl-C', async () => {
    p = createProject('upwatch', `services:\n  web:\n    image: busybox:latest\n    command: ["sh", "-c", "echo watching; sleep 3600"]\n    init: true\n    develop:\n      watch:\n        - path: ./src\n          target: /app\n          action: sync\n`)
    mkdirSync(join(p.dir, 'src'))
    writeFileSync(join(p.dir, 'src', 'index.txt'), 'one\n')
    const up = p.spawn(['up', '--watch'])
    await until(() => up.output().stdout.includes('web-1  | watching'), 60_000, 'the log line')
    const [web] = await p.containers()
    await until(() => up.output().stdout.includes('Watching'), 30_000, 'the watch to start')
    writeFileSync(join(p.dir, 'src', 'index.txt'), 'two\n')
    await until(async () => (await execRun(client, web?.id ?? '', ['cat', '/app/index.txt'])).stdout === 'two\n', 30_000, 'the edited file synced')
    up.kill('SIGINT')
    const res = await up.done
    expect(res.code).toBe(130)
  })

  it('refuses --watch with --detach', () => {
    p = createProject('upwatchd', 'services:\n  web:\n    image: busybox:latest\n')
    const res = p.run(['up', '--watch', '-d'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('--watch and --detach are incompatible')
  })
})
