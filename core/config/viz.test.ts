import { describe, expect, it } from 'vitest'
import type { Project } from '../model/project.ts'
import { renderViz } from './viz.ts'

const project: Project = {
  name: 'shop',
  services: {
    web: {
      name: 'web',
      image: 'nginx',
      depends_on: { db: { condition: 'service_healthy', required: true }, cache: { condition: 'service_started', required: true } },
      networks: { front: null, back: { priority: 10 } },
      ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp', host_ip: '127.0.0.1' }],
    },
    db: { name: 'db', build: { context: '/db' } },
    cache: { name: 'cache', image: 'redis', network_mode: 'host' },
  },
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
}

describe('alpha viz (graphviz)', () => {
  it('a node per service and an edge per dependency, in name order', () => {
    expect(renderViz(project)).toBe(
      [
        'digraph "shop" {',
        '\tlayout=dot;',
        '\t"cache" [style="filled" label=<<font point-size="15">cache</font>>];',
        '\t"db" [style="filled" label=<<font point-size="15">db</font>>];',
        '\t"web" [style="filled" label=<<font point-size="15">web</font>>];',
        '',
        '\t"web" -> "db";',
        '\t"web" -> "cache";',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('networks by priority, ports and images on request, with the indentation asked for', () => {
    const text = renderViz(project, { networks: true, ports: true, image: true, indentation: '  ' })
    expect(text).toContain('  "web" [style="filled" label=<<font point-size="15">web</font><font point-size="10"><br/><br/><b>Networks:</b><br/>back<br/>front</font><font point-size="10"><br/><br/><b>Ports:</b><br/>127.0.0.1:8080:80 (tcp, ingress)</font><font point-size="10"><br/><br/><b>Image:</b><br/>nginx</font>>];')
    // a built image is named after the project; a service on the host network lists no networks
    expect(text).toContain('<b>Image:</b><br/>shop-db</font>')
    expect(text).toContain('"cache" [style="filled" label=<<font point-size="15">cache</font><font point-size="10"><br/><br/><b>Image:</b><br/>redis</font>>];')
  })
})
