import { describe, expect, it } from 'vitest'
import { createSourceMap, sourceNode } from './source-map.ts'

describe('createSourceMap', () => {
  const leaf = { loc: { file: 'b.yaml', line: 9, col: 3 } }
  const root = sourceNode({ file: 'a.yaml', line: 1, col: 1 }, new Map([['services', sourceNode(undefined, new Map([['web', leaf]]))]]))

  it('locates a known path and names it', () => {
    expect(createSourceMap(root).locate(['services', 'web'])).toEqual({ file: 'b.yaml', line: 9, col: 3, path: 'services.web' })
  })

  it('falls back to the closest known ancestor', () => {
    expect(createSourceMap(root).locate(['services', 'db', 'ports', 0])).toEqual({ file: 'a.yaml', line: 1, col: 1, path: 'services.db.ports[0]' })
    expect(createSourceMap(undefined).locate(['x'])).toBeUndefined()
  })

})
