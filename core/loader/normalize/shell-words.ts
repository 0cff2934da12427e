/**
 * Shell-style splitting of a string `command`/`entrypoint`, as mattn/go-shellwords 1.0.12 does it
 * for docker compose: quotes group words, a backslash escapes the next character outside single
 * quotes, and parsing stops at an unquoted `;`, `&`, `|`, `<` or `>`.
 */
export function splitShellWords(line: string): string[] {
  const args: string[] = []
  let buf = ''
  let got = false
  let escaped = false
  let single = false
  let double = false
  for (const r of line) {
    if (escaped) {
      buf += r
      escaped = false
      got = true
      continue
    }
    if (r === '\\') {
      if (single) buf += r
      else escaped = true
      continue
    }
    if (r === ' ' || r === '\t' || r === '\r' || r === '\n') {
      if (single || double) buf += r
      else if (got) {
        args.push(buf)
        buf = ''
        got = false
      }
      continue
    }
    if (r === '"' && !single) {
      if (double) got = true
      double = !double
      continue
    }
    if (r === "'" && !double) {
      if (single) got = true
      single = !single
      continue
    }
    if (';&|<>'.includes(r) && !single && !double) break
    got = true
    buf += r
  }
  if (got) args.push(buf)
  if (escaped || single || double) throw new Error('invalid command line string')
  return args
}
