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

  it('start must wait for a dependency to be healthy before starting its dependent (depends_on condition)', async () => {
    p = createProject(
      'startdeps',
      `services:
  db:
    image: busybox:latest
    # healthy two seconds after each start
    command: ["sh", "-c", "rm -f /tmp/up; (sleep 2; touch /tmp/up) & exec sleep 3600"]
    init: true
    stop_grace_period: 1s
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/up"], interval: 500ms, timeout: 1s, retries: 30 }
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    init: true
    stop_grace_period: 1s
    depends_on: { db: { condition: service_healthy } }
`,
    )
    expect(p.run(['up', '-d', '--wait']).code).toBe(0)
    expect(p.run(['stop', '-t', '0']).code).toBe(0)
    const res = p.run(['start'])
    expect(res.code, res.stderr).toBe(0)
    const [db, web] = await p.containers()
    const dbState = (await inspectContainer(client, db?.id ?? '')).State
    const webState = (await inspectContainer(client, web?.id ?? '')).State
    expect(dbState.Health?.Status).toBe('healthy')
    expect(webState.Running).toBe(true)
    // web was started once db was healthy: at least the two seconds db takes
    expect(Date.parse(webState.StartedAt) - Date.parse(dbState.StartedAt)).toBeGreaterThanOrEqual(1500)
  })

  it('must fail after --wait-timeout when a service never becomes healthy', async () => {
    p = createProject('startwaitto', service('false'))
    expect(p.run(['create']).code).toBe(0)
    const res = p.run(['start', '--wait', '--wait-timeout', '3'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('not healthy after 3s')
  })
})
