/**
 * Go's `text/tabwriter` (the alignment docker and docker compose print tables with): cells end
 * at `\t`, a column is as wide as its widest cell plus `padding` (at least `minWidth`), the last
 * cell of a line is not aligned, and a column block only spans consecutive lines that have it.
 */

export interface TabwriterOptions {
  /** Minimal cell width including padding. */
  minWidth: number
  /** Spaces added to the widest cell. */
  padding: number
}

/** docker CLI list tables (`ps --format table …`): `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`. */
export const CONTAINER_TABLE: TabwriterOptions = { minWidth: 10, padding: 3 }
/** docker compose `PrintPrettySection` (`ls`, `images`): `tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)`. */
export const PRETTY_SECTION: TabwriterOptions = { minWidth: 20, padding: 3 }
/** docker compose `top`: `tabwriter.NewWriter(out, 4, 1, 2, ' ', 0)`. */
export const TOP_TABLE: TabwriterOptions = { minWidth: 4, padding: 2 }

const width = (text: string): number => [...text].length

/** Aligns `text` (lines of `\t`-separated cells). A trailing newline is kept. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const trailing = text.endsWith('\n')
  const lines = (trailing ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'))
  const out: string[] = []
  const widths: number[] = []

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] as string[]
      let line = ''
      cells.forEach((cell, j) => {
        line += cell
        if (j < widths.length) line += ' '.repeat(Math.max(0, (widths[j] as number) - width(cell)))
      })
      out.push(line)
    }
  }

  const format = (line0: number, line1: number): void => {
    const column = widths.length
    let start = line0
    for (let row = line0; row < line1; row++) {
      if (column >= (lines[row] as string[]).length - 1) continue
      // a block of consecutive lines that have a cell in this column
      writeLines(start, row)
      start = row
      let w = options.minWidth
      for (; row < line1; row++) {
        const cells = lines[row] as string[]
        if (column >= cells.length - 1) break
        w = Math.max(w, width(cells[column] as string) + options.padding)
      }
      widths.push(w)
      format(start, row)
      widths.pop()
      start = row
      row-- // the loop's increment re-examines the line that ended the block
    }
    writeLines(start, line1)
  }

  format(0, lines.length)
  return out.join('\n') + (trailing ? '\n' : '')
}

/** Rows of cells → aligned text, one line per row. */
export function formatTable(rows: readonly (readonly string[])[], options: TabwriterOptions): string {
  return rows.length === 0 ? '' : tabwrite(`${rows.map((r) => r.join('\t')).join('\n')}\n`, options)
}
