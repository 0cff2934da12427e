/**
 * `ls`: the compose projects the engine knows, grouped from container labels alone
 * (docker/compose pkg/compose/ls.go): name, a status summary such as `exited(1), running(2)`
 * and the config files of every container. Without `all`, only running containers count.
 */
import { listContainers } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ContainerSummary } from '../engine/types.ts'
import { ComposeError } from '../errors.ts'
import { CONFIG_FILES_LABEL, CONFIG_HASH_LABEL, PROJECT_LABEL } from '../converge/labels.ts'
import type { RunContext } from '../converge/run-context.ts'

export interface LsOptions {
  /** `-a`: projects whose containers are all stopped too. */
  all?: boolean
  /** `--filter name=…` values: exact names or regular expressions (any may match). */
  filter?: Record<string, string[]>
}

export interface ProjectSummary {
  Name: string
  /** `exited(1), running(2)`: counts per state, states sorted by name. */
  Status: string
  /** Config files of all the project's containers, joined with `,`; `N/A` when a label is missing. */
  ConfigFiles: string
}

const ACCEPTED_FILTERS = new Set(['name'])

export async function ls(client: EngineClient, options: LsOptions = {}, ctx: RunContext = {}): Promise<ProjectSummary[]> {
  const filter = options.filter ?? {}
  for (const key of Object.keys(filter)) if (!ACCEPTED_FILTERS.has(key)) throw new ComposeError('QUERY_INVALID', `invalid filter '${key}'`)
  const list = await listContainers(client, {
    all: options.all === true,
    filters: { label: [PROJECT_LABEL, CONFIG_HASH_LABEL] },
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  })
  const stacks = toProjectSummaries(list, ctx)
  const names = filter.name ?? []
  return names.length === 0 ? stacks : stacks.filter((s) => matchesName(names, s.Name))
}

export function toProjectSummaries(containers: readonly Pick<ContainerSummary, 'Id' | 'Labels' | 'State'>[], ctx: RunContext = {}): ProjectSummary[] {
  const groups = new Map<string, Pick<ContainerSummary, 'Id' | 'Labels' | 'State'>[]>()
  for (const c of containers) {
    const name = c.Labels?.[PROJECT_LABEL]
    if (name === undefined) continue
    const group = groups.get(name)
    if (group === undefined) groups.set(name, [c])
    else group.push(c)
  }
  return [...groups.keys()].sort().map((name) => {
    const group = groups.get(name) ?? []
    let configFiles: string
    const missing = group.find((c) => c.Labels?.[CONFIG_FILES_LABEL] === undefined)
    if (missing === undefined) {
      const files: string[] = []
      for (const c of group) for (const f of (c.Labels?.[CONFIG_FILES_LABEL] ?? '').split(',')) if (!files.includes(f)) files.push(f)
      configFiles = files.join(',')
    } else {
      ctx.emit?.({ type: 'warning', message: `no label "${CONFIG_FILES_LABEL}" set on container "${missing.Id}" of compose project` })
      configFiles = 'N/A'
    }
    return { Name: name, Status: combinedStatus(group.map((c) => c.State)), ConfigFiles: configFiles }
  })
}

/** `running(2)`, `exited(1), running(2)`: one count per state, states in alphabetical order. */
export function combinedStatus(states: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1)
  return [...counts.keys()]
    .sort()
    .map((s) => `${s}(${counts.get(s) ?? 0})`)
    .join(', ')
}

/** docker compose matches a name exactly, or as an (unanchored) regular expression. */
function matchesName(patterns: readonly string[], name: string): boolean {
  return patterns.some((p) => {
    if (p === name) return true
    try {
      return new RegExp(p).test(name)
    } catch {
      return false
    }
  })
}
