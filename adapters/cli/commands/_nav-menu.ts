/**
 * The navigation menu of attached `up` on a terminal (docker compose's `--menu`, on by default
 * when stdin and stdout are terminals; COMPOSE_MENU sets the default). The last line shows
 * `w Enable Watch   d Detach`, and what is printed goes above it:
 * - `d` stops following the logs and leaves the containers running;
 * - `w` starts or stops watching (`develop.watch`), or says that nothing is configured.
 * Keys are read in raw mode, where the terminal no longer turns Ctrl-C into SIGINT: the menu
 * sends SIGINT itself, so Ctrl-C still stops gracefully (and a second one forces).
 */
import process from 'node:process'
import type { CliIo, Writer } from '../io.ts'

export interface NavMenuActions {
  detach(): void
  /** Starts or stops watching, resolving with whether it watches now; undefined without `develop.watch`. */
  toggleWatch?: () => boolean
  /** Watching from the start (`up --watch`). */
  watching?: boolean
}

export interface NavMenu {
  /** The io to print through: every write goes above the menu line. */
  io: CliIo
  close(): void
}

const WATCH_DOCS = 'https://docs.docker.com/compose/file-watch/'

/** docker compose's rule: `--menu` if given, else COMPOSE_MENU, else on; only with a terminal on both ends. */
export function menuWanted(flag: boolean | undefined, io: CliIo): boolean {
  // (a question answered on stdin earlier, such as the volume prompt, may have closed it)
  if (!io.stdout.isTTY || !io.stdin.isTTY || typeof process.stdin.setRawMode !== 'function' || process.stdin.destroyed) return false
  if (flag !== undefined) return flag
  const env = io.env.COMPOSE_MENU
  return env === undefined ? true : /^(1|t|true)$/i.test(env.trim())
}

export function startNavMenu(io: CliIo, actions: NavMenuActions): NavMenu {
  let watching = actions.watching === true
  let notice: string | undefined
  let open = true
  const key = (k: string): string => (io.color ? `\u001b[1m${k}\u001b[0m` : k)
  const label = (text: string): string => (io.color ? `\u001b[2m${text}\u001b[0m` : text)
  const menu = (): string => `${notice === undefined ? '' : `${notice}   `}${key('w')}${label(watching ? ' Disable Watch' : ' Enable Watch')}   ${key('d')}${label(' Detach')}`
  const raw = { out: io.stdout.write.bind(io.stdout), err: io.stderr.write.bind(io.stderr) }
  const CLEAR = '\r\u001b[2K'
  raw.out(menu())
  // each write goes where the menu was, and the menu comes back below it
  const above = (write: (text: string) => void) => (text: string): void => {
    if (!open) return write(text)
    const again = text.endsWith('\n') ? menu() : ''
    // on stdout in one piece, so the terminal never shows the line without the menu
    if (write === raw.out) return raw.out(`${CLEAR}${text}${again}`)
    raw.out(CLEAR)
    write(text)
    if (again !== '') raw.out(again)
  }
  const wrap = (w: Writer, write: (text: string) => void): Writer => ({ isTTY: w.isTTY, columns: w.columns, write: above(write) })
  const redraw = (): void => {
    if (open) raw.out(`${CLEAR}${menu()}`)
  }
  const onKey = (chunk: Buffer): void => {
    for (const byte of chunk) {
      if (byte === 0x03) process.kill(process.pid, 'SIGINT')
      else if (byte === 0x64 /* d */) actions.detach()
      else if (byte === 0x77 /* w */) {
        if (actions.toggleWatch === undefined) notice = `watch is not yet configured. Learn more: ${WATCH_DOCS}`
        else {
          notice = undefined
          watching = actions.toggleWatch()
        }
        redraw()
      }
    }
  }
  process.stdin.setRawMode(true)
  process.stdin.on('data', onKey)
  process.stdin.resume()
  return {
    io: { ...io, stdout: wrap(io.stdout, raw.out), stderr: wrap(io.stderr, raw.err) },
    close() {
      if (!open) return
      open = false
      raw.out(CLEAR)
      process.stdin.off('data', onKey)
      try {
        process.stdin.setRawMode(false)
        process.stdin.pause()
      } catch {
        // stdin already closed
      }
    },
  }
}
