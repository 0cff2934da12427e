/**
 * `docker compose ls` on the engine API: containers carrying the project label, grouped by
 * project, with a status summary such as "running(2), exited(1)" (docker/compose
 * pkg/compose/ls.go) and the config files and working directory from their labels.
 */
import { listContainers } from '../../core/engine/api/containers.ts'
import type { EngineClient } from '../../core/engine/client.ts'
import { CONFIG_FILES_LABEL, PROJECT_LABEL, WORKING_DIR_LABEL, projectFilter } from '../../core/converge/labels.ts'
import type { ProjectSummary } from './api.ts'

/** `running(2), exited(1)`: counts per state, states sorted by name. */
export function combinedStatus(states: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1)
  return [...counts.keys()]
    .sort()
    .map((state) => `${state}(${counts.get(state) ?? 0})`)
    .join(', ')
}

export interface EngineListOptions {
  /** Include projects whose containers are all stopped. */
  all?: boolean | undefined
  /** Only this project. */
  name?: string | undefined
}

export async function listProjectsFromEngine(client: EngineClient, options: EngineListOptions, signal: AbortSignal): Promise<ProjectSummary[]> {
  const label = options.name === undefined ? PROJECT_LABEL : projectFilter(options.name)
  const containers = await listContainers(client, { all: options.all === true, filters: { label: [label] }, signal })
  const byName = new Map<string, { states: string[]; files: string[]; workingDir: string | undefined }>()
  for (const c of containers) {
    const name = c.Labels[PROJECT_LABEL]
    if (name === undefined || name === '') continue
    const entry = byName.get(name) ?? { states: [], files: [], workingDir: undefined }
    entry.states.push(c.State)
    for (const file of (c.Labels[CONFIG_FILES_LABEL] ?? '').split(',')) {
      if (file !== '' && !entry.files.includes(file)) entry.files.push(file)
    }
    entry.workingDir ??= c.Labels[WORKING_DIR_LABEL] || undefined
    byName.set(name, entry)
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, e]) => ({
      name,
      status: combinedStatus(e.states),
      configFiles: e.files,
      ...(e.workingDir === undefined ? {} : { workingDir: e.workingDir }),
    }))
}
