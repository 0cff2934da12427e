import { describe, expect, it } from 'vitest'
import { parseCompose } from './parse.ts'
import { mergeLocated } from './merge.ts'
import { ProblemError } from './_problems.ts'
import { createSourceMap, type Located } from './source-map.ts'
import type { RawModel } from './types.ts'
import { enforceUnicity } from './unicity.ts'

function doc(text: string, file: string): Located<RawModel> {
  const [d] = parseCompose(text, { file }).documents
  if (d === undefined) throw new Error('no document')
  return { value: d.model, src: d.sources }
}

function merge(base: string, over: string): Located<RawModel> {
  return enforceUnicity(mergeLocated(doc(base, 'a.yaml'), doc(over, 'b.yaml'))) as Located<RawModel>
}

const web = (l: Located<RawModel>): Record<string, unknown> => ((l.value['services'] as Record<string, unknown>)['web'] ?? {}) as Record<string, unknown>

describe('mergeLocated', () => {
  it('merges mappings deeply and replaces scalars', () => {
    const m = merge('services:\n  web: {image: a, deploy: {replicas: 1, labels: [x=1]}}\n', 'services:\n  web: {image: b, deploy: {mode: global}}\n')
    expect(web(m)).toEqual({ image: 'b', deploy: { replicas: 1, mode: 'global', labels: ['x=1'] } })
  })

  it('replaces command, entrypoint and healthcheck.test', () => {
    const m = merge(
      'services:\n  web: {command: [a, b], entrypoint: [x], healthcheck: {test: [CMD, a], retries: 3}}\n',
      'services:\n  web: {command: [c], entrypoint: y, healthcheck: {test: [CMD, b]}}\n',
    )
    expect(web(m)).toEqual({ command: ['c'], entrypoint: 'y', healthcheck: { test: ['CMD', 'b'], retries: 3 } })
  })

  it('appends other sequences', () => {
    expect(web(merge('services:\n  web: {cap_add: [A], group_add: [x]}\n', 'services:\n  web: {cap_add: [B], group_add: [y]}\n'))).toEqual({
      cap_add: ['A', 'B'],
      group_add: ['x', 'y'],
    })
  })

  it('merges environment and labels by key, mixing list and map forms', () => {
    const m = merge('services:\n  web:\n    environment: {A: "1", B: "2"}\n    labels: [x=1]\n', 'services:\n  web:\n    environment: [B=3, C]\n    labels: {x: "2", y: null}\n')
    expect(web(m)['environment']).toEqual(['A=1', 'B=3', 'C'])
    expect(web(m)['labels']).toEqual(['x=2', 'y'])
  })

  it('keys ports, volumes, secrets, configs and expose', () => {
    const m = merge(
      'services:\n  web:\n    ports: ["80:80", {target: 443, published: "443"}]\n    volumes: [./a:/data, /x:/y]\n    secrets: [s1, {source: s2, target: /t}]\n    configs: [c1]\n    expose: ["80"]\n',
      'services:\n  web:\n    ports: ["80:80", {target: 443, published: "443"}]\n    volumes: [{type: bind, source: ./b, target: /data}]\n    secrets: [{source: s3, target: /run/secrets/s1}]\n    configs: [{source: c2, target: /c1}]\n    expose: [80, "81"]\n',
    )
    expect(web(m)).toEqual({
      ports: ['80:80', { target: 443, published: '443' }],
      volumes: [{ type: 'bind', source: './b', target: '/data' }, '/x:/y'],
      secrets: [{ source: 's3', target: '/run/secrets/s1' }, { source: 's2', target: '/t' }],
      configs: [{ source: 'c2', target: '/c1' }],
      expose: [80, '81'],
    })
  })

  it('merges depends_on, networks and build across short and long forms', () => {
    const m = merge(
      'services:\n  web:\n    depends_on: [db]\n    networks: [front]\n    build: ./dir\n',
      'services:\n  web:\n    depends_on: {db: {condition: service_healthy}, cache: {condition: service_started}}\n    networks: {back: {aliases: [w]}}\n    build: {target: prod}\n',
    )
    expect(web(m)).toEqual({
      depends_on: { db: { condition: 'service_healthy', required: true }, cache: { condition: 'service_started' } },
      networks: { front: null, back: { aliases: ['w'] } },
      build: { context: './dir', target: 'prod' },
    })
  })

  it('merges extra_hosts without exact duplicates, ulimits by replacement, logging by driver', () => {
    const m = merge(
      'services:\n  web:\n    extra_hosts: ["a=1.1.1.1"]\n    ulimits: {nofile: {soft: 1, hard: 2}}\n    logging: {driver: json-file, options: {max-size: 1m}}\n',
      'services:\n  web:\n    extra_hosts: {a: 1.1.1.1, b: 2.2.2.2}\n    ulimits: {nofile: {soft: 3}}\n    logging: {driver: syslog, options: {tag: x}}\n',
    )
    expect(web(m)).toEqual({ extra_hosts: ['a=1.1.1.1', 'b=2.2.2.2'], ulimits: { nofile: { soft: 3 } }, logging: { driver: 'syslog', options: { tag: 'x' } } })
    const same = merge('services:\n  web:\n    logging: {driver: d, options: {a: "1"}}\n', 'services:\n  web:\n    logging: {options: {b: "2"}}\n')
    expect(web(same)['logging']).toEqual({ driver: 'd', options: { a: '1', b: '2' } })
  })

  it('merges IPAM pools by subnet', () => {
    const m = merge(
      'networks:\n  n:\n    ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}\n',
      'networks:\n  n:\n    ipam: {config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.1.0.0/24}]}\n',
    )
    expect(m.value['networks']).toEqual({ n: { ipam: { config: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1', ip_range: '10.0.0.0/25' }, { subnet: '10.1.0.0/24' }] } } })
  })

  it('applies !reset and !override from the later file', () => {
    const m = merge('services:\n  web: {image: a, ports: ["80:80"], environment: [A=1], command: x}\n', 'services:\n  web:\n    ports: !override ["8080:80"]\n    environment: !reset []\n    command: !reset\n')
    expect(web(m)).toEqual({ image: 'a', ports: ['8080:80'] })
  })

  it('reports a list merged over a mapping at the later file', () => {
    try {
      merge('services:\n  web: {environment: {A: "1"}, deploy: {labels: {}}}\n', 'services:\n  web:\n    deploy: [x]\n')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError)
      const p = (error as ProblemError).problem
      expect(p.code).toBe('LOAD_MERGE')
      expect(p.message).toBe('cannot override services.web.deploy')
      expect(p.source).toMatchObject({ file: 'b.yaml', line: 3 })
    }
  })

  it('keeps each node pointing at the file it came from', () => {
    const m = merge('services:\n  web:\n    image: a\n    ports: ["1:1"]\n', 'services:\n\n  web:\n    ports: ["2:2"]\n    user: me\n')
    const map = createSourceMap(m.src)
    expect(map.locate(['services', 'web', 'image'])).toMatchObject({ file: 'a.yaml', line: 3 })
    expect(map.locate(['services', 'web', 'ports', 0])).toMatchObject({ file: 'a.yaml', line: 4 })
    expect(map.locate(['services', 'web', 'ports', 1])).toMatchObject({ file: 'b.yaml', line: 4 })
    expect(map.locate(['services', 'web', 'user'])).toMatchObject({ file: 'b.yaml', line: 5 })
  })
})

describe('enforceUnicity', () => {
  it('lets the later entry take the place of the earlier one', () => {
    const m = enforceUnicity(doc('services:\n  web:\n    volumes: [/a:/data, /b:/other, /c:/data]\n', 'a.yaml'))
    expect(web(m as Located<RawModel>)['volumes']).toEqual(['/c:/data', '/b:/other'])
    expect(createSourceMap(m.src).locate(['services', 'web', 'volumes', 0])).toMatchObject({ line: 3, col: 36 })
  })

  it('reports an entry that cannot be keyed', () => {
    expect(() => enforceUnicity(doc('services:\n  web:\n    ports: [{published: "80"}]\n', 'a.yaml'))).toThrow('missing a target port')
  })
})
