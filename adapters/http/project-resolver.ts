/**
 * Turns a project reference from a URL into a confined ProjectRef: a name is looked up in the
 * engine labels (working dir, config files) and a `dir:REL` is looked for under each root in
 * turn; either way every path is realpath'd and must stay under a declared root.
 */
import { dirname, join } from 'node:path'
import { ComposeError } from '../../core/errors.ts'
import type { ProjectRef, ProjectSummary } from './api.ts'
import { confine, defaultFiles, nodePathFs, parseRef, type PathFs } from './roots.ts'

export interface ProjectResolverOptions {
  roots: readonly string[]
  /** The project of that name as the engine labels tell it, or undefined. */
  findProject(name: string, signal: AbortSignal): Promise<ProjectSummary | undefined>
  fs?: PathFs
}

export interface ProjectResolver {
  resolve(raw: string, signal: AbortSignal): Promise<ProjectRef>
  /** Whether a listed project lives under the roots (others are not shown). */
  isVisible(project: ProjectSummary): Promise<boolean>
}

export function createProjectResolver(options: ProjectResolverOptions): ProjectResolver {
  const { roots } = options
  const fs = options.fs ?? nodePathFs

  async function byName(raw: string, name: string, signal: AbortSignal): Promise<ProjectRef> {
    const found = await options.findProject(name, signal)
    if (found === undefined) throw new ComposeError('HTTP_NOT_FOUND', `no project "${name}"`, { hint: 'start it once, or refer to it as dir:RELATIVE/PATH under a --root' })
    const dir = found.workingDir ?? (found.configFiles[0] === undefined ? undefined : dirname(found.configFiles[0]))
    if (dir === undefined) throw new ComposeError('HTTP_NOT_FOUND', `project "${name}" has no working directory label`)
    const { root, path } = await confine(roots, dir, fs)
    const files = found.configFiles.length === 0 ? await defaultFiles(roots, path, fs) : await Promise.all(found.configFiles.map(async (f) => (await confine(roots, f, fs)).path))
    return { ref: raw, name, root, workingDir: path, files }
  }

  async function byDir(raw: string, rel: string): Promise<ProjectRef> {
    for (const root of roots) {
      const candidate = join(root, rel)
      if ((await fs.kind(candidate)) !== 'directory') continue
      const { path } = await confine(roots, candidate, fs)
      return { ref: raw, name: undefined, root, workingDir: path, files: await defaultFiles(roots, path, fs) }
    }
    throw new ComposeError('HTTP_NOT_FOUND', `no directory "${rel}" under the declared roots`)
  }

  return {
    async resolve(raw, signal) {
      const ref = parseRef(raw)
      return ref.kind === 'name' ? byName(raw, ref.name, signal) : byDir(raw, ref.rel)
    },
    async isVisible(project) {
      const dir = project.workingDir ?? (project.configFiles[0] === undefined ? undefined : dirname(project.configFiles[0]))
      if (dir === undefined) return false
      try {
        await confine(roots, dir, fs)
        return true
      } catch {
        return false
      }
    },
  }
}
