import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCompose } from './compose.ts'
import { createLoadCache } from './load-cache.ts'

describe('LoadCache', () => {
  it('reuses a load until a file the loader read, or looked for, changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-cache-'))
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:${TAG:-1}\n    extends: { file: base.yaml, service: base }\n')
    writeFileSync(join(dir, 'base.yaml'), 'services:\n  base:\n    environment: { FROM: base }\n')
    writeFileSync(join(dir, '.env'), 'TAG=2\n')
    const compose = createCompose({ cwd: dir, env: {}, configFile: false })
    const cache = createLoadCache()
    const load = () => cache.get('k', (fs) => compose.load({ projectName: 'cached', fs }))
    const first = await load()
    expect(first.project.services.web?.image).toBe('busybox:2')
    expect(await load()).toBe(first)

    writeFileSync(join(dir, '.env'), 'TAG=3\n') // an env file
    const second = await load()
    expect(second).not.toBe(first)
    expect(second.project.services.web?.image).toBe('busybox:3')

    writeFileSync(join(dir, 'base.yaml'), 'services:\n  base:\n    environment: { FROM: changed }\n') // an extended file
    const third = await load()
    expect(third.project.services.web?.environment).toMatchObject({ FROM: 'changed' })

    writeFileSync(join(dir, 'compose.override.yaml'), 'services:\n  web:\n    image: busybox:override\n') // a file that was missing
    expect((await load()).project.services.web?.image).toBe('busybox:override')
    expect(cache.size).toBe(1)
  })
})
