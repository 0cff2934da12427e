import { describe, expect, it } from 'vitest'
import { renderTop } from './top.ts'

describe('top output', () => {
  it('one table: SERVICE, #, the ps columns in order met, CMD last, "-" for missing cells', () => {
    const out = renderTop([
      { ID: '1', Name: 'p-db-1', Service: 'db', Replica: '1', Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '10', 'sleep 3600']] },
      { ID: '2', Name: 'p-web-1', Service: 'web', Replica: '1', Titles: ['UID', 'PID', 'CMD', 'EXTRA'], Processes: [['root', '11', 'httpd -f', 'x'], ['www', '12', 'sh', 'y']] },
    ])
    expect(out).toBe(['SERVICE  #   UID   PID  EXTRA  CMD', 'db       1   root  10   -      sleep 3600', 'web      1   root  11   x      httpd -f', 'web      1   www   12   y      sh', ''].join('\n'))
    expect(renderTop([])).toBe('')
  })
})
