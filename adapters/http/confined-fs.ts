/**
 * What a project served over HTTP may read: the loader's files (compose files, `.env`,
 * `env_file`, `extends`, `include`, `label_file`) and the build contexts must all stay under
 * the project's --root, symlinks resolved. A compose file under a root cannot make the server
 * read /etc/passwd or send a context from outside.
 */
import { realpath } from 'node:fs/promises'
import { ComposeError } from '../../core/errors.ts'
import type { LoaderFs } from '../../core/loader/drafts.ts'
import type { Project } from '../../core/model/project.ts'
import { isUnder } from './roots.ts'

async function realOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path)
  } catch {
    return undefined
  }
}

function outside(path: string, root: string): ComposeError {
  return new ComposeError('HTTP_FORBIDDEN', `${path} is outside the declared root ${root}`, {
    hint: 'keep the files a project refers to under its --root, or serve with a --root that holds them',
  })
}

export function confinedFs(inner: LoaderFs, root: string): LoaderFs {
  const check = async (path: string): Promise<void> => {
    const real = await realOrUndefined(path)
    if (real !== undefined && !isUnder(root, real)) throw outside(path, root)
  }
  return {
    async readFile(path) {
      await check(path)
      return inner.readFile(path)
    },
    async stat(path) {
      await check(path)
      return inner.stat(path)
    },
  }
}

/** Build contexts and Dockerfiles of the services must stay under the root too. */
export async function assertBuildsUnder(project: Project, root: string, services?: readonly string[]): Promise<void> {
  for (const [name, service] of Object.entries(project.services)) {
    if (services !== undefined && services.length > 0 && !services.includes(name)) continue
    const build = service.build
    if (build === undefined) continue
    for (const path of [build.context, build.dockerfile_inline === undefined ? build.dockerfile : undefined]) {
      if (path === undefined || /^[a-z]+:\/\//i.test(path) || path.startsWith('git@')) continue
      const full = path.startsWith('/') ? path : `${build.context ?? ''}/${path}`
      const real = await realOrUndefined(full)
      if (real !== undefined && !isUnder(root, real)) throw outside(`service "${name}": build ${path}`, root)
    }
  }
}
