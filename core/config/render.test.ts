import { describe, expect, it } from 'vitest'
import type { Project } from '../model/project.ts'
import { normalizeModel } from '../loader/normalize.ts'
import { serviceConfigHash } from './hash.ts'
import { renderConfig, renderHashes, renderImages, renderProfiles, renderServices, renderVariables, renderVolumes } from './render.ts'

function project(model: Record<string, unknown>): Project {
  return normalizeModel(model, { projectName: 'demo', workingDir: '/p', home: '/h', env: { TAG: '1' }, resolvePaths: true, normalize: true })
}

describe('renderConfig', () => {
  const p = project({
    services: {
      web: { image: 'nginx', ports: ['8080:80'], depends_on: ['db'], environment: ['A=1', 'B'], volumes: ['data:/data', './src:/src'] },
      db: { image: 'postgres', command: 'postgres -c max_connections=$LIMIT', profiles: ['db'] },
    },
    volumes: { data: null },
  })
  it('prints name first, services sorted, then networks and volumes with their names', () => {
    const yaml = renderConfig(p)
    expect(yaml.startsWith('name: demo\nservices:\n  db:\n')).toBe(true)
    expect(yaml).toContain('\nnetworks:\n  default:\n    name: demo_default\nvolumes:\n  data:\n    name: demo_data\n')
    expect(yaml).toContain('    depends_on:\n      db:\n        condition: service_started\n        required: true\n')
    expect(yaml).toContain('      - type: bind\n        source: /p/src\n        target: /src\n        bind: {}\n')
    expect(yaml).toContain('    environment:\n      A: "1"\n      B: null\n')
  })
  it('escapes $ as $$ once interpolated', () => {
    expect(renderConfig(p)).toContain('max_connections=$$LIMIT')
    expect(renderConfig(p, { interpolated: false })).toContain('max_connections=$LIMIT')
  })
  it('renders JSON with sorted top-level keys, command/entrypoint always present', () => {
    const json = JSON.parse(renderConfig(p, { format: 'json' })) as Record<string, Record<string, Record<string, unknown>>>
    expect(Object.keys(json)).toEqual(['name', 'networks', 'services', 'volumes'])
    expect(json['services']?.['web']?.['command']).toBeNull()
    expect(json['networks']?.['default']).toEqual({ name: 'demo_default', ipam: {} })
  })
  it('lists services in dependency order, volumes, profiles and images', () => {
    expect(renderServices(p)).toBe('db\nweb\n')
    expect(renderVolumes(p)).toBe('data\n')
    expect(renderProfiles(p)).toBe('db\n')
    expect(renderImages(project({ services: { app: { build: '.' } } }))).toBe('demo-app\n')
  })
  it('hashes services like docker compose (sha256 of the service JSON)', () => {
    const hash = serviceConfigHash(p.services['web'] as Project['services'][string])
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    const scaled = { ...(p.services['web'] as Project['services'][string]), scale: 3, depends_on: {} }
    expect(serviceConfigHash(scaled)).toBe(hash)
    expect(renderHashes(p, 'web')).toBe(`web ${hash}\n`)
  })
  it('extracts variables', () => {
    const model = { services: { test: { image: 'test', ports: ['${PORT:-8080}:80'] } } }
    expect(renderVariables(model, 'json')).toBe(
      '{\n    "PORT": {\n        "Name": "PORT",\n        "DefaultValue": "8080",\n        "PresenceValue": "",\n        "Required": false\n    }\n}\n',
    )
    expect(renderVariables(model, 'yaml')).toContain('PORT:\n    name: PORT\n    defaultvalue: "8080"\n    presencevalue: ""\n    required: false')
  })
})
