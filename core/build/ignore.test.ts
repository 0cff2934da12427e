import { describe, expect, it } from 'vitest'
import { createIgnoreMatcher, goClean, parseIgnoreFile } from './ignore.ts'

describe('parseIgnoreFile', () => {
  it('drops comments and blank lines, trims, cleans, strips a leading slash, keeps !', () => {
    const text = '\uFEFF# comment\n\n  node_modules  \n/build/\n !  /keep/me \n ./a/../b//c/\n #not-a-comment\n*.log\t\r\n!*.keep.log'
    expect(parseIgnoreFile(text)).toEqual(['node_modules', 'build', '!keep/me', 'b/c', '#not-a-comment', '*.log', '!*.keep.log'])
  })

  it('keeps a lone ! (the matcher rejects it) and / as /', () => {
    expect(parseIgnoreFile('!\n/\n')).toEqual(['!', '/'])
  })
})

describe('goClean', () => {
  it.each([
    ['', '.'],
    ['a/', 'a'],
    ['./a//b/./c/..', 'a/b'],
    ['../a', '../a'],
    ['/../a', '/a'],
    ['a/../..', '..'],
  ])('%j → %j', (input, out) => expect(goClean(input)).toBe(out))
})

/** [patterns, path, excluded] — semantics of moby/patternmatcher MatchesOrParentMatches. */
const CASES: [string[], string, boolean][] = [
  // plain names and parents
  [['foo'], 'foo', true],
  [['foo'], 'foo/bar', true],
  [['foo'], 'foobar', false],
  [['foo'], 'bar/foo', false],
  [['foo/bar'], 'foo/bar/baz', true],
  [['foo/bar'], 'foo', false],
  // * and ? stay inside one segment
  [['*'], 'anything', true],
  [['*'], 'dir/file', true],
  [['*.go'], 'main.go', true],
  [['*.go'], 'cmd/main.go', false],
  [['dir/*.go'], 'dir/a.go', true],
  [['dir/*.go'], 'dir/sub/a.go', false],
  [['a?c'], 'abc', true],
  [['a?c'], 'a/c', false],
  [['a*b'], 'a/b', false],
  // ** crosses directories
  [['**'], 'x/y/z', true],
  [['**/foo'], 'foo', true],
  [['**/foo'], 'a/b/foo', true],
  [['**/foo'], 'a/xfoo', false],
  [['**/foo'], 'a/foo/bar', true],
  [['**/*.txt'], 'a.txt', true],
  [['**/*.txt'], 'deep/er/a.txt', true],
  [['**/*.txt'], 'a.txtx', false],
  [['dir/**'], 'dir/a/b', true],
  [['dir/**'], 'dir', false],
  [['dir/**/x'], 'dir/x', true],
  [['dir/**/x'], 'dir/a/b/x', true],
  [['dir/**/x'], 'other/x', false],
  [['a/**/b/**'], 'a/q/b/r/s', true],
  [['**/node_modules'], 'web/node_modules/lib/index.js', true],
  // classes and escapes
  [['[a-c]x'], 'bx', true],
  [['[a-c]x'], 'dx', false],
  [['[^a]x'], 'bx', true],
  [['\\*'], '*', true],
  [['\\*'], 'a', false],
  [['a.b'], 'axb', false],
  [['a+b(c)'], 'a+b(c)', true],
  [['$HOME'], '$HOME', true],
  // leading slash and cleaning
  [parseIgnoreFile('/foo/'), 'foo/x', true],
  [parseIgnoreFile('./foo/../bar'), 'bar', true],
  // exceptions: the last matching pattern wins
  [['*.md', '!README.md'], 'README.md', false],
  [['*.md', '!README.md'], 'CHANGES.md', true],
  [['*.md', '!README.md', 'README.md'], 'README.md', true],
  [['docs', '!docs/keep.md'], 'docs/keep.md', false],
  [['docs', '!docs/keep.md'], 'docs/other.md', true],
  [['**/*.log', '!important/**'], 'important/a.log', false],
  [['**/*.log', '!important/**'], 'other/a.log', true],
  [['!foo'], 'foo', false],
  [['*', '!src', 'src/**/*.tmp'], 'src/a/b.tmp', true],
  [['*', '!src', 'src/**/*.tmp'], 'src/a/b.ts', false],
  // never the root
  [['*'], '.', false],
]

describe('createIgnoreMatcher', () => {
  it.each(CASES)('%j excludes %j: %s', (patterns, path, excluded) => {
    expect(createIgnoreMatcher(patterns).excludes(path)).toBe(excluded)
  })

  it('walks into an excluded directory only when an exception starts below it', () => {
    const m = createIgnoreMatcher(['docs', '!docs/keep.md', 'vendor'])
    expect(m.hasExclusions).toBe(true)
    expect(m.mustDescend('docs')).toBe(true)
    expect(m.mustDescend('vendor')).toBe(false)
    expect(createIgnoreMatcher(['docs']).mustDescend('docs')).toBe(false)
    // moby's check is textual: a ** exception does not keep a directory walked
    expect(createIgnoreMatcher(['docs', '!**/keep.md']).mustDescend('docs')).toBe(false)
  })

  it('rejects a lone ! and malformed classes with BUILD_CONTEXT', () => {
    expect(() => createIgnoreMatcher(['!'])).toThrow(expect.objectContaining({ code: 'BUILD_CONTEXT' }))
    expect(() => createIgnoreMatcher(['[abc'])).toThrow(expect.objectContaining({ code: 'BUILD_CONTEXT' }))
    expect(() => createIgnoreMatcher(['abc\\'])).toThrow(/trailing backslash/)
    expect(() => createIgnoreMatcher(['[z-a]'])).toThrow(/invalid .dockerignore pattern/)
  })
})
