/**
 * The default LoaderFs, over node:fs's callback API (which Bun and Deno provide as well):
 * node:fs is loaded with Node itself, while node:fs/promises costs a short command ~3 ms.
 */
import { readFile, stat } from 'node:fs'
import type { LoaderFs } from './drafts.ts'

export const nodeFs: LoaderFs = {
  readFile(path) {
    return new Promise((resolve, reject) => readFile(path, (error, data) => (error ? reject(error) : resolve(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))))
  },
  stat(path) {
    return new Promise((resolve, reject) =>
      stat(path, (error, s) => {
        if (error === null) return resolve({ isFile: s.isFile(), isDirectory: s.isDirectory() })
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return resolve(undefined)
        reject(error)
      }),
    )
  },
}
