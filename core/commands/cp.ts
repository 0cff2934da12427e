/**
 * `cp` between a service container and the host, both directions (docker/compose
 * pkg/compose/cp.go with docker cp's path rules, ./cp-paths.ts). To a service: every container
 * of it (or `--index`), one-offs with `all`. From a service: its first container. `-` stands for a
 * tar stream on stdin or stdout. `archive` (-a) gives copied files the container user's
 * owner going in and keeps the archive's owners coming out; `followLink` (-L) follows a symlink
 * given as the source.
 */
import { getContainerArchive, putContainerArchive, statContainerPath } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import { readTar } from '../engine/tar-read.ts'
import { writeTar } from '../engine/tar-write.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { localEntries, extractTo, localFacts } from './cp-local.ts'
import { contentsOnly, isDirMode, isSymlinkMode, landing, parseCopyArgs, type CopyPlan } from './cp-paths.ts'
import { serviceContainers, type TargetOptions } from './_target.ts'
import type { ObservedContainer } from '../converge/observe.ts'

export interface CpOptions {
  /** `SERVICE:PATH`, a local path, or `-` (a tar on stdin). */
  source: string
  /** `SERVICE:PATH`, a local path, or `-` (a tar to stdout). */
  destination: string
  index?: number
  /** `--all`: one-off containers too. */
  all?: boolean
  /** `-a, --archive` */
  archive?: boolean
  /** `-L, --follow-link` */
  followLink?: boolean
  /** Tar bytes for a `-` source. */
  stdin?: AsyncIterable<Uint8Array>
  /** Where tar bytes go for a `-` destination. */
  stdout?: (chunk: Uint8Array) => void | Promise<void>
}

export interface CpResult {
  /** Names of the containers copied to or from. */
  containers: string[]
}

export async function cp(client: EngineClient, project: Project, options: CpOptions, ctx: RunContext = {}): Promise<CpResult> {
  const plan = parseCopyArgs(options.source, options.destination)
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const selection: TargetOptions = { stopped: true, oneOff: options.all === true ? 'include' : 'exclude', ...sig, ...(options.index === undefined ? {} : { index: options.index }) }
  let targets = await serviceContainers(client, project.name, plan.service, selection)
  if (targets.length === 0) throw new ComposeError('CONVERGE_NOT_RUNNING', `no container found for service "${plan.service}"${options.index === undefined ? '' : ` with index ${options.index}`}`)
  if (plan.direction === 'from' || options.index !== undefined) targets = targets.slice(0, 1)
  for (const target of targets) {
    const text = plan.direction === 'from' ? `copy ${target.name}:${plan.containerPath} to ${plan.localPath}` : `copy ${plan.localPath} to ${target.name}:${plan.containerPath}`
    ctx.emit?.({ type: 'progress', id: target.name, status: 'Copying', detail: text })
    if (plan.direction === 'from') await copyFrom(client, target, plan, options, ctx)
    else await copyTo(client, target, plan, options, ctx)
    ctx.emit?.({ type: 'progress', id: target.name, status: 'Copied', detail: text })
  }
  return { containers: targets.map((t) => t.name) }
}

async function copyFrom(client: EngineClient, target: ObservedContainer, plan: CopyPlan, options: CpOptions, ctx: RunContext): Promise<void> {
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  let path = plan.containerPath
  if (options.followLink === true) {
    const st = await stat(client, target, path, ctx)
    if (isSymlinkMode(st.mode) && st.linkTarget !== '') path = st.linkTarget
  }
  const archive = await getContainerArchive(client, target.id, path, sig).catch((error: unknown) => {
    throw notFound(error, target, path)
  })
  if (plan.localPath === '-') {
    if (options.stdout === undefined) throw new ComposeError('COPY_INVALID_PATH', 'no stdout to write the tar stream to')
    for await (const chunk of archive.tar) await options.stdout(chunk)
    return
  }
  const sourceIsDir = archive.stat === undefined ? false : isDirMode(archive.stat.mode)
  const where = landing(plan.containerPath, sourceIsDir, plan.localPath, await localFacts(plan.localPath))
  const parent = await localFacts(where.dir)
  if (!parent.exists || !parent.isDir) throw new ComposeError('COPY_INVALID_PATH', `no such directory: ${where.dir}`)
  const root = where.name === undefined ? where.dir : `${where.dir.replace(/\/+$/, '')}/${where.name}`
  await extractTo(readTar(archive.tar), root, { owners: options.archive === true })
}

async function copyTo(client: EngineClient, target: ObservedContainer, plan: CopyPlan, options: CpOptions, ctx: RunContext): Promise<void> {
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const put = { ...sig, noOverwriteDirNonDir: true, copyUIDGID: options.archive === true }
  if (plan.localPath === '-') {
    if (options.stdin === undefined) throw new ComposeError('COPY_INVALID_PATH', 'no stdin to read the tar stream from')
    await putContainerArchive(client, target.id, plan.containerPath, options.stdin, put)
    return
  }
  const source = await localFacts(plan.localPath)
  if (!source.exists) throw new ComposeError('COPY_INVALID_PATH', `no such file or directory: ${plan.localPath}`)
  let facts = { exists: false, isDir: false }
  let destination = plan.containerPath
  try {
    const st = await stat(client, target, destination, ctx)
    if (isSymlinkMode(st.mode) && st.linkTarget !== '') destination = st.linkTarget
    facts = { exists: true, isDir: isDirMode(st.mode) || (isSymlinkMode(st.mode) && isDirMode((await stat(client, target, destination, ctx)).mode)) }
  } catch (error) {
    if (!isComposeError(error, 'ENGINE_NOT_FOUND')) throw error
  }
  const where = landing(plan.localPath, source.isDir, destination, facts)
  const name = source.isDir && where.name === undefined ? undefined : (where.name ?? '.')
  const entries = localEntries(contentsOnly(plan.localPath) ? plan.localPath.replace(/\/\.$/, '') || '.' : plan.localPath, {
    name,
    followLink: options.followLink === true,
    warn: (message) => ctx.emit?.({ type: 'warning', message }),
  })
  await putContainerArchive(client, target.id, where.dir, writeTar(entries), put).catch((error: unknown) => {
    throw notFound(error, target, where.dir)
  })
}

function stat(client: EngineClient, target: ObservedContainer, path: string, ctx: RunContext) {
  return statContainerPath(client, target.id, path, ctx.signal ? { signal: ctx.signal } : {})
}

function notFound(error: unknown, target: ObservedContainer, path: string): unknown {
  if (!isComposeError(error, 'ENGINE_NOT_FOUND')) return error
  return new ComposeError('COPY_INVALID_PATH', `no such file or directory in ${target.name}: ${path}`, { cause: error })
}
