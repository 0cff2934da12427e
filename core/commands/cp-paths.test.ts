import { describe, expect, it } from 'vitest'
import { baseName, contentsOnly, dirName, isDirMode, isSymlinkMode, landing, parseCopyArgs, parseCopyEnd, safeRelative, stripTop } from './cp-paths.ts'

describe('cp arguments', () => {
  it('SERVICE:PATH is a container path; absolute and dotted paths stay local even with a colon', () => {
    expect(parseCopyEnd('web:/etc/hosts')).toEqual({ kind: 'service', service: 'web', path: '/etc/hosts' })
    expect(parseCopyEnd('/tmp/a:b')).toEqual({ kind: 'local', path: '/tmp/a:b' })
    expect(parseCopyEnd('./a:b')).toEqual({ kind: 'local', path: './a:b' })
    expect(parseCopyEnd('file.txt')).toEqual({ kind: 'local', path: 'file.txt' })
    expect(parseCopyEnd('-')).toEqual({ kind: 'local', path: '-' })
  })

  it('gives the direction and rejects two local or two container ends', () => {
    expect(parseCopyArgs('web:/data', './out')).toEqual({ direction: 'from', service: 'web', containerPath: '/data', localPath: './out' })
    expect(parseCopyArgs('-', 'db:/in')).toEqual({ direction: 'to', service: 'db', containerPath: '/in', localPath: '-' })
    expect(() => parseCopyArgs('a', 'b')).toThrow(/at least one container/)
    expect(() => parseCopyArgs('web:/a', 'db:/b')).toThrow(/between services/)
    expect(() => parseCopyArgs('web:', 'x')).toThrow(/no path/)
  })

  it('splits paths like path.Base/Dir and spots dir/.', () => {
    expect(baseName('/a/b/')).toBe('b')
    expect(baseName('/')).toBe('/')
    expect(dirName('/a/b')).toBe('/a')
    expect(dirName('/a')).toBe('/')
    expect(dirName('b')).toBe('.')
    expect(contentsOnly('/a/.')).toBe(true)
    expect(contentsOnly('/a')).toBe(false)
  })
})

describe('where a copy lands (docker cp rules)', () => {
  it('into an existing directory under the base name, or its content with dir/.', () => {
    expect(landing('/src/data', true, '/out', { exists: true, isDir: true })).toEqual({ dir: '/out', name: 'data' })
    expect(landing('/src/data/.', true, '/out', { exists: true, isDir: true })).toEqual({ dir: '/out', name: undefined })
    expect(landing('/src/f.txt', false, '/out', { exists: true, isDir: true })).toEqual({ dir: '/out', name: 'f.txt' })
  })

  it('over an existing file, or as a new entry named after the destination', () => {
    expect(landing('/src/f.txt', false, '/out/g.txt', { exists: true, isDir: false })).toEqual({ dir: '/out', name: 'g.txt' })
    expect(landing('/src/data', true, '/out/new', { exists: false, isDir: false })).toEqual({ dir: '/out', name: 'new' })
    expect(() => landing('/src/data', true, '/out/g.txt', { exists: true, isDir: false })).toThrow(/directory to a file/)
    expect(() => landing('/src/f.txt', false, '/out/missing/', { exists: false, isDir: false })).toThrow(/does not exist/)
  })
})

describe('archive names', () => {
  it('strips the top component the engine puts first', () => {
    expect(stripTop('data/')).toBe('')
    expect(stripTop('data/sub/x')).toBe('sub/x')
    expect(stripTop('./')).toBe('')
    expect(stripTop('./a/b')).toBe('a/b')
    expect(stripTop('a.txt')).toBe('')
  })

  it('refuses names leaving the destination', () => {
    expect(safeRelative('a/./b')).toBe('a/b')
    expect(() => safeRelative('a/../../etc')).toThrow(/outside/)
  })

  it('reads Go FileMode bits', () => {
    expect(isDirMode(2147484141)).toBe(true)
    expect(isDirMode(0o644)).toBe(false)
    expect(isSymlinkMode(134218239)).toBe(true)
  })
})
