/** Tar streams for build contexts and container archives: a writer and a reader, both streaming. */
export { writeTar, type TarContent, type TarDirectoryEntry, type TarEntry, type TarFileEntry, type TarSymlinkEntry } from './tar-write.ts'
export { collectBytes, readTar, type TarReadEntry } from './tar-read.ts'
export type { TarEntryType } from './_tar-header.ts'
