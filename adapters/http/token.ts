/**
 * The bearer token of `compose serve`: 32 random bytes as base64url, kept in a file of mode
 * 0600 (`$XDG_CONFIG_HOME/compose/http-token`, else `~/.config/compose/http-token`, or
 * `--token-file FILE`). An existing file is read; a missing one is created exclusively
 * (O_EXCL, so no symlink is followed). A token file that others can read, that is a symlink
 * or that holds a short token is refused with the fix.
 */
import { chmod, lstat, mkdir, open, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ComposeError } from '../../core/errors.ts'
import type { Environment } from '../../core/runtime/env.ts'

const TOKEN_PATTERN = /^[A-Za-z0-9._~+/-]+=*$/
export const MIN_TOKEN_LENGTH = 16

export interface TokenOptions {
  /** --token-file; the default path otherwise. */
  file?: string | undefined
  env: Environment
  home: string
}

export interface LoadedToken {
  token: string
  file: string
  created: boolean
}

export function defaultTokenFile(env: Environment, home: string): string {
  const base = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config')
  return join(base, 'compose', 'http-token')
}

/** 32 random bytes, base64url without padding (43 characters). */
export function generateToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code
}

async function readExisting(file: string): Promise<string> {
  const info = await lstat(file)
  if (info.isSymbolicLink()) throw new ComposeError('CLI_USAGE', `token file ${file} is a symbolic link`, { hint: 'point --token-file at the real file' })
  if (!info.isFile()) throw new ComposeError('CLI_USAGE', `token file ${file} is not a regular file`)
  if ((info.mode & 0o077) !== 0) {
    throw new ComposeError('CLI_USAGE', `token file ${file} can be read by other users (mode ${(info.mode & 0o777).toString(8)})`, { hint: `chmod 600 ${file}` })
  }
  const token = (await readFile(file, 'utf8')).trim()
  if (token.length < MIN_TOKEN_LENGTH || !TOKEN_PATTERN.test(token)) {
    throw new ComposeError('CLI_USAGE', `token file ${file} does not hold a usable token (at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 . _ ~ + / -)`, {
      hint: 'delete it to have a new one generated',
    })
  }
  return token
}

export async function loadOrCreateToken(options: TokenOptions): Promise<LoadedToken> {
  const file = options.file ?? defaultTokenFile(options.env, options.home)
  try {
    return { token: await readExisting(file), file, created: false }
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const token = generateToken()
  let handle
  try {
    handle = await open(file, 'wx', 0o600)
  } catch (error) {
    // Another server created it between our read and our create: use theirs.
    if (codeOf(error) === 'EEXIST') return { token: await readExisting(file), file, created: false }
    throw error
  }
  try {
    await handle.writeFile(`${token}\n`, 'utf8')
  } finally {
    await handle.close()
  }
  await chmod(file, 0o600)
  return { token, file, created: true }
}
