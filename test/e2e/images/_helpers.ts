/**
 * Helpers of the image e2e suites: a compose project written to a temp dir and opened through
 * the library facade (loader included), events collected, a container run from an image to
 * look at its files, and cleanup of everything labelled with the project.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Compose } from '../../../adapters/lib/compose.ts'
import type { ComposeProject } from '../../../adapters/lib/project.ts'
import { createContainer, listContainers, removeContainer, startContainer, waitContainer } from '../../../core/engine/api/containers.ts'
import { containerLogs } from '../../../core/engine/api/container-streams.ts'
import { listImages, removeImage } from '../../../core/engine/api/images.ts'
import { EngineClient } from '../../../core/engine/client.ts'
import type { ComposeEvent } from '../../../core/events.ts'
import { decodeFrames } from '../helpers.ts'

export const client = new EngineClient({ env: { DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' } })

export function projectName(): string {
  return `e2e-img-${randomBytes(3).toString('hex')}`
}

export interface TestProject {
  name: string
  dir: string
  events: ComposeEvent[]
  /** Opens (loads) the project again, e.g. after editing files. */
  open(env?: Record<string, string>): Promise<ComposeProject>
  write(files: Record<string, string>): Promise<void>
  /** Removes containers, networks and images of the project, and the temp dir. */
  cleanup(extraImages?: readonly string[]): Promise<void>
}

export async function testProject(files: Record<string, string>, name = projectName()): Promise<TestProject> {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`))
  const events: ComposeEvent[] = []
  const write = async (more: Record<string, string>): Promise<void> => {
    for (const [path, content] of Object.entries(more)) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), content)
    }
  }
  await write(files)
  const opened: ComposeProject[] = []
  return {
    name,
    dir,
    events,
    write,
    async open(env = {}) {
      const compose = new Compose({ cwd: dir, env: { ...process.env, ...env }, configFile: false, emit: (e) => events.push(e) })
      const project = await compose.project({ projectName: name })
      opened.push(project)
      return project
    },
    async cleanup(extraImages = []) {
      const filters = { label: [`com.docker.compose.project=${name}`] }
      for (const c of await listContainers(client, { all: true, filters })) await removeContainer(client, c.Id, { force: true, volumes: true }).catch(() => undefined)
      for (const p of opened) await p.down({}).catch(() => undefined)
      for (const image of await listImages(client, { filters })) {
        for (const tag of image.RepoTags ?? []) await removeImage(client, tag, { force: true }).catch(() => undefined)
        await removeImage(client, image.Id, { force: true }).catch(() => undefined)
      }
      for (const ref of extraImages) await removeImage(client, ref, { force: true }).catch(() => undefined)
      for (const p of opened) await p.close().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Runs `cmd` in a fresh container of `image` and returns its output (and removes it). */
export async function runImage(image: string, cmd: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const { Id } = await createContainer(client, { Image: image, Cmd: cmd, Entrypoint: [] })
  try {
    await startContainer(client, Id)
    const { StatusCode } = await waitContainer(client, Id)
    const frames: { stream: string; data: Uint8Array }[] = []
    for await (const frame of await containerLogs(client, Id, { stdout: true, stderr: true })) frames.push(frame)
    return { ...decodeFrames(frames), exitCode: StatusCode }
  } finally {
    await removeContainer(client, Id, { force: true }).catch(() => undefined)
  }
}

/** Progress statuses of one event id, in order. */
export function statuses(events: readonly ComposeEvent[], id: string): string[] {
  return events.filter((e): e is Extract<ComposeEvent, { type: 'progress' }> => e.type === 'progress' && e.id === id).map((e) => e.status)
}
