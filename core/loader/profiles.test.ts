import { describe, expect, it } from 'vitest'
import { parseCompose } from './parse.ts'
import { applyProfiles, parseProfilesList } from './profiles.ts'
import type { Located } from './source-map.ts'
import type { RawModel } from './types.ts'

function model(text: string): Located<RawModel> {
  const [d] = parseCompose(text, { file: 'compose.yaml' }).documents
  return { value: d?.model ?? {}, src: d?.sources }
}

const FILE = `services:
  web: {image: a, depends_on: [db]}
  db: {image: b}
  debug: {image: c, profiles: [debug]}
  tools: {image: d, profiles: [tools, debug]}
`
const names = (l: Located<RawModel>): string[] => Object.keys(l.value['services'] as object)

describe('applyProfiles', () => {
  it('keeps services without profiles and disables the others', () => {
    const r = applyProfiles(model(FILE), { profiles: [] })
    expect(names(r.model)).toEqual(['web', 'db'])
    expect(Object.keys(r.disabled)).toEqual(['debug', 'tools'])
    expect(r.problems).toEqual([])
  })

  it('activates the services of an active profile, and all with *', () => {
    expect(names(applyProfiles(model(FILE), { profiles: ['tools'] }).model)).toEqual(['web', 'db', 'tools'])
    expect(names(applyProfiles(model(FILE), { profiles: ['*'] }).model)).toEqual(['web', 'db', 'debug', 'tools'])
  })

  it('enables services named on the command line together with their profiles', () => {
    const r = applyProfiles(model(FILE), { profiles: [], services: ['debug'] })
    expect(r.profiles).toEqual(['debug'])
    expect(names(r.model)).toEqual(['web', 'db', 'debug', 'tools'])
  })

  it('reports an unknown service named on the command line', () => {
    expect(applyProfiles(model(FILE), { profiles: [], services: ['nope'] }).problems[0]?.message).toBe('no such service: nope')
  })

  it('reports an active service depending on a disabled one, at the dependency', () => {
    const r = applyProfiles(model('services:\n  web:\n    image: a\n    depends_on:\n      - debug\n  debug: {image: c, profiles: [debug, x]}\n'), { profiles: [] })
    expect(r.problems[0]?.message).toBe('service "debug" is required by "web" but is disabled. Can be enabled by profiles [debug x]')
    expect(r.problems[0]?.source).toMatchObject({ line: 5, path: 'services.web.depends_on[0]' })
  })

  it('drops a dependency on a disabled service marked required: false', () => {
    const r = applyProfiles(model('services:\n  web:\n    depends_on: {debug: {condition: service_started, required: false}, db: {condition: service_started}}\n  db: {}\n  debug: {profiles: [debug]}\n'), { profiles: [] })
    expect(r.problems).toEqual([])
    expect((r.model.value['services'] as Record<string, Record<string, unknown>>)['web']?.['depends_on']).toEqual({ db: { condition: 'service_started' } })
  })

  it('checks implicit dependencies too', () => {
    const r = applyProfiles(model('services:\n  web: {network_mode: "service:vpn", volumes_from: [data:ro], links: ["db:database"]}\n  vpn: {profiles: [p]}\n  data: {profiles: [p]}\n  db: {profiles: [p]}\n'), { profiles: [] })
    expect(r.problems.map((p) => p.message.split(' ')[1])).toEqual(['"vpn"', '"db"', '"data"'])
  })

  it('parses COMPOSE_PROFILES', () => {
    expect(parseProfilesList(' a, b ,,c ')).toEqual(['a', 'b', 'c'])
    expect(parseProfilesList(undefined)).toEqual([])
  })
})
