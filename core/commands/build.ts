/**
 * `build`: builds the images of the selected services that have a `build:` section
 * (docker compose `cmd/compose/build.go`, `pkg/compose/build.go` + `build_classic.go`). Without
 * service names every service is built; `withDependencies` adds what they depend on. Images
 * are built whether or not they exist already; services without `build:` are skipped.
 */
import { buildServices } from '../build/build-services.ts'
import type { ServiceBuildResult } from '../build/build-service.ts'
import type { RunContext } from '../converge/run-context.ts'
import type { EngineClient } from '../engine/client.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'

export interface BuildOptions {
  /** Services to build (default all). */
  services?: string[]
  /** `--with-dependencies`: also build the services they depend on. */
  withDependencies?: boolean
  /** `--no-cache` */
  noCache?: boolean
  /** `--pull`: always attempt to pull a newer version of the base images. */
  pull?: boolean
  /** `--build-arg KEY=VALUE`; a `null` value (`--build-arg KEY`) is taken from the project environment. */
  buildArgs?: Record<string, string | null>
  /** `-q, --quiet`: no progress events, only warnings and errors. */
  quiet?: boolean
  /** `-m, --memory` bytes for the build containers. */
  memory?: number
  /** `--dry-run`: report what would be built, build nothing. */
  dryRun?: boolean
}

export interface BuildResult {
  /** Built images, in completion order. */
  built: ServiceBuildResult[]
  /** Selected services without a `build:` section (or sharing another's image). */
  skipped: string[]
  /** `--dry-run`: the services that would be built. */
  planned?: string[]
}

export async function build(client: EngineClient, project: Project, options: BuildOptions = {}, ctx: RunContext = {}): Promise<BuildResult> {
  const graph = buildGraph(project)
  const selected = selectServices(project, graph, options.services, { noDeps: options.withDependencies !== true })
  const names = graph.order.filter((s) => selected.has(s))
  const buildable = names.filter((s) => project.services[s]?.build !== undefined)
  if (options.dryRun === true) {
    return { built: [], skipped: names.filter((s) => !buildable.includes(s)), planned: buildable }
  }
  const built = await buildServices(
    client,
    project,
    buildable,
    {
      ...(options.noCache === undefined ? {} : { noCache: options.noCache }),
      ...(options.pull === undefined ? {} : { pull: options.pull }),
      ...(options.buildArgs === undefined ? {} : { buildArgs: options.buildArgs }),
      ...(options.memory === undefined ? {} : { memory: options.memory }),
      ...(options.quiet === undefined ? {} : { quiet: options.quiet }),
    },
    ctx,
  )
  const done = new Set(built.map((b) => b.service))
  return { built, skipped: names.filter((s) => !done.has(s)) }
}
