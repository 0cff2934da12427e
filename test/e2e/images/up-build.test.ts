/**
 * `up` and images: a service with `build:` and no image is built first; `--build` rebuilds;
 * `--no-build` refuses; a rebuilt image recreates the container; `down --rmi local|all`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { listContainers } from '../../../core/engine/api/containers.ts'
import { inspectImage } from '../../../core/engine/api/images.ts'
import { isComposeError } from '../../../core/errors.ts'
import '../helpers.ts'
import { client, runImage, statuses, testProject, type TestProject } from './_helpers.ts'

let current: TestProject | undefined
afterEach(async () => {
  await current?.cleanup()
  current = undefined
})

async function exists(ref: string): Promise<boolean> {
  return inspectImage(client, ref).then(
    () => true,
    () => false,
  )
}

async function running(project: string, service: string): Promise<{ id: string; image: string }[]> {
  const list = await listContainers(client, { filters: { label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`] } })
  return list.map((c) => ({ id: c.Id, image: c.ImageID }))
}

describe('up with build', () => {
  it('must build a missing image, reuse it on the next up, rebuild with --build', async () => {
    const p = (current = await testProject({
      'compose.yaml': 'services:\n  web:\n    build: .\n    command: ["sleep", "300"]\n    stop_grace_period: 1s\n',
      Dockerfile: 'FROM busybox:latest\nRUN echo one > /version\n',
    }))
    const image = `${p.name}-web`
    await (await p.open()).up({})
    expect(statuses(p.events, `Image ${image}`)).toEqual(expect.arrayContaining(['Building', 'Built']))
    const first = await running(p.name, 'web')
    expect(first).toHaveLength(1)
    expect(first[0]?.image).toBe((await inspectImage(client, image)).Id)

    p.events.length = 0
    await (await p.open()).up({})
    expect(statuses(p.events, `Image ${image}`)).toEqual([])
    expect((await running(p.name, 'web'))[0]?.id).toBe(first[0]?.id)

    await p.write({ Dockerfile: 'FROM busybox:latest\nRUN echo two > /version\n' })
    p.events.length = 0
    await (await p.open()).up({ build: true })
    expect(statuses(p.events, `Image ${image}`)).toContain('Built')
    const second = await running(p.name, 'web')
    expect(second[0]?.id).not.toBe(first[0]?.id)
    expect((await runImage(image, ['cat', '/version'])).stdout).toBe('two\n')
  })

  it('must refuse a missing image with --no-build, naming the service', async () => {
    const p = (current = await testProject({ 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: 'FROM busybox:latest\n' }))
    const error: unknown = await (await p.open()).up({ noBuild: true }).catch((e: unknown) => e)
    expect(isComposeError(error, 'CONVERGE_IMAGE_MISSING')).toBe(true)
    expect((error as Error).message).toContain('service "web"')
    expect(await exists(`${p.name}-web`)).toBe(false)
  })

  it('must rebuild on every up with pull_policy: build', async () => {
    const p = (current = await testProject({
      'compose.yaml': 'services:\n  web:\n    build: .\n    pull_policy: build\n    command: ["true"]\n',
      Dockerfile: 'FROM busybox:latest\n',
    }))
    await (await p.open()).up({})
    p.events.length = 0
    await (await p.open()).up({})
    expect(statuses(p.events, `Image ${p.name}-web`)).toContain('Built')
  })

  it('must remove built images with down --rmi local and named ones with --rmi all', async () => {
    const p = (current = await testProject({ 'compose.yaml': 'services:\n  local:\n    build: .\n    command: ["true"]\n  named:\n    image: ${COMPOSE_PROJECT_NAME}-named:1\n    build: .\n    command: ["true"]\n', Dockerfile: 'FROM busybox:latest\n' }))
    await (await p.open()).up({})
    expect(await exists(`${p.name}-local`)).toBe(true)
    expect(await exists(`${p.name}-named:1`)).toBe(true)
    await (await p.open()).down({ rmi: 'local' })
    expect(await exists(`${p.name}-local`)).toBe(false)
    expect(await exists(`${p.name}-named:1`)).toBe(true)
    p.events.length = 0
    await (await p.open()).down({ rmi: 'all' })
    expect(await exists(`${p.name}-named:1`)).toBe(false)
    // the image of "local" is gone already: nothing to warn about
    expect(p.events.filter((e) => e.type === 'warning')).toEqual([])
    expect(await exists('busybox:latest')).toBe(true)
  })
})
