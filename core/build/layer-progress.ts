/**
 * Folds the engine's per-layer pull/push messages into one line per image: how many layers are
 * done out of how many, and the bytes moved out of the bytes known so far.
 *
 * Pull: `Pulling fs layer`, `Waiting`, `Downloading` (current/total), `Verifying Checksum`,
 * `Download complete`, `Extracting`, `Pull complete`, `Already exists`.
 * Push: `Preparing`, `Waiting`, `Pushing` (current/total), `Pushed`, `Layer already exists`,
 * `Mounted from …`.
 */
import type { ProgressMessage } from '../engine/ndjson.ts'

export interface LayerTotals {
  layers: number
  done: number
  /** Bytes downloaded/uploaded so far. */
  current: number
  /** Bytes of the layers whose size is known. */
  total: number
}

interface Layer {
  current: number
  total: number
  done: boolean
}

const DONE = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from\b)/
const TRANSFER = /^(Downloading|Pushing)$/
const TRANSFERRED = /^(Download complete|Verifying Checksum|Extracting|Pull complete|Pushed)/

export class LayerProgress {
  readonly #layers = new Map<string, Layer>()

  /** Takes one message; returns true when it was about a layer. */
  update(message: ProgressMessage): boolean {
    const id = message.id
    const status = message.status ?? ''
    // `latest: Pulling from library/x`, `Digest: …`, `Status: …` are about the image, not a layer
    if (id === undefined || status === '' || /^Pulling from /.test(status) || /^(Digest|Status):/.test(status)) return false
    const layer = this.#layers.get(id) ?? { current: 0, total: 0, done: false }
    this.#layers.set(id, layer)
    const detail = message.progressDetail
    if (TRANSFER.test(status) && detail !== undefined) {
      if (typeof detail.total === 'number' && detail.total > 0) layer.total = detail.total
      if (typeof detail.current === 'number') layer.current = Math.max(layer.current, Math.min(detail.current, layer.total || detail.current))
    }
    if (TRANSFERRED.test(status)) layer.current = layer.total
    if (DONE.test(status)) layer.done = true
    return true
  }

  totals(): LayerTotals {
    const out: LayerTotals = { layers: this.#layers.size, done: 0, current: 0, total: 0 }
    for (const l of this.#layers.values()) {
      if (l.done) out.done++
      out.current += l.current
      out.total += l.total
    }
    return out
  }
}

/** `3/5 layers  12.3MB/40.1MB`, or just the layer count before any size is known. */
export function formatTotals(t: LayerTotals): string {
  const layers = `${t.done}/${t.layers} layer${t.layers === 1 ? '' : 's'}`
  return t.total > 0 ? `${layers}  ${formatBytes(t.current)}/${formatBytes(t.total)}` : layers
}

/** Decimal units, as docker prints sizes (`1.99MB`). */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${unit === 0 ? String(value) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)}${units[unit]}`
}
