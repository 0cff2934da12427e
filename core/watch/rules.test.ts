import { describe, expect, it } from 'vitest'
import type { ServiceConfig } from '../model/project.ts'
import { compileRules, containerPath, matchRule, planBatch } from './rules.ts'

const web: ServiceConfig = {
  name: 'web',
  image: 'x',
  build: { context: '/p/web' },
  develop: {
    watch: [
      { path: './web/src', action: 'sync', target: '/app/src', ignore: ['node_modules/', '*.log'] },
      { path: './web/package.json', action: 'rebuild' },
      { path: './web/conf', action: 'sync+restart', target: '/etc/app', include: ['*.conf'] },
    ],
  },
}

describe('watch rules', () => {
  const rules = compileRules({ service: web, workingDir: '/p', dockerignore: ['**/*.tmp', 'src/secret'] })

  it('resolve paths against the project directory and require a target except for rebuild', () => {
    expect(rules.map((r) => [r.action, r.path, r.target])).toEqual([
      ['sync', '/p/web/src', '/app/src'],
      ['rebuild', '/p/web/package.json', undefined],
      ['sync+restart', '/p/web/conf', '/etc/app'],
    ])
    expect(() => compileRules({ service: { ...web, develop: { watch: [{ path: '.', action: 'sync' }] } }, workingDir: '/p' })).toThrow(/target/)
  })

  it('honour ignore (relative to the rule path), the context .dockerignore, include and editor files', () => {
    const sync = rules[0]!
    expect(matchRule(sync, '/p/web/src/a/b.ts')).toBe('a/b.ts')
    expect(matchRule(sync, '/p/web/src/node_modules/x/index.js')).toBeUndefined()
    expect(matchRule(sync, '/p/web/src/debug.log')).toBeUndefined()
    expect(matchRule(sync, '/p/web/src/x.tmp')).toBeUndefined()
    expect(matchRule(sync, '/p/web/src/secret')).toBeUndefined()
    expect(matchRule(sync, '/p/web/src/.main.ts.swp')).toBeUndefined()
    expect(matchRule(sync, '/p/web/src/main.ts~')).toBeUndefined()
    expect(matchRule(sync, '/p/web/srcfoo/a')).toBeUndefined()
    const conf = rules[2]!
    expect(matchRule(conf, '/p/web/conf/app.conf')).toBe('app.conf')
    expect(matchRule(conf, '/p/web/conf/readme.md')).toBeUndefined()
  })

  it('map host paths to container paths', () => {
    expect(containerPath(rules[0]!, 'a/b.ts')).toBe('/app/src/a/b.ts')
    expect(containerPath(rules[0]!, '')).toBe('/app/src')
  })

  it('group a batch by first matching rule; a rebuild wins for its service', () => {
    const batch = planBatch(rules, ['/p/web/src/a.ts', '/p/web/conf/x.conf', '/p/other'])
    expect([...batch].map(([r, p]) => [r.action, p])).toEqual([
      ['sync', ['/p/web/src/a.ts']],
      ['sync+restart', ['/p/web/conf/x.conf']],
    ])
    const rebuild = planBatch(rules, ['/p/web/src/a.ts', '/p/web/package.json'])
    expect([...rebuild].map(([r]) => r.action)).toEqual(['rebuild'])
  })
})
