import { describe, expect, it } from 'vitest'
import { ComposeError, ERROR_CODES } from '../../core/errors.ts'
import { STATUS_BY_CODE, STATUS_BY_PREFIX, statusForCode, toHttpError } from './errors.ts'

describe('statusForCode', () => {
  it('maps codes to statuses', () => {
    expect(statusForCode('ENGINE_NOT_FOUND')).toBe(404)
    expect(statusForCode('ENGINE_CONFLICT')).toBe(409)
    expect(statusForCode('CONVERGE_CONFLICT')).toBe(409)
    expect(statusForCode('CONFIG_INVALID')).toBe(422)
    expect(statusForCode('LOAD_INTERPOLATION')).toBe(422)
    expect(statusForCode('SCHEMA_INVALID')).toBe(422)
    expect(statusForCode('CLI_USAGE')).toBe(400)
    expect(statusForCode('HTTP_BAD_REQUEST')).toBe(400)
    expect(statusForCode('ENGINE_UNREACHABLE')).toBe(503)
    expect(statusForCode('QUERY_NO_CONTAINER')).toBe(404)
    expect(statusForCode('CONVERGE_NOT_RUNNING')).toBe(409)
    expect(statusForCode('PLUGIN_ERROR')).toBe(500)
  })
})

describe('toHttpError', () => {
  it('gives code, message, hint, source with file/line/col and issues', () => {
    const error = new ComposeError('SCHEMA_INVALID', 'invalid compose file', {
      hint: 'fix it',
      source: { file: '/p/compose.yaml', line: 4, col: 9, path: 'services.web.ports[0]' },
      issues: [{ message: 'expected a string', path: 'services.web.image', source: { file: '/p/compose.yaml', line: 2, col: 3 } }],
      cause: new Error('inner secret'),
    })
    const { status, body, expected } = toHttpError(error)
    expect(status).toBe(422)
    expect(expected).toBe(true)
    expect(body).toEqual({
      code: 'SCHEMA_INVALID',
      message: 'invalid compose file',
      hint: 'fix it',
      source: { file: '/p/compose.yaml', line: 4, col: 9, path: 'services.web.ports[0]' },
      file: '/p/compose.yaml',
      line: 4,
      col: 9,
      issues: [{ message: 'expected a string', path: 'services.web.image', source: { file: '/p/compose.yaml', line: 2, col: 3 } }],
    })
    expect(JSON.stringify(body)).not.toContain('inner secret')
  })
  it('never leaks an unexpected error: no message, no stack', () => {
    const { status, body, expected } = toHttpError(new TypeError('DB_PASSWORD=hunter2 at /srv/app'))
    expect(status).toBe(500)
    expect(expected).toBe(false)
    expect(JSON.stringify(body)).not.toMatch(/hunter2|at \//)
  })
})

describe('the status table', () => {
  it('decides a status for every error code (a new code must be added to STATUS_BY_CODE)', () => {
    const undecided = ERROR_CODES.filter((code) => STATUS_BY_CODE[code] === undefined && !STATUS_BY_PREFIX.some(([prefix]) => code.startsWith(prefix)))
    expect(undecided).toEqual([])
  })
  it('maps the build, image, converge, query and graph codes', () => {
    expect(statusForCode('BUILD_FAILED')).toBe(422)
    expect(statusForCode('BUILD_CONTEXT')).toBe(422)
    expect(statusForCode('IMAGE_PULL_FAILED')).toBe(502)
    expect(statusForCode('IMAGE_PULL_POLICY')).toBe(422)
    expect(statusForCode('CONVERGE_IMAGE_MISSING')).toBe(424)
    expect(statusForCode('CONVERGE_WAIT_TIMEOUT')).toBe(504)
    expect(statusForCode('QUERY_INVALID')).toBe(400)
    expect(statusForCode('GRAPH_NO_SUCH_SERVICE')).toBe(404)
    expect(statusForCode('GRAPH_CYCLE')).toBe(422)
  })
})
