/**
 * `ps` rows as docker compose's formatter shows them (cmd/formatter/container.go): the fields a
 * `--format` template can use, the default table and its headers, and the JSON object per line
 * (every field, keys in alphabetical order, as the docker CLI marshals a row).
 */
import type { PsEntry } from '../../../core/commands/ps.ts'
import { CONTAINER_ENGINE_LABEL } from '../../../core/converge/labels.ts'
import type { TemplateData } from './go-template.ts'
import type { ListFormat } from './list-format.ts'
import { displayablePorts, ellipsis, goQuote, humanDuration, humanSize, truncateId } from './units.ts'

export const PS_HEADERS: Readonly<Record<string, string>> = {
  ID: 'CONTAINER ID',
  Name: 'NAME',
  Names: 'NAMES',
  Project: 'PROJECT',
  Service: 'SERVICE',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Engine: 'ENGINE',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Health: 'HEALTH',
  ExitCode: 'EXIT CODE',
  Publishers: 'PUBLISHERS',
}

const DEFAULT_TABLE = 'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}'

export function psListFormat(entries: readonly PsEntry[]): ListFormat {
  const engine = entries.some((e) => (e.Labels[CONTAINER_ENGINE_LABEL] ?? '') !== '')
  return { defaultTable: engine ? `${DEFAULT_TABLE}\t{{.Engine}}` : DEFAULT_TABLE, headers: PS_HEADERS }
}

export interface RowOptions {
  /** Shorten IDs, commands and mount names (not with `--no-trunc`). */
  trunc: boolean
  now?: number
}

/** One template row; `Label` is a function (`{{.Label "com.docker.compose.service"}}`) and stays out of `{{json .}}`. */
export function toContainerRow(e: PsEntry, options: RowOptions): TemplateData {
  const names = e.Names.map((n) => n.replace(/^\//, ''))
  const shown = options.trunc ? (names.find((n) => !n.includes('/')) ?? names[0] ?? '') : names.join(',')
  const command = options.trunc ? ellipsis(e.Command, 20) : e.Command
  const created = new Date(e.Created * 1000)
  const labels = Object.entries(e.Labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',')
  const row: Record<string, unknown> = {
    Command: goQuote(command),
    // computed on use: the time zone name costs an Intl lookup
    get CreatedAt() {
      return goTimeString(created)
    },
    Engine: e.Labels[CONTAINER_ENGINE_LABEL] ?? '',
    ExitCode: e.ExitCode,
    Health: e.Health,
    ID: options.trunc ? truncateId(e.ID) : e.ID,
    Image: e.Image,
    Labels: labels,
    LocalVolumes: String(e.LocalVolumes),
    Mounts: e.Mounts.map((m) => (options.trunc ? ellipsis(m, 15) : m)).join(','),
    Name: e.Name,
    Names: shown,
    Networks: e.Networks.join(','),
    Ports: displayablePorts(e.Publishers.map((p) => ({ IP: p.URL, PrivatePort: p.TargetPort, PublicPort: p.PublishedPort, Type: p.Protocol }))),
    Project: e.Project,
    Publishers: e.Publishers,
    RunningFor: `${humanDuration((options.now ?? Date.now()) - created.getTime())} ago`,
    Service: e.Service,
    Size: humanSize(0),
    State: e.State,
    Status: e.Status,
  }
  Object.defineProperty(row, 'Label', { value: (name: unknown) => e.Labels[String(name)] ?? '', enumerable: false })
  return row
}

/** Go's `time.Time.String()` for a local time: `2024-05-06 07:08:09 +0000 UTC`. */
export function goTimeString(d: Date): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
  const offset = -d.getTimezoneOffset()
  const sign = offset < 0 ? '-' : '+'
  const zone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? ''
  const abbr = zone === 'GMT' && offset === 0 ? 'UTC' : zone
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${pad(Math.trunc(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)} ${abbr}`
}
