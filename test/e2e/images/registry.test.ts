/**
 * Registry round trips against local `docker-registry` instances (without auth, and with
 * htpasswd basic auth whose credentials sit in a temp DOCKER_CONFIG `auths`): build our image,
 * push it, remove it locally, pull it back, and `up` a service that needs it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listContainers } from '../../../core/engine/api/containers.ts'
import { inspectImage, removeImage } from '../../../core/engine/api/images.ts'
import { isComposeError } from '../../../core/errors.ts'
import type { ComposeEvent } from '../../../core/events.ts'
import '../helpers.ts'
import { client, runImage, statuses, testProject, type TestProject } from './_helpers.ts'
import { dockerConfig, registryAvailable, REGISTRY_BINARY, startRegistry, type Registry } from './_registry.ts'

if (!registryAvailable()) {
  // never a silent skip: scripts/setup-machine.sh installs Debian's docker-registry
  throw new Error(`the registry suites need ${REGISTRY_BINARY} (apt-get install docker-registry)`)
}

let open: Registry
let secured: Registry
let config: { dir: string; remove(): Promise<void> }
const projects: TestProject[] = []
const extraImages: string[] = []

beforeAll(async () => {
  ;[open, secured] = await Promise.all([startRegistry(), startRegistry({ auth: true })])
  config = await dockerConfig([secured])
})
afterAll(async () => {
  await Promise.all([open?.stop(), secured?.stop(), config?.remove()])
})
afterEach(async () => {
  // consumers first: an image pulled by one project may carry the labels of the project that built it
  for (const p of projects.splice(0).reverse()) await p.cleanup(extraImages)
  for (const ref of extraImages.splice(0)) await removeImage(client, ref, { force: true }).catch(() => undefined)
})

async function track(files: Record<string, string>): Promise<TestProject> {
  const p = await testProject(files)
  projects.push(p)
  return p
}

async function present(ref: string): Promise<boolean> {
  return inspectImage(client, ref).then(
    () => true,
    () => false,
  )
}

async function untag(ref: string): Promise<void> {
  await removeImage(client, ref, { force: true })
  expect(await present(ref)).toBe(false)
}

function producer(ref: string): Record<string, string> {
  return {
    'compose.yaml': `services:\n  web:\n    image: ${ref}\n    build: .\n`,
    Dockerfile: 'FROM busybox:latest\nRUN echo from-the-registry > /origin\n',
  }
}

function consumer(ref: string, policy?: string): Record<string, string> {
  const pull = policy === undefined ? '' : `    pull_policy: ${policy}\n`
  return { 'compose.yaml': `services:\n  app:\n    image: ${ref}\n${pull}    command: ["sleep", "300"]\n    stop_grace_period: 1s\n` }
}

/** The image ID the project's running container was created from. */
async function runningImage(project: string): Promise<string | undefined> {
  const list = await listContainers(client, { filters: { label: [`com.docker.compose.project=${project}`] } })
  return list[0]?.ImageID
}

function pullDetails(events: readonly ComposeEvent[], id: string): string[] {
  return events.flatMap((e) => (e.type === 'progress' && e.id === id && e.status === 'Pulling' && e.detail !== undefined ? [e.detail] : []))
}

describe.each([
  ['without auth', () => open, {} as Record<string, string>],
  ['with basic auth', () => secured, {} as Record<string, string>],
])('registry round trip %s', (label, registry, baseEnv) => {
  it('must build, push, remove, pull back and up a service that needs the image', async () => {
    const reg = registry()
    const env = { ...baseEnv, DOCKER_CONFIG: config.dir }
    const ref = `${reg.address}/compose-e2e/${label.replace(/ /g, '-')}:1`
    extraImages.push(ref)
    const p = await track(producer(ref))
    const project = await p.open(env)
    await project.build()
    const pushed = await project.push()
    expect(pushed.pushed).toEqual([{ service: 'web', image: ref, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }])
    expect(statuses(p.events, `Image ${ref}`)).toContain('Pushed')

    await untag(ref)
    const pulled = await (await p.open(env)).pull()
    expect(pulled.pulled.map((x) => x.image)).toEqual([ref])
    expect(pullDetails(p.events, `Image ${ref}`).some((d) => /^\d+\/\d+ layers?/.test(d))).toBe(true)
    expect(await present(ref)).toBe(true)

    await untag(ref)
    const c = await track(consumer(ref))
    await (await c.open(env)).up({})
    expect(statuses(c.events, `Image ${ref}`)).toEqual(expect.arrayContaining(['Pulling', 'Pulled']))
    expect(await runningImage(c.name)).toBe((await inspectImage(client, ref)).Id)
    expect((await runImage(ref, ['cat', '/origin'])).stdout).toBe('from-the-registry\n')
  })
})

