/**
 * `.dockerignore` exactly as the docker CLI reads it for the classic builder
 * (moby/patternmatcher and its `ignorefile` package):
 *
 * - lines starting with `#` are comments (checked before trimming, so ` #x` is a pattern);
 * - surrounding white space is trimmed, empty lines skipped, a UTF-8 BOM dropped;
 * - `!` makes an exception; each pattern is cleaned like Go's `filepath.Clean` and a leading
 *   `/` removed (patterns are relative to the context root);
 * - `*` and `?` never cross `/`; `**` crosses any number of directories (`**` at the start
 *   matches a suffix, `x/**` everything below `x`); `[...]` classes and `\` escapes as Go's
 *   `filepath.Match`;
 * - the last matching pattern wins, and a pattern matching a parent directory matches all
 *   below it (`MatchesOrParentMatches`).
 */
import { ComposeError } from '../errors.ts'

/** Parses the text of an ignore file into patterns (`ignorefile.ReadAll`). */
export function parseIgnoreFile(text: string): string[] {
  const out: string[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (const raw of lines) {
    if (raw.startsWith('#')) continue
    let pattern = raw.trim()
    if (pattern === '') continue
    const invert = pattern.startsWith('!')
    if (invert) pattern = pattern.slice(1).trim()
    if (pattern.length > 0) {
      pattern = goClean(pattern)
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1)
    }
    out.push(invert ? `!${pattern}` : pattern)
  }
  return out
}

/** Go's `path.Clean`: no `.`/`..`/empty segments, no trailing slash, `.` for nothing. */
export function goClean(path: string): string {
  if (path === '') return '.'
  const rooted = path.startsWith('/')
  const out: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!rooted) out.push('..')
      continue
    }
    out.push(seg)
  }
  const joined = (rooted ? '/' : '') + out.join('/')
  return joined === '' ? '.' : joined
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp'

export interface IgnorePattern {
  /** The cleaned pattern without its `!`. */
  readonly pattern: string
  /** `!pattern`: re-includes what earlier patterns excluded. */
  readonly exclusion: boolean
  match(path: string): boolean
}

const ESCAPE = new Set('.+()|{}$')

function compilePattern(source: string, exclusion: boolean): IgnorePattern {
  let re = '^'
  let type: MatchType = 'exact'
  const chars = [...source]
  for (let i = 0, step = 0; i < chars.length; step++) {
    const ch = chars[i++] as string
    if (ch === '*') {
      if (chars[i] === '*') {
        i++
        if (chars[i] === '/') i++
        if (i >= chars.length) {
          if (type === 'exact') type = 'prefix'
          else {
            re += '.*'
            type = 'regexp'
          }
        } else {
          re += '(.*/)?'
          type = 'regexp'
        }
        if (step === 0) type = 'suffix'
      } else {
        re += '[^/]*'
        type = 'regexp'
      }
    } else if (ch === '?') {
      re += '[^/]'
      type = 'regexp'
    } else if (ESCAPE.has(ch)) {
      re += `\\${ch}`
    } else if (ch === '\\') {
      if (i < chars.length) {
        re += `\\${chars[i++] as string}`
        type = 'regexp'
      } else re += '\\\\'
    } else if (ch === '[' || ch === ']') {
      re += ch
      type = 'regexp'
    } else re += ch
  }
  let regexp: RegExp | undefined
  if ((type as MatchType) === 'regexp') {
    try {
      regexp = new RegExp(`${re}$`)
    } catch (cause) {
      throw new ComposeError('BUILD_CONTEXT', `invalid .dockerignore pattern "${source}": ${(cause as Error).message}`, { cause })
    }
  }
  const kind = type as MatchType
  const match = (path: string): boolean => {
    switch (kind) {
      case 'exact':
        return path === source
      case 'prefix':
        return path.startsWith(source.slice(0, -2))
      case 'suffix': {
        const suffix = source.slice(2)
        if (path.endsWith(suffix)) return true
        return suffix.startsWith('/') && path === suffix.slice(1)
      }
      default:
        return (regexp as RegExp).test(path)
    }
  }
  return { pattern: source, exclusion, match }
}

/** What `filepath.Match` rejects: an unclosed `[` class, or a pattern ending in `\`. */
function checkSyntax(pattern: string): void {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]
    if (ch === '\\') {
      if (i === pattern.length - 1) throw new ComposeError('BUILD_CONTEXT', `invalid .dockerignore pattern "${pattern}": trailing backslash`)
      i++
    } else if (ch === '[' && !inClass) inClass = true
    else if (ch === ']' && inClass) inClass = false
  }
  if (inClass) throw new ComposeError('BUILD_CONTEXT', `invalid .dockerignore pattern "${pattern}": unclosed [ class`)
}

export interface IgnoreMatcher {
  readonly patterns: readonly IgnorePattern[]
  /** Some pattern is an exception (`!…`). */
  readonly hasExclusions: boolean
  /** Whether a context-relative, `/`-separated path is excluded (it or a parent matched last). */
  excludes(path: string): boolean
  /**
   * An excluded directory is still walked when an exception could re-include something in it
   * (the moby archiver's check: an exception pattern starting with `<dir>/`).
   */
  mustDescend(dir: string): boolean
}

/** A matcher over patterns as `parseIgnoreFile` returns them (`patternmatcher.New`). */
export function createIgnoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const compiled: IgnorePattern[] = []
  for (const raw of patterns) {
    let p = raw.trim()
    if (p === '') continue
    p = goClean(p)
    let exclusion = false
    if (p.startsWith('!')) {
      if (p.length === 1) throw new ComposeError('BUILD_CONTEXT', 'illegal exclusion pattern: "!"', { hint: 'remove the lone "!" line from .dockerignore' })
      exclusion = true
      p = p.slice(1)
    }
    checkSyntax(p)
    compiled.push(compilePattern(p, exclusion))
  }
  const hasExclusions = compiled.some((p) => p.exclusion)
  return {
    patterns: compiled,
    hasExclusions,
    excludes(path: string): boolean {
      const file = goClean(path)
      if (file === '.') return false
      const slash = file.lastIndexOf('/')
      const parents = slash === -1 ? [] : file.slice(0, slash).split('/')
      let matched = false
      for (const pattern of compiled) {
        if (pattern.exclusion !== matched) continue
        let hit = pattern.match(file)
        for (let i = 0; !hit && i < parents.length; i++) hit = pattern.match(parents.slice(0, i + 1).join('/'))
        if (hit) matched = !pattern.exclusion
      }
      return matched
    },
    mustDescend(dir: string): boolean {
      if (!hasExclusions) return false
      const prefix = `${dir}/`
      return compiled.some((p) => p.exclusion && `${p.pattern}/`.startsWith(prefix))
    },
  }
}
