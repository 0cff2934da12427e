/** `start --wait` and `--wait-timeout`, like `up --wait`. */
import { afterEach, describe, expect, it } from 'vitest'
import { inspectContainer } from '../../../core/engine/index.ts'
import { client, createProject, type TestProject } from './_project.ts'

let p: TestProject
afterEach(async () => {
  await p.cleanup()
})

const service = (test: string) =>
  `services:\n  db:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n    stop_grace_period: 1s\n    healthcheck: { test: ["CMD", "${test}"], interval: 1s, timeout: 1s, retries: 30 }\n`

describe('compose start --wait', () => {
  it('must return once the started services are healthy', async () => {
    p = createProject('startwait', service('true'))
    expect(p.run(['create']).code).toBe(0)
    const res = p.run(['start', '--wait'])
    expect(res.code, res.stderr).toBe(0)
    const [db] = await p.containers()
    expect((await inspectContainer(client, db?.id ?? '')).State.Health?.Status).toBe('healthy')
  })

  it('must fail after --wait-timeout when a service never becomes healthy', async () => {
    p = createProject('startwaitto', service('false'))
    expect(p.run(['create']).code).toBe(0)
    const res = p.run(['start', '--wait', '--wait-timeout', '3'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('not healthy after 3s')
  })
})