describe('registry credentials', () => {
  it('must fail to push without credentials, with a hint to log in', async () => {
    const ref = `${secured.address}/compose-e2e/denied:1`
    extraImages.push(ref)
    const p = await track(producer(ref))
    const project = await p.open({ DOCKER_CONFIG: `${config.dir}-missing` })
    await project.build()
    const error: unknown = await project.push().catch((e: unknown) => e)
    expect(isComposeError(error, 'IMAGE_PUSH_FAILED')).toBe(true)
    expect((error as Error).message).toContain('service "web"')
    expect((error as { hint?: string }).hint).toMatch(/log in/)
  })
})

describe('pull policies on up', () => {
  let ref: string
  beforeAll(async () => {
    ref = `${open.address}/compose-e2e/policy:1`
    const p = await testProject(producer(ref))
    const project = await p.open()
    await project.build()
    await project.push()
    await p.cleanup()
  })

  it('missing: a present image is not pulled; an absent one is', async () => {
    extraImages.push(ref)
    const c = await track(consumer(ref, 'missing'))
    await (await c.open()).up({})
    expect(statuses(c.events, `Image ${ref}`)).toContain('Pulled')
    c.events.length = 0
    await (await c.open()).up({})
    expect(statuses(c.events, `Image ${ref}`)).toEqual([])
  })

  it('always: pulls even when the image is present', async () => {
    extraImages.push(ref)
    const c = await track(consumer(ref, 'always'))
    await (await c.open()).up({})
    c.events.length = 0
    await (await c.open()).up({})
    expect(statuses(c.events, `Image ${ref}`)).toEqual(expect.arrayContaining(['Pulling', 'Pulled']))
  })

  it('never: an absent image is an error naming the service', async () => {
    await removeImage(client, ref, { force: true }).catch(() => undefined)
    const c = await track(consumer(ref, 'never'))
    const error: unknown = await (await c.open()).up({}).catch((e: unknown) => e)
    expect(isComposeError(error, 'CONVERGE_IMAGE_MISSING')).toBe(true)
    expect((error as Error).message).toMatch(/service "app".*pull_policy is never/)
  })

  it('daily: a freshly pulled image is not pulled again; --pull always overrides', async () => {
    extraImages.push(ref)
    const c = await track(consumer(ref, 'daily'))
    await (await c.open()).up({})
    expect(statuses(c.events, `Image ${ref}`)).toContain('Pulled')
    c.events.length = 0
    await (await c.open()).up({})
    expect(statuses(c.events, `Image ${ref}`)).toEqual([])
    await (await c.open()).up({ pull: 'always' })
    expect(statuses(c.events, `Image ${ref}`)).toContain('Pulled')
  })

  it('a failed pull of a buildable service falls back to building it', async () => {
    const missing = `${open.address}/compose-e2e/not-pushed:1`
    extraImages.push(missing)
    const c = await track(producer(missing))
    await (await c.open()).up({})
    expect(statuses(c.events, `Image ${missing}`)).toEqual(expect.arrayContaining(['Pulling', 'Error', 'Building', 'Built']))
    expect(c.events.some((e) => e.type === 'warning' && /building it instead/.test(e.message))).toBe(true)
  })
})

describe('pull command', () => {
  it('must skip what it should, and fail or warn on a missing image per --ignore-pull-failures', async () => {
    const missing = `${open.address}/compose-e2e/nowhere:1`
    const p = await track({
      'compose.yaml': [
        'services:',
        '  built:',
        '    build: .',
        '  never:',
        '    image: busybox:latest',
        '    pull_policy: never',
        '  here:',
        '    image: busybox:latest',
        '    pull_policy: missing',
        '  gone:',
        `    image: ${missing}`,
      ].join('\n'),
      Dockerfile: 'FROM busybox:latest\n',
    })
    const error: unknown = await (await p.open()).pull().catch((e: unknown) => e)
    expect(isComposeError(error, 'IMAGE_PULL_FAILED')).toBe(true)
    expect((error as Error).message).toContain('service "gone"')
    const result = await (await p.open()).pull({ ignorePullFailures: true })
    expect(result.skipped.map((s) => [s.service, s.reason]).sort()).toEqual([
      ['built', 'No image to be pulled'],
      ['here', 'Image is already present locally'],
      ['never', 'pull_policy is never'],
    ])
    expect(result.failed.map((f) => f.service)).toEqual(['gone'])
    expect(p.events.some((e) => e.type === 'warning' && e.message.includes(missing))).toBe(true)
  })
})
