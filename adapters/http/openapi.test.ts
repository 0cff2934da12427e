import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { toJsonSchema } from './json-schema.ts'
import { DownBody, ExecBody, LogsQuery, ProjectSummarySchema, UpBody } from './schemas.ts'

describe('toJsonSchema', () => {
  it('converts objects, arrays, picklists, records and pipes', () => {
    expect(toJsonSchema(DownBody)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        removeOrphans: { type: 'boolean' },
        volumes: { type: 'boolean', description: 'Remove named and anonymous volumes' },
        rmi: { enum: ['local', 'all'] },
        timeout: { type: 'integer', minimum: 0, maximum: 3600, description: 'Seconds to wait before killing' },
      },
    })
    const exec = toJsonSchema(ExecBody)
    expect(exec.required).toEqual(['service', 'command'])
    expect(exec.properties?.command).toMatchObject({ type: 'array', minItems: 1, items: { type: 'string', maxLength: 65_536 } })
    expect(exec.properties?.env).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } })
    expect(toJsonSchema(ProjectSummarySchema).required).toEqual(['name', 'status', 'configFiles'])
    expect(toJsonSchema(UpBody).properties?.scale).toMatchObject({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 } })
  })
  it('documents query strings by what the route reads (metadata override)', () => {
    const logs = toJsonSchema(LogsQuery)
    expect(logs.properties?.follow).toEqual({ type: 'boolean', description: 'Keep streaming new output' })
    expect(logs.properties?.tail).toMatchObject({ anyOf: [{ type: 'integer', minimum: 0 }, { const: 'all' }] })
  })
  it('throws on kinds it does not know', () => {
    expect(() => toJsonSchema(v.date())).toThrow(/unsupported valibot schema "date"/)
  })
  it('adds nullability and defaults', () => {
    expect(toJsonSchema(v.nullable(v.string()))).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] })
    expect(toJsonSchema(v.optional(v.number(), 3))).toEqual({ type: 'number', default: 3 })
    expect(toJsonSchema(v.union([v.literal('a'), v.boolean()]))).toEqual({ anyOf: [{ const: 'a' }, { type: 'boolean' }] })
  })
})
