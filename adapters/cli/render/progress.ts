/**
 * Renders core's progress and warning events on stderr, like docker compose:
 * `tty` redraws one line per resource with a spinner/✔, `plain` prints one line per event,
 * `json` one JSON object per event, `quiet` only warnings and errors.
 */
import type { ComposeEvent, EmitFn } from '../../../core/events.ts'
import type { GlobalOptions } from '../define.ts'
import type { CliIo, Writer } from '../io.ts'

export type ProgressMode = 'tty' | 'plain' | 'json' | 'quiet'

export interface ProgressRenderer {
  emit: EmitFn
  /** Stops redrawing and leaves the final state on screen. */
  done(): void
}

const DONE = new Set(['Created', 'Started', 'Stopped', 'Removed', 'Running', 'Healthy', 'Exited', 'Pulled', 'Pushed', 'Built', 'Killed', 'Paused', 'Unpaused', 'Restarted', 'Recreated', 'Waiting', 'Skipped', 'Prepared'])
const FAILED = new Set(['Error', 'Failed', 'Unhealthy'])

export function progressMode(global: GlobalOptions, io: CliIo): ProgressMode {
  if (global.progress === 'auto') return io.stderr.isTTY && global.ansi !== 'never' ? 'tty' : 'plain'
  return global.progress
}

export function createProgress(io: CliIo, mode: ProgressMode): ProgressRenderer {
  const err = io.stderr
  const report = (e: Extract<ComposeEvent, { type: 'warning' | 'error' | 'info' }>): void => {
    // what a hook printed: `<source> <line>`
    if (e.type === 'info') return void err.write(`${e.source === undefined ? '' : `${e.source} `}${e.message}\n`)
    const tag = e.type === 'warning' ? 'WARN' : 'ERROR'
    const text = `${tag}[0000] ${e.message}`
    err.write(`${io.color ? `\u001b[${e.type === 'warning' ? 33 : 31}m${text}\u001b[0m` : text}\n`)
  }
  if (mode === 'json') {
    return { emit: (e) => err.write(`${JSON.stringify(toJson(e))}\n`), done: () => {} }
  }
  if (mode === 'quiet') {
    return { emit: (e) => void (e.type === 'warning' || e.type === 'error' ? report(e) : undefined), done: () => {} }
  }
  if (mode === 'plain') {
    return {
      emit: (e) => {
        if (e.type === 'progress') err.write(` ${e.id}  ${e.status}${e.detail === undefined ? '' : ` ${e.detail}`}\n`)
        else report(e)
      },
      done: () => {},
    }
  }
  return ttyRenderer(err, report, io.color)
}

function ttyRenderer(err: Writer, report: (e: Extract<ComposeEvent, { type: 'warning' | 'error' | 'info' }>) => void, color: boolean): ProgressRenderer {
  const rows = new Map<string, { status: string; detail?: string; started: number; ended?: number }>()
  const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'
  let drawn = 0
  let tick = 0
  const paint = (): void => {
    const out: string[] = []
    if (drawn > 0) out.push(`\u001b[${drawn}A`)
    const width = Math.max(0, ...[...rows.keys()].map((k) => k.length))
    for (const [id, r] of rows) {
      const finished = DONE.has(r.status) || FAILED.has(r.status)
      const mark = FAILED.has(r.status) ? (color ? '\u001b[31m✘\u001b[0m' : '✘') : finished ? (color ? '\u001b[32m✔\u001b[0m' : '✔') : frames[tick % frames.length]
      const secs = (((r.ended ?? Date.now()) - r.started) / 1000).toFixed(1)
      // a wrapped row would break the cursor-up redraw: long details (build output) are cut to the terminal
      const room = err.columns === undefined ? Infinity : Math.max(0, err.columns - width - r.status.length - secs.length - 10)
      const detail = r.detail === undefined ? '' : ` ${r.detail.length > room ? `${r.detail.slice(0, Math.max(0, room - 1))}…` : r.detail}`
      out.push(`\u001b[2K ${mark} ${id.padEnd(width)}  ${r.status}${detail}`.padEnd(20) + `  ${secs}s\n`)
    }
    drawn = rows.size
    err.write(out.join(''))
  }
  const timer = setInterval(() => {
    tick++
    if (rows.size > 0) paint()
  }, 100)
  ;(timer as { unref?: () => void }).unref?.()
  return {
    emit: (e) => {
      if (e.type === 'progress') {
        const row = rows.get(e.id) ?? { status: e.status, started: Date.now() }
        row.status = e.status
        if (e.detail === undefined) delete row.detail
        else row.detail = e.detail
        if (DONE.has(e.status) || FAILED.has(e.status)) row.ended = Date.now()
        rows.set(e.id, row)
        paint()
      } else {
        report(e)
        drawn = 0
      }
    },
    done: () => {
      clearInterval(timer)
      if (rows.size > 0) paint()
    },
  }
}

function toJson(e: ComposeEvent): Record<string, unknown> {
  if (e.type === 'progress') return { id: e.id, status: e.status, ...(e.detail === undefined ? {} : { text: e.detail }), ...(e.current === undefined ? {} : { current: e.current, total: e.total }) }
  return { level: e.type, message: e.message }
}
