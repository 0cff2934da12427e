/**
 * `build` against the real engine: the image's files show what the context sent, the build
 * section's attributes reach the builder, and a failing step is reported with its step.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { inspectImage } from '../../../core/engine/api/images.ts'
import { isComposeError } from '../../../core/errors.ts'
import '../helpers.ts'
import { client, runImage, statuses, testProject, type TestProject } from './_helpers.ts'

let current: TestProject | undefined
afterEach(async () => {
  await current?.cleanup()
  current = undefined
})

async function project(files: Record<string, string>): Promise<TestProject> {
  current = await testProject(files)
  return current
}

describe('build', () => {
  it('must send only what .dockerignore keeps (! exceptions, **, leading /, comments)', async () => {
    const p = await project({
      'compose.yaml': 'services:\n  web:\n    build: ./app\n',
      'app/Dockerfile': 'FROM busybox:latest\nCOPY . /app/\n',
      'app/.dockerignore': '# generated\n**/*.log\n!keep.log\nnode_modules\ndocs/\n!docs/keep.md\n/secret.txt   \nDockerfile\n.dockerignore\n',
      'app/main.js': 'main',
      'app/lib/debug.log': 'x',
      'app/keep.log': 'kept',
      'app/node_modules/dep/index.js': 'x',
      'app/docs/keep.md': 'keep',
      'app/docs/drop.md': 'drop',
      'app/secret.txt': 'secret',
      'app/sub/secret.txt': 'not at the root',
    })
    const result = await (await p.open()).build()
    expect(result.built.map((b) => b.image)).toEqual([`${p.name}-web`])
    const { stdout } = await runImage(`${p.name}-web`, ['find', '/app', '-type', 'f'])
    expect(stdout.trim().split('\n').sort()).toEqual(['/app/docs/keep.md', '/app/keep.log', '/app/main.js', '/app/sub/secret.txt'])
    expect(statuses(p.events, `Image ${p.name}-web`)).toContain('Built')
  })

  it('must build dockerfile_inline, a target stage and args (interpolated, bare from the environment)', async () => {
    const p = await project({
      'compose.yaml': [
        'services:',
        '  web:',
        '    build:',
        '      context: .',
        '      target: final',
        '      args:',
        '        GREETING: hello-${WHO}',
        '        - FROM_ENV',
        '      dockerfile_inline: |',
        '        FROM busybox:latest AS base',
        '        RUN echo base > /stage',
        '        FROM base AS final',
        '        ARG GREETING',
        '        ARG FROM_ENV',
        // $$: the compose file is interpolated, the Dockerfile's own variables are escaped
        '        RUN echo "$$GREETING $$FROM_ENV" > /greeting',
        '        FROM base AS unused',
        '        RUN exit 1',
      ].join('\n').replace('        - FROM_ENV', '        FROM_ENV:'),
    })
    await (await p.open({ WHO: 'world', FROM_ENV: 'from-env' })).build()
    const { stdout } = await runImage(`${p.name}-web`, ['cat', '/stage', '/greeting'])
    expect(stdout).toBe('base\nhello-world from-env\n')
  })

  it('must label the image (build.labels plus the compose labels) and apply tags and --build-arg', async () => {
    const p = await project({
      'compose.yaml': [
        'services:',
        '  api:',
        '    build:',
        '      context: .',
        '      labels:',
        '        org.example.team: images',
        '      tags:',
        '        - ${COMPOSE_PROJECT_NAME}-api:extra',
        '      args:',
        '        VERSION: "1"',
      ].join('\n'),
      Dockerfile: 'FROM busybox:latest\nARG VERSION\nRUN echo "v$VERSION" > /version\n',
    })
    await (await p.open()).build({ buildArgs: { VERSION: '2' }, noCache: true })
    const image = await inspectImage(client, `${p.name}-api`)
    expect(image.Config?.Labels).toMatchObject({
      'org.example.team': 'images',
      'com.docker.compose.project': p.name,
      'com.docker.compose.service': 'api',
      'com.docker.compose.image.builder': 'classic',
    })
    expect(image.Config?.Labels?.['com.docker.compose.version']).toMatch(/^\d+\.\d+\.\d+/)
    expect(image.RepoTags).toEqual(expect.arrayContaining([`${p.name}-api:latest`, `${p.name}-api:extra`]))
    expect((await runImage(`${p.name}-api:extra`, ['cat', '/version'])).stdout).toBe('v2\n')
  })

  it('must give RUN steps the build network, extra_hosts and shm_size', async () => {
    const p = await project({
      'compose.yaml': [
        'services:',
        '  web:',
        '    build:',
        '      context: .',
        '      network: none',
        '      shm_size: 96m',
        '      extra_hosts:',
        '        - "registry.internal=10.9.8.7"',
      ].join('\n'),
      Dockerfile: 'FROM busybox:latest\nRUN grep registry.internal /etc/hosts > /hosts; df -k /dev/shm | tail -1 > /shm; ls /sys/class/net > /nets\n',
    })
    await (await p.open()).build()
    const { stdout } = await runImage(`${p.name}-web`, ['cat', '/hosts', '/shm', '/nets'])
    const [hosts, shm, ...nets] = stdout.trim().split('\n')
    expect(hosts).toMatch(/^10\.9\.8\.7\s+registry\.internal$/)
    expect(shm?.split(/\s+/)[1]).toBe(String(96 * 1024))
    expect(nets).toEqual(['lo'])
  })

  it('must read a Dockerfile outside the context without sending it in COPY .', async () => {
    const p = await project({
      'compose.yaml': 'services:\n  web:\n    build:\n      context: ./ctx\n      dockerfile: ../docker/web.Dockerfile\n',
      'docker/web.Dockerfile': 'FROM busybox:latest\nCOPY . /ctx/\n',
      'ctx/a.txt': 'a',
    })
    await (await p.open()).build()
    const { stdout } = await runImage(`${p.name}-web`, ['ls', '-A', '/ctx'])
    expect(stdout.trim().split('\n')).toEqual(['a.txt'])
  })

  it('must show the failing step and its output when a build fails', async () => {
    const p = await project({
      'compose.yaml': 'services:\n  broken:\n    build: .\n',
      // the first step after FROM fails, so the engine keeps no intermediate image behind
      Dockerfile: 'FROM busybox:latest\nRUN echo boom-output && exit 3\nRUN echo never\n',
    })
    const error: unknown = await (await p.open()).build().catch((e: unknown) => e)
    expect(isComposeError(error, 'BUILD_FAILED')).toBe(true)
    const message = (error as Error).message
    expect(message).toContain('service "broken"')
    // the classic builder counts the LABEL steps it appends for the image labels
    expect(message).toMatch(/at Step 2\/\d+ : RUN echo boom-output && exit 3/)
    expect(message).toContain('boom-output')
    expect(message).toMatch(/returned a non-zero code: 3/)
    expect(statuses(p.events, `Image ${p.name}-broken`).at(-1)).toBe('Error')
  })

  it('must refuse what the classic builder cannot do, naming the service', async () => {
    const p = await project({
      'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n',
      Dockerfile: 'FROM busybox:latest\n',
      'token.txt': 's3cret',
    })
    await expect((await p.open()).build()).rejects.toMatchObject({ code: 'BUILD_UNSUPPORTED', message: expect.stringContaining('service "web"') })
  })

  it('must build services in parallel, dependencies first, skipping services without build', async () => {
    const p = await project({
      'compose.yaml': [
        'services:',
        '  base:',
        '    build: ./base',
        '  app:',
        '    build: ./app',
        '    depends_on: [base]',
        '  other:',
        '    build: ./other',
        '  db:',
        '    image: busybox:latest',
      ].join('\n'),
      'base/Dockerfile': 'FROM busybox:latest\nRUN echo base > /base\n',
      'app/Dockerfile': 'FROM PROJECT-base\nRUN cat /base > /app\n',
      'other/Dockerfile': 'FROM busybox:latest\n',
    })
    await p.write({ 'app/Dockerfile': `FROM ${p.name}-base\nRUN cat /base > /app\n` })
    const result = await (await p.open()).build()
    expect(result.built.map((b) => b.service).sort()).toEqual(['app', 'base', 'other'])
    expect(result.built.findIndex((b) => b.service === 'base')).toBeLessThan(result.built.findIndex((b) => b.service === 'app'))
    expect(result.skipped).toEqual(['db'])
    expect((await runImage(`${p.name}-app`, ['cat', '/app'])).stdout).toBe('base\n')
  })
})
