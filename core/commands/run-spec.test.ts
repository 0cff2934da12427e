import { describe, expect, it } from 'vitest'
import type { Project, ServiceConfig } from '../model/project.ts'
import { newSlug, oneOffName, oneOffService, oneOffSpec } from './run-spec.ts'

const web: ServiceConfig = {
  name: 'web',
  image: 'busybox:latest',
  command: ['sleep', '1'],
  restart: 'always',
  ports: [{ target: 80, published: '8080', protocol: 'tcp', mode: 'ingress' }],
  cap_add: ['NET_ADMIN'],
  environment: { A: '1' },
  networks: { default: { aliases: ['www'] } },
  deploy: { restart_policy: { condition: 'any' } },
}
const project: Project = { name: 'proj', services: { web }, networks: { default: {} }, volumes: {}, secrets: {}, configs: {}, workingDir: '/srv/proj', environment: { FROM_ENV: 'yes' } }

describe('run: one-off containers', () => {
  it('are named <project>-<service>-run-<12 hex of a 64-hex slug>', () => {
    const slug = newSlug()
    expect(slug).toMatch(/^[0-9a-f]{64}$/)
    expect(newSlug()).not.toBe(slug)
    expect(oneOffName({ name: 'proj' }, 'web', slug)).toBe(`proj-web-run-${slug.slice(0, 12)}`)
  })

  it('drop restart policies and service ports unless -P; -p adds mappings', () => {
    const s = oneOffService(project, web, {})
    expect(s.restart).toBeUndefined()
    expect(s.deploy?.restart_policy).toBeUndefined()
    expect(s.ports).toEqual([])
    expect(oneOffService(project, web, { servicePorts: true }).ports).toHaveLength(1)
    expect(oneOffService(project, web, { publish: ['9000:90'] }).ports?.map((p) => `${p.published}:${p.target}`)).toEqual(['9000:90'])
  })

  it('--entrypoint clears the command unless one is given; -e resolves bare keys from the project environment', () => {
    expect(oneOffService(project, web, { entrypoint: 'sh -c' }).command).toBeNull()
    expect(oneOffService(project, web, { entrypoint: 'sh -c', command: ['echo hi'] })).toMatchObject({ entrypoint: ['sh', '-c'], command: ['echo hi'] })
    expect(oneOffService(project, web, { env: ['B=2', 'FROM_ENV', 'MISSING'] }).environment).toEqual({ A: '1', B: '2', FROM_ENV: 'yes' })
  })

  it('--cap-add and --cap-drop cancel each other; -v binds resolve against the project directory', () => {
    const s = oneOffService(project, web, { capAdd: ['SYS_TIME'], capDrop: ['NET_ADMIN'] })
    expect(s.cap_add).toEqual(['SYS_TIME'])
    expect(s.cap_drop).toEqual(['NET_ADMIN'])
    expect(oneOffService(project, web, { volumes: ['./data:/data:ro'] }).volumes?.[0]).toMatchObject({ type: 'bind', source: '/srv/proj/data', target: '/data', read_only: true })
  })

  it('are labelled oneoff=True with the slug and no container number; aliases only with --use-aliases', () => {
    const slug = newSlug()
    const name = oneOffName({ name: 'proj' }, 'web', slug)
    const input = { project, name, slug, refs: {}, labels: {} }
    const spec = oneOffSpec({ ...input, service: oneOffService(project, web, { rm: true }), options: { rm: true, labels: ['team=a', 'com.docker.compose.project=evil'] } })
    const labels = spec.body.Labels ?? {}
    expect(labels['com.docker.compose.oneoff']).toBe('True')
    expect(labels['com.docker.compose.slug']).toBe(slug)
    expect(labels['com.docker.compose.project']).toBe('proj')
    expect(labels['com.docker.compose.container-number']).toBeUndefined()
    expect(labels.team).toBe('a')
    expect(spec.body.HostConfig?.AutoRemove).toBe(true)
    expect(spec.body).toMatchObject({ OpenStdin: true, StdinOnce: true, AttachStdin: true, Tty: false })
    expect(Object.values(spec.body.NetworkingConfig?.EndpointsConfig ?? {})[0]?.Aliases).toEqual([name])
    const aliased = oneOffSpec({ ...input, service: oneOffService(project, web, {}), options: { useAliases: true } })
    expect(Object.values(aliased.body.NetworkingConfig?.EndpointsConfig ?? {})[0]?.Aliases).toEqual(expect.arrayContaining(['web', 'www']))
    const detached = oneOffSpec({ ...input, service: oneOffService(project, web, { tty: true }), options: { attached: false, tty: true } })
    expect(detached.body).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: false, AttachStdin: false })
  })
})
