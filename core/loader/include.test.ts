import { describe, expect, it } from 'vitest'
import type { LoadProblem } from './_problems.ts'
import { applyIncludes, type IncludeContext, type IncludeSpec } from './include.ts'
import { parseCompose } from './parse.ts'
import type { Located } from './source-map.ts'
import type { RawModel } from './types.ts'

function doc(text: string, file: string): Located<RawModel> {
  const [d] = parseCompose(text, { file }).documents
  return { value: d?.model ?? {}, src: d?.sources }
}

const included: Record<string, string> = {
  '/p/a.yaml': 'services:\n  a: {image: a}\nnetworks:\n  n: {}\n',
  '/p/sub/b.yaml': 'services:\n  b: {image: b}\n',
}
const existing = new Set(['/p/custom.env'])

function context(seen: IncludeSpec[]): IncludeContext {
  return {
    workingDir: '/p',
    chain: [],
    fs: { readFile: async () => new Uint8Array(), stat: async (p) => (existing.has(p) ? { isFile: true, isDirectory: false } : undefined) },
    loadIncluded: async (spec) => {
      seen.push(spec)
      return doc(included[spec.paths[0] ?? ''] ?? '{}', spec.paths[0] ?? '')
    },
  }
}

describe('applyIncludes', () => {
  it('accepts the short and long forms and copies the resources in', async () => {
    const seen: IncludeSpec[] = []
    const problems: LoadProblem[] = []
    const out = await applyIncludes(
      doc('include:\n  - a.yaml\n  - path: [sub/b.yaml, sub/o.yaml]\n    project_directory: other\n    env_file: [custom.env, /dev/null]\nservices:\n  mine: {}\n', '/p/compose.yaml'),
      '/p/compose.yaml',
      context(seen),
      problems,
    )
    expect(problems).toEqual([])
    expect(out.value).toEqual({ services: { mine: {}, a: { image: 'a' }, b: { image: 'b' } }, networks: { n: {} } })
    expect(seen.map((s) => [s.paths, s.projectDirectory, s.envFiles])).toEqual([
      [['/p/a.yaml'], '/p', undefined],
      [['/p/sub/b.yaml', '/p/sub/o.yaml'], '/p/other', ['/p/custom.env']],
    ])
  })

  it('merges a local definition over an included one', async () => {
    const out = await applyIncludes(doc('include: [a.yaml]\nservices:\n  a: {user: me}\n', '/p/compose.yaml'), '/p/compose.yaml', context([]), [])
    expect(out.value['services']).toEqual({ a: { image: 'a', user: 'me' } })
  })

  it('reports cycles, missing env files and malformed entries', async () => {
    const problems: LoadProblem[] = []
    await applyIncludes(doc('include:\n  - compose.yaml\n  - {path: a.yaml, env_file: missing.env}\n  - {project_directory: x}\n', '/p/compose.yaml'), '/p/compose.yaml', context([]), problems)
    expect(problems.map((p) => [p.code, p.source?.line])).toEqual([
      ['LOAD_CYCLE', 2],
      ['LOAD_ENV_FILE', 3],
      ['LOAD_INCLUDE', 4],
    ])
    expect(problems[0]?.message).toBe('include cycle detected:\n/p/compose.yaml\n include /p/compose.yaml')
  })
})
