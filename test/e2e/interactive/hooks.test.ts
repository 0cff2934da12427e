import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCompose } from '../../../adapters/lib/index.ts'
import type { ComposeEvent } from '../../../core/index.ts'
import { dockerExec, engineUp, tempProject } from './_helpers.ts'

const ok = await engineUp()

const yaml = `
services:
  app:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    working_dir: /
    environment:
      SVC_VAR: from-service
      OVERRIDDEN: service
    volumes:
      - ./out:/out
    post_start:
      - command: ["sh", "-c", "echo \\"$$(id -un) $$(pwd) $$SVC_VAR $$OVERRIDDEN $$HOOK_VAR\\" > /tmp/post_start"]
        user: nobody
        working_dir: /etc
        environment:
          HOOK_VAR: from-hook
          OVERRIDDEN: hook
    pre_stop:
      - command: ["sh", "-c", "echo stopping-$$SVC_VAR >> /out/pre_stop"]
  broken:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    profiles: [broken]
    post_start:
      - command: ["sh", "-c", "echo nope >&2; exit 3"]
`

describe('service lifecycle hooks', () => {
  const p = tempProject('e2eihook', yaml)
  p.write('out/.keep', '')
  afterAll(() => p.dispose())

  it('post_start must have run, with its user, working_dir and environment, when up returns', async () => {
    const events: ComposeEvent[] = []
    const project = await createCompose({ cwd: p.dir, emit: (e) => events.push(e) }).project({ projectName: p.name })
    try {
      await project.up()
      // no waiting: up reports the container started only after its post_start hooks
      expect(dockerExec(`${p.name}-app-1`, ['cat', '/tmp/post_start'])).toBe('nobody /etc from-service hook from-hook\n')
      expect(events.some((e) => e.type === 'warning' && e.message.includes('post_start'))).toBe(false)
    } finally {
      await project.close()
    }
  })

  it('pre_stop must run before compose stops the container (stop, restart, down), never when it dies on its own', async () => {
    const project = await createCompose({ cwd: p.dir }).project({ projectName: p.name })
    const log = join(p.dir, 'out/pre_stop')
    try {
      await project.stop()
      expect(readFileSync(log, 'utf8')).toBe('stopping-from-service\n')
      await project.start()
      await project.restart()
      expect(readFileSync(log, 'utf8')).toBe('stopping-from-service\n'.repeat(2))
      await project.kill()
      expect(readFileSync(log, 'utf8')).toBe('stopping-from-service\n'.repeat(2))
      await project.start()
      await project.down()
      expect(readFileSync(log, 'utf8')).toBe('stopping-from-service\n'.repeat(3))
    } finally {
      await project.close()
    }
  })

  it('a post_start hook exiting non-zero must fail the start with the exit status; run -d runs post_start too', async () => {
    const project = await createCompose({ cwd: p.dir }).project({ projectName: p.name, profiles: ['broken'] })
    try {
      await expect(project.up({ services: ['broken'] })).rejects.toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringMatching(/\[CONVERGE_HOOK_FAILED\].*post_start hook .* exited with status 3/) })
      const run = await project.run({ service: 'app', detach: true, command: ['sleep', '30'] })
      expect(dockerExec(run.container, ['cat', '/tmp/post_start'])).toContain('from-hook')
      expect(existsSync(join(p.dir, 'out'))).toBe(true)
    } finally {
      await project.close()
    }
  })
})
