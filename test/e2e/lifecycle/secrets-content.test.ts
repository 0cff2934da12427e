/** `environment:` secrets and `content:` configs are written into the container before it starts. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCompose } from '../../../adapters/lib/compose.ts'
import { execRun } from '../../../core/engine/api/exec.ts'
import { cleanup, client, engineUp, projectContainers, uniqueName } from './_helpers.ts'

await engineUp()
let name = ''
afterEach(async () => {
  await cleanup(name)
})

describe('secrets and configs without a file', () => {
  it('must be readable at their targets with their mode: secrets from the environment, configs from content', async () => {
    name = uniqueName('inject')
    const dir = mkdtempSync(join(tmpdir(), 'compose-inject-'))
    writeFileSync(
      join(dir, 'compose.yaml'),
      [
        `name: ${name}`,
        'services:',
        '  app:',
        '    image: busybox:latest',
        '    command: [sleep, "600"]',
        '    stop_grace_period: 1s',
        '    secrets: [token, { source: pass, target: db/password, mode: 0400 }]',
        '    configs: [{ source: settings, target: /etc/app/settings.ini }]',
        'secrets:',
        '  token: { environment: TOKEN }',
        '  pass: { environment: DB_PASS }',
        'configs:',
        '  settings: { content: "[app]\\nlevel=debug\\n" }',
        '',
      ].join('\n'),
    )
    const project = await createCompose({ cwd: dir, env: { DB_PASS: 'from-the-env', TOKEN: 's3cr3t' }, configFile: false }).project()
    try {
      await project.up({})
      const [app] = await projectContainers(name)
      const cat = async (path: string): Promise<string> => (await execRun(client, app?.id ?? '', ['cat', path])).stdout
      expect(await cat('/run/secrets/token')).toBe('s3cr3t')
      expect(await cat('/run/secrets/db/password')).toBe('from-the-env')
      expect(await cat('/etc/app/settings.ini')).toBe('[app]\nlevel=debug\n')
      const modes = await execRun(client, app?.id ?? '', ['stat', '-c', '%a %n', '/run/secrets/token', '/run/secrets/db/password'])
      expect(modes.stdout).toBe('444 /run/secrets/token\n400 /run/secrets/db/password\n')
      // a one-off container of the service gets them too
      let out = ''
      const run = await project.run({ service: 'app', command: ['cat', '/run/secrets/token', '/etc/app/settings.ini'], rm: true, noDeps: true, io: { stdout: (b) => void (out += new TextDecoder().decode(b)), stderr: () => {} } })
      expect(run.exitCode).toBe(0)
      expect(out).toBe('s3cr3t[app]\nlevel=debug\n')
      // a changed value reaches the container at its next start, without recreating it
      const rotated = await createCompose({ cwd: dir, env: { DB_PASS: 'from-the-env', TOKEN: 'rotated' }, configFile: false }).project()
      try {
        await rotated.stop({ timeout: 0 })
        await rotated.start({})
        const [again] = await projectContainers(name)
        expect(again?.id).toBe(app?.id)
        expect(await cat('/run/secrets/token')).toBe('rotated')
      } finally {
        await rotated.close()
      }
    } finally {
      await project.down({ timeout: 0 })
      await project.close()
    }
  })
})
