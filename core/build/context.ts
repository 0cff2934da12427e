/**
 * The build context of one service for the classic builder, as the docker CLI prepares it
 * (`build.GetContextFromLocalDir`, `TrimBuildFilesFromExcludes`, `AddDockerfileToBuildContext`):
 *
 * - the context directory is resolved through symlinks and streamed as tar (./context-walk.ts);
 * - `.dockerignore` (or `<Dockerfile>.dockerignore` next to the Dockerfile, which wins, as with
 *   BuildKit) filters it; `.dockerignore` and the Dockerfile are always sent, and the engine
 *   drops them from the context when the patterns exclude them;
 * - a Dockerfile outside the context, or `dockerfile_inline`, is added as `.dockerfile.<hex>`
 *   (named after its content's hash rather than at random as docker does, so the build cache
 *   holds across builds), listed in the `.dockerignore` the engine sees so that `COPY .`
 *   does not pick it up; the Dockerfile is the only file read outside the context;
 * - a URL or git context is passed to the engine as `remote`, with no tar.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import type { BuildConfig } from '../model/project.ts'
import { writeTar, type TarEntry } from '../engine/tar.ts'
import { ComposeError } from '../errors.ts'
import { walkContext } from './context-walk.ts'
import { createIgnoreMatcher, parseIgnoreFile } from './ignore.ts'

export interface BuildContext {
  /** The tar to send (lazy: nothing is read before it is iterated); empty for a remote context. */
  tar: AsyncIterable<Uint8Array> | Uint8Array
  /** The Dockerfile's path in the context (the `dockerfile` query parameter). */
  dockerfile: string
  /** A git or HTTP(S) context the engine fetches itself. */
  remote?: string
  /** Where the effective ignore patterns came from, if anywhere. */
  ignoreFile?: string
}

export interface PrepareOptions {
  signal?: AbortSignal
  /** Chunk size of file reads (bench and tests). */
  chunkSize?: number
}

const encoder = new TextEncoder()

/** `docker build` context types (`build.DetectContextType`, `urlutil.IsGitURL`). */
export function isRemoteContext(context: string): boolean {
  return /^(https?|git):\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/')
}

export async function prepareContext(build: BuildConfig, options: PrepareOptions = {}): Promise<BuildContext> {
  if (isRemoteContext(build.context)) {
    if (build.dockerfile_inline !== undefined) throw new ComposeError('BUILD_UNSUPPORTED', `dockerfile_inline cannot be used with the remote context ${build.context}`)
    return { tar: new Uint8Array(0), dockerfile: build.dockerfile ?? 'Dockerfile', remote: build.context }
  }
  const root = await contextRoot(build.context)
  const dockerfile = await locateDockerfile(root, build)
  const ignore = await readIgnore(root, dockerfile.given)
  const patterns = ignore === undefined ? [] : parseIgnoreFile(ignore.text)
  // `.dockerignore` and the Dockerfile always travel; the engine removes them when they are excluded
  const probe = createIgnoreMatcher(patterns)
  const walkPatterns = [...patterns]
  if (probe.excludes('.dockerignore')) walkPatterns.push('!.dockerignore')
  if (dockerfile.inside !== undefined && probe.excludes(dockerfile.inside)) walkPatterns.push(`!${dockerfile.inside}`)
  const matcher = createIgnoreMatcher(walkPatterns)

  const synthetic: TarEntry[] = []
  let name = dockerfile.inside
  if (name === undefined) {
    const content = dockerfile.content ?? new Uint8Array(0)
    name = `.dockerfile.${await shortHash(content)}`
    synthetic.push({ type: 'file', name, content, mode: 0o600 })
  }
  const rewriteIgnore = dockerfile.inside === undefined || ignore?.specific === true
  if (rewriteIgnore) {
    const base = ignore?.text ?? '.dockerignore'
    const extra = ignore?.specific === true ? '\n.dockerignore' : ''
    const text = `${base}${extra}${dockerfile.inside === undefined ? `\n${name}` : ''}\n`
    synthetic.push({ type: 'file', name: '.dockerignore', content: encoder.encode(text), mode: 0o600 })
  }
  async function* entries(): AsyncGenerator<TarEntry> {
    yield* synthetic
    yield* walkContext({
      root,
      matcher,
      ...(rewriteIgnore ? { omit: new Set(['.dockerignore']) } : {}),
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
  }
  return { tar: writeTar(entries()), dockerfile: name, ...(ignore === undefined ? {} : { ignoreFile: ignore.path }) }
}

async function contextRoot(context: string): Promise<string> {
  let root: string
  try {
    root = await realpath(context)
  } catch (cause) {
    throw new ComposeError('BUILD_CONTEXT', `unable to prepare context: path "${context}" not found`, { cause, hint: 'fix build.context (it is relative to the compose file)' })
  }
  if (!(await stat(root)).isDirectory()) throw new ComposeError('BUILD_CONTEXT', `unable to prepare context: context "${context}" must be a directory`)
  return root
}

interface Dockerfile {
  /** Path relative to the context when the Dockerfile lies inside it. */
  inside?: string
  /** Content of an inline or outside Dockerfile. */
  content?: Uint8Array
  /** The Dockerfile path before symlinks are resolved (its ignore file sits next to it). */
  given?: string
}

async function locateDockerfile(root: string, build: BuildConfig): Promise<Dockerfile> {
  if (build.dockerfile_inline !== undefined) {
    if (build.dockerfile !== undefined && build.dockerfile !== 'Dockerfile') {
      throw new ComposeError('BUILD_CONTEXT', 'dockerfile and dockerfile_inline are mutually exclusive', { hint: 'keep only one of them' })
    }
    return { content: encoder.encode(build.dockerfile_inline) }
  }
  const name = build.dockerfile ?? 'Dockerfile'
  let given = isAbsolute(name) ? name : join(root, name)
  if (!(await exists(given)) && name === 'Dockerfile' && (await exists(join(root, 'dockerfile')))) given = join(root, 'dockerfile')
  if (!(await exists(given))) {
    throw new ComposeError('BUILD_CONTEXT', `Cannot locate specified Dockerfile: ${given}`, { hint: 'fix build.dockerfile (it is relative to build.context)' })
  }
  const real = await realpath(given).catch((cause: unknown) => {
    throw new ComposeError('BUILD_CONTEXT', `Cannot locate specified Dockerfile: ${given} (a dangling link)`, { cause })
  })
  const rel = relative(root, real)
  if (rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return { inside: rel.split(sep).join('/'), given }
  return { content: new Uint8Array(await readFile(real)), given }
}

async function readIgnore(root: string, dockerfile: string | undefined): Promise<{ text: string; path: string; specific: boolean } | undefined> {
  if (dockerfile !== undefined) {
    const specific = `${dockerfile}.dockerignore`
    if (await exists(specific)) return { text: await readFile(specific, 'utf8'), path: specific, specific: true }
  }
  const path = join(root, '.dockerignore')
  let st
  try {
    st = await lstat(path)
  } catch {
    return undefined
  }
  let target = path
  if (st.isSymbolicLink()) {
    target = await realpath(path).catch(() => path)
    const rel = relative(root, target)
    if (rel.startsWith('..') || isAbsolute(rel)) throw new ComposeError('BUILD_CONTEXT', `.dockerignore in ${root} links outside the build context`)
  } else if (!st.isFile()) return undefined
  return { text: await readFile(target, 'utf8'), path, specific: false }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/** 20 hex digits of the SHA-256 of the content. */
async function shortHash(content: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(content)))
  return [...digest.subarray(0, 10)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
