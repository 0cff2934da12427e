import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateRawModel } from './validate.ts'
import type { ModelPath } from './types.ts'

const sources = { locate: (path: ModelPath) => ({ file: 'compose.yaml', line: path.length, col: 1 }) }
const messages = (text: string): string[] => validateRawModel(parse(text) as Record<string, unknown>, sources).map((i) => i.message)

describe('validateRawModel', () => {
  it('accepts a valid file with extensions', () => {
    expect(messages('services:\n  web:\n    image: nginx\n    x-foo: 1\nx-top: {a: 1}\n')).toEqual([])
  })
  it('reports every unknown key with a suggestion', () => {
    expect(messages('services:\n  web:\n    image: nginx\n    enviroment: {A: 1}\n    prots: []\n')).toEqual([
      'services.web: unknown key `enviroment`, did you mean `environment`?',
      'services.web: unknown key `prots`, did you mean `ports`?',
    ])
  })
  it('reports type errors with the dotted path', () => {
    expect(messages('services:\n  foo:\n    image: [a]\n')).toEqual(['services.foo.image must be a string'])
    expect(messages('services:\n  foo:\n    environment:\n      FOO: ["1"]\n')).toEqual([
      'services.foo.environment.FOO must be a boolean, null, number or string',
    ])
  })
  it('suggests enum values', () => {
    expect(messages('services:\n  a:\n    image: x\n    depends_on:\n      b:\n        condition: service_healty\n')).toEqual([
      'services.a.depends_on.b.condition must be one of service_started, service_healthy, service_completed_successfully (did you mean `service_healthy`?)',
    ])
  })
  it('reports missing required properties and list duplicates', () => {
    expect(messages('services:\n  a:\n    image: x\n    cap_add: [A, A]\n    develop:\n      watch:\n        - path: .\n')).toEqual([
      "services.a.cap_add[1] items [0, 1] must be unique",
      "services.a.develop.watch[0] missing property 'action'",
    ])
  })
  it('accepts ${VAR} left in typed fields (interpolation disabled)', () => {
    expect(messages('services:\n  a:\n    image: x\n    privileged: ${P}\n    scale: ${S}\n    ports: ["${PORT}:80"]\n')).toEqual([])
  })
  it('locates issues and sorts them by line', () => {
    const issues = validateRawModel(parse('services:\n  a:\n    image: [x]\n') as Record<string, unknown>, sources)
    expect(issues[0]).toMatchObject({ path: 'services.a.image', source: { file: 'compose.yaml', line: 3, col: 1, path: 'services.a.image' } })
  })
  it('rejects an unknown top-level key', () => {
    expect(messages('servics: {}\n')).toEqual(['top-level: unknown key `servics`, did you mean `services`?'])
  })
})
