/**
 * Sizes as docker compose reads them (go-units `RAMInBytes`): `512m`, `1.5g`, `20 MB`, `1024`;
 * multipliers are binary (k = 1024) whatever the suffix case.
 */

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }

export function parseBytes(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error(`invalid size: '${input}'`)
    return Math.trunc(input)
  }
  if (/^-?\d+$/.test(input)) return Number(input)
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(input)
  if (m === null) throw new Error(`invalid size: '${input}'`)
  const value = Number.parseFloat(m[1] as string)
  const unit = (m[2] ?? '').toLowerCase()
  return Math.trunc(value * (MULTIPLIERS[unit] as number))
}
