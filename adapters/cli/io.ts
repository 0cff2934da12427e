/** What a command may touch of the process: output streams, the environment, the terminal. */
export interface Writer {
  write(text: string): void
  readonly isTTY: boolean
  readonly columns: number | undefined
}

export interface CliIo {
  stdout: Writer
  stderr: Writer
  stdin: AsyncIterable<Uint8Array> & { readonly isTTY: boolean }
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  home: string
  /** Colours on or off, after --ansi and NO_COLOR. */
  color: boolean
}
