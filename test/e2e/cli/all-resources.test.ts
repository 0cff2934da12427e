/**
 * Resources no service uses, as docker compose treats them: `config` leaves them out and `up`
 * does not make them; with the global `--all-resources`, `config` prints them and `up` creates
 * the unused network and volume too. `down` removes every network the project declares.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createProject, idle } from './_project.ts'

describe('--all-resources', () => {
  const p = createProject('allres', `
services:
  app:
${idle('    networks: [front]\n    volumes: ["data:/data"]\n')}
networks:
  front: {}
  spare: {}
volumes:
  data: {}
  spare_data: {}
configs:
  unused:
    content: hello
`)
  afterAll(() => p.cleanup())

  it('config leaves out what no service uses, unless --all-resources', () => {
    const pruned = p.run(['config', '--format', 'json'])
    expect(pruned.code, pruned.stderr).toBe(0)
    const doc = JSON.parse(pruned.stdout) as { networks: object; volumes: object; configs?: object }
    expect(Object.keys(doc.networks)).toEqual(['front'])
    expect(Object.keys(doc.volumes)).toEqual(['data'])
    expect(doc.configs).toBeUndefined()
    expect(p.run(['config', '--networks']).stdout).toBe('front\n')
    const all = JSON.parse(p.run(['--all-resources', 'config', '--format', 'json']).stdout) as { networks: object; volumes: object; configs: object }
    expect(Object.keys(all.networks).sort()).toEqual(['front', 'spare'])
    expect(Object.keys(all.volumes).sort()).toEqual(['data', 'spare_data'])
    expect(Object.keys(all.configs)).toEqual(['unused'])
  })

  it('up makes only the used network and volume; --all-resources up makes the others too; down removes them', async () => {
    expect(p.run(['up', '-d']).code).toBe(0)
    expect(await p.networks()).toEqual([`${p.name}_front`])
    expect(await p.volumes()).toEqual([`${p.name}_data`])
    const all = p.run(['--all-resources', 'up', '-d'])
    expect(all.code, all.stderr).toBe(0)
    expect(await p.networks()).toEqual([`${p.name}_front`, `${p.name}_spare`])
    expect(await p.volumes()).toEqual([`${p.name}_data`, `${p.name}_spare_data`])
    const down = p.run(['down', '-v'])
    expect(down.code, down.stderr).toBe(0)
    expect(await p.networks()).toEqual([])
    expect(await p.volumes()).toEqual([])
  })
})
