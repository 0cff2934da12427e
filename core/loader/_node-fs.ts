/** The default LoaderFs, over node:fs/promises (which Bun and Deno provide as well). */
import { readFile, stat } from 'node:fs/promises'
import type { LoaderFs } from './drafts.ts'

export const nodeFs: LoaderFs = {
  async readFile(path) {
    return new Uint8Array(await readFile(path))
  },
  async stat(path) {
    try {
      const s = await stat(path)
      return { isFile: s.isFile(), isDirectory: s.isDirectory() }
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
      throw error
    }
  },
}
