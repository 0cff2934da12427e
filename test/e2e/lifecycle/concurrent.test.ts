/** Two `up` of one project at once (library, no CLI lock): one network, one container per replica. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCompose } from '../../../adapters/lib/compose.ts'
import { listNetworks } from '../../../core/engine/api/networks.ts'
import { cleanup, client, engineUp, projectContainers, uniqueName } from './_helpers.ts'

await engineUp()
let name = ''
afterEach(async () => {
  await cleanup(name)
})

describe('concurrent up', () => {
  it('must end with exactly one network per name and one container per service, and down leaves nothing', async () => {
    name = uniqueName('race')
    const dir = mkdtempSync(join(tmpdir(), 'compose-race-'))
    writeFileSync(join(dir, 'compose.yaml'), `name: ${name}\nservices:\n  a: { image: busybox:latest, command: [sleep, "600"], stop_grace_period: 1s }\n  b: { image: busybox:latest, command: [sleep, "600"], stop_grace_period: 1s }\n`)
    const open = async () => createCompose({ cwd: dir, env: { ...process.env }, configFile: false }).project()
    const [one, two] = await Promise.all([open(), open()])
    const results = await Promise.allSettled([one.up({}), two.up({})])
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason))
    // both may succeed; one may lose a container-name race with a clear conflict, never an ambiguous network
    for (const f of failures) expect(f).not.toMatch(/ambiguous/)
    expect(failures.length).toBeLessThan(2)
    const networks = (await listNetworks(client, { filters: { name: [`${name}_default`] } })).filter((n) => n.Name === `${name}_default`)
    expect(networks).toHaveLength(1)
    await one.up({})
    const containers = await projectContainers(name)
    expect(containers.map((c) => c.labels['com.docker.compose.service']).sort()).toEqual(['a', 'b'])
    await one.down({ timeout: 0 })
    expect(await projectContainers(name)).toEqual([])
    expect((await listNetworks(client, { filters: { name: [`${name}_default`] } })).filter((n) => n.Name === `${name}_default`)).toEqual([])
    await Promise.all([one.close(), two.close()])
  })
})
