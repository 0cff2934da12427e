import { describe, expect, it } from 'vitest'
import type { LoadProblem } from './_problems.ts'
import { applyExtends, type ExtendsContext, type LocatedServices } from './extends.ts'
import { parseCompose } from './parse.ts'
import { createSourceMap, locatedChild } from './source-map.ts'

function services(text: string, file = 'compose.yaml'): LocatedServices {
  const [d] = parseCompose(text, { file }).documents
  return locatedChild({ value: d?.model ?? {}, src: d?.sources }, 'services') as LocatedServices
}

const files: Record<string, string> = {
  '/p/base.yaml': 'services:\n  base:\n    image: base\n    environment: [A=1]\n  chained:\n    extends: base\n    user: me\n',
}
const ctx: ExtendsContext = {
  workingDir: '/p',
  loadServices: async (file) => {
    const text = files[file]
    if (text === undefined) throw new Error(`cannot read ${file}`)
    return services(text, file)
  },
}

async function run(text: string): Promise<{ value: Record<string, unknown>; problems: LoadProblem[]; result: LocatedServices }> {
  const problems: LoadProblem[] = []
  const result = await applyExtends(services(text), 'compose.yaml', ctx, problems)
  return { value: result.value, problems, result }
}

describe('applyExtends', () => {
  it('extends a service of the same file and merges the local definition over it', async () => {
    const { value, problems } = await run('services:\n  a: {image: x, environment: [A=1], ports: ["1:1"]}\n  b:\n    extends: a\n    environment: [B=2]\n    ports: ["2:2"]\n')
    expect(problems).toEqual([])
    expect(value['b']).toEqual({ image: 'x', environment: ['A=1', 'B=2'], ports: ['1:1', '2:2'] })
  })

  it('extends a service of another file, following its chain', async () => {
    const { value, result } = await run('services:\n  web:\n    extends: {file: base.yaml, service: chained}\n    image: mine\n')
    expect(value['web']).toEqual({ image: 'mine', environment: ['A=1'], user: 'me' })
    const map = createSourceMap(result.src)
    expect(map.locate(['web', 'user'])).toMatchObject({ file: '/p/base.yaml', line: 7 })
    expect(map.locate(['web', 'image'])).toMatchObject({ file: 'compose.yaml', line: 4 })
  })

  it('reports a missing service or file at the extends entry', async () => {
    const { problems } = await run('services:\n  a:\n    extends: nope\n  b:\n    extends: {file: gone.yaml, service: x}\n')
    expect(problems.map((p) => [p.code, p.source?.line])).toEqual([
      ['LOAD_EXTENDS', 3],
      ['LOAD_EXTENDS', 5],
    ])
    expect(problems[0]?.message).toBe('cannot extend service "a" in compose.yaml: service "nope" not found')
    expect(problems[1]?.message).toBe('cannot read /p/gone.yaml')
  })

  it('reports a cycle once, with the chain', async () => {
    const { problems } = await run('services:\n  a: {extends: b}\n  b: {extends: a}\n')
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toBe('Circular reference:\n  a in compose.yaml\n  extends b in compose.yaml\n  extends a in compose.yaml')
  })

  it('requires the service of the long form', async () => {
    expect((await run('services:\n  a:\n    extends: {file: base.yaml}\n')).problems[0]?.message).toBe('extends.a.service is required')
  })
})
