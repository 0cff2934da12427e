import { describe, expect, it } from 'vitest'
import { toPsEntry } from '../../../core/commands/ps.ts'
import type { ContainerSummary } from '../../../core/engine/types.ts'
import { psListFormat, toContainerRow } from './container-format.ts'
import { renderList } from './list-format.ts'

const NOW = Date.UTC(2024, 4, 6, 12, 0, 0)

function summary(over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    Names: ['/proj-web-1'],
    Image: 'busybox:latest',
    ImageID: 'sha256:1',
    Command: 'sh -c while true; do echo hello; sleep 1; done',
    Created: NOW / 1000 - 65,
    Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
    Labels: { 'com.docker.compose.project': 'proj', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' },
    State: 'running',
    Status: 'Up About a minute (healthy)',
    HostConfig: {},
    NetworkSettings: { Networks: { proj_default: {} as never } },
    Mounts: [{ Type: 'volume', Name: 'proj_data_with_a_long_name', Source: '/var/lib/docker/volumes/x', Destination: '/data', Driver: 'local', Mode: 'z', RW: true, Propagation: '' }],
    ...over,
  }
}

describe('ps rows', () => {
  it('has docker compose fields: quoted truncated command, running for, ports, health, mounts', () => {
    const entry = toPsEntry(summary())
    const row = toContainerRow(entry, { trunc: true, now: NOW })
    expect(row.Command).toBe('"sh -c while true; d…"')
    expect(row.RunningFor).toBe('About a minute ago')
    expect(row.Ports).toBe('0.0.0.0:8080->80/tcp')
    expect(row.Health).toBe('healthy')
    expect(row.ID).toBe('ab12cd34ef56')
    expect(row.Mounts).toBe('proj_data_with…')
    expect(row.LocalVolumes).toBe('1')
    expect(row.Networks).toBe('proj_default')
    expect(row.Size).toBe('0B')
    const full = toContainerRow(entry, { trunc: false, now: NOW })
    expect(full.Command).toBe('"sh -c while true; do echo hello; sleep 1; done"')
    expect(full.ID).toBe(entry.ID)
  })

  it('renders the default table like docker compose ps', () => {
    const entries = [toPsEntry(summary()), toPsEntry(summary({ Names: ['/proj-db-1'], Labels: { 'com.docker.compose.service': 'db' }, Ports: [], State: 'exited', Status: 'Exited (3) 5 seconds ago' }))]
    const out = renderList(undefined, entries.map((e) => toContainerRow(e, { trunc: true, now: NOW })), psListFormat(entries))
    expect(out.split('\n')).toEqual([
      'NAME         IMAGE            COMMAND                  SERVICE   CREATED              STATUS                        PORTS',
      'proj-web-1   busybox:latest   "sh -c while true; d…"   web       About a minute ago   Up About a minute (healthy)   0.0.0.0:8080->80/tcp',
      'proj-db-1    busybox:latest   "sh -c while true; d…"   db        About a minute ago   Exited (3) 5 seconds ago      ',
      '',
    ])
    expect(entries[1]?.ExitCode).toBe(3)
  })

  it('json: one object per line with sorted keys; Label is a template function, not a field', () => {
    const entries = [toPsEntry(summary())]
    const out = renderList('json', entries.map((e) => toContainerRow(e, { trunc: true, now: NOW })), psListFormat(entries))
    const obj = JSON.parse(out) as Record<string, unknown>
    expect(Object.keys(obj)).toEqual([...Object.keys(obj)].sort())
    expect(obj).toMatchObject({ Name: 'proj-web-1', Service: 'web', State: 'running', Publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }] })
    expect(obj.CreatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} /)
    expect('Label' in obj).toBe(false)
    expect(renderList('{{.Label "com.docker.compose.service"}}', entries.map((e) => toContainerRow(e, { trunc: true })), psListFormat(entries))).toBe('web\n')
  })

  it('adds the ENGINE column when a container carries the engine label', () => {
    const entries = [toPsEntry(summary({ Labels: { 'com.docker.compose.engine': 'podman' } }))]
    expect(renderList(undefined, entries.map((e) => toContainerRow(e, { trunc: true, now: NOW })), psListFormat(entries)).split('\n')[0]).toMatch(/PORTS\s+ENGINE$/)
  })
})
