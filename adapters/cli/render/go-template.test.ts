import { describe, expect, it } from 'vitest'
import { parseTemplate, toText } from './go-template.ts'
import { renderList } from './list-format.ts'

const run = (source: string, data: unknown): string => parseTemplate(source).execute(data)

describe('go template subset', () => {
  it('prints fields, nested fields and literal text', () => {
    expect(run('{{.Name}} is {{.State}}', { Name: 'p-web-1', State: 'running' })).toBe('p-web-1 is running')
    expect(run('{{ .A.B }}!', { A: { B: 42 } })).toBe('42!')
    expect(run('no actions', {})).toBe('no actions')
  })

  it('renders {{json .}} and {{json .Field}} without HTML escaping', () => {
    expect(run('{{json .}}', { A: '<x>', B: [1, 2] })).toBe('{"A":"<x>","B":[1,2]}')
    expect(run('{{json .B}}', { B: { c: true } })).toBe('{"c":true}')
  })

  it('applies functions and pipelines like the docker CLI', () => {
    const data = { Name: 'Web', Names: ['a', 'b'], ID: '0123456789abcdef' }
    expect(run('{{.Name | upper}} {{lower .Name}}', data)).toBe('WEB web')
    expect(run('{{join .Names ", "}}', data)).toBe('a, b')
    expect(run('{{truncate .ID 4}}', data)).toBe('0123')
    expect(run('{{pad .Name 1 2}}|', data)).toBe(' Web  |')
    expect(run('{{title "hello world"}}', data)).toBe('Hello World')
    expect(run('{{split "a,b" ","}}', data)).toBe('[a b]')
  })

  it('calls method-like fields with arguments', () => {
    const data = { Label: (k: unknown) => (k === 'x' ? 'y' : '') }
    expect(run('{{.Label "x"}}', data)).toBe('y')
  })

  it('trims spaces around {{- and -}}', () => {
    expect(run('a  {{- .X -}}  b', { X: 1 })).toBe('a1b')
  })

  it('prints values as Go does', () => {
    expect(toText(undefined)).toBe('<no value>')
    expect(toText(['a', 1])).toBe('[a 1]')
    expect(toText({ b: 1, a: 'x' })).toBe('map[a:x b:1]')
  })

  it('reports unknown fields, functions and unsupported actions', () => {
    expect(() => run('{{.Nope}}', { Name: 'x' })).toThrow(/can't evaluate field Nope/)
    expect(() => run('{{printf "%s" .Name}}', { Name: 'x' })).toThrow(/not supported/)
    expect(() => run('{{range .X}}{{end}}', {})).toThrow(/not supported/)
    expect(() => run('{{nope .X}}', {})).toThrow(/function "nope" not defined/)
    expect(() => run('{{.Name', {})).toThrow(/unclosed action/)
  })
})

describe('renderList', () => {
  const spec = { defaultTable: 'table {{.Name}}\t{{.State}}', headers: { Name: 'NAME', State: 'STATE' } }
  const rows = [
    { Name: 'p-web-1', State: 'running' },
    { Name: 'p-db-1', State: 'exited' },
  ]

  it('prints an aligned table with headers by default and for "table"', () => {
    const expected = 'NAME      STATE\np-web-1   running\np-db-1    exited\n'
    expect(renderList(undefined, rows, spec)).toBe(expected)
    expect(renderList('table', rows, spec)).toBe(expected)
  })

  it('takes a custom table template with written \\t, and headers for unknown fields are empty', () => {
    expect(renderList('table {{.State}}\\t{{.Name}}', rows, spec)).toBe('STATE     NAME\nrunning   p-web-1\nexited    p-db-1\n')
    expect(renderList('table {{.State}}\\t{{.Other}}', [{ State: 'x', Other: 'y' }], spec)).toBe('STATE     \nx         y\n')
  })

  it('prints a header even without rows, json one object per line, and plain templates unaligned', () => {
    expect(renderList('table', [], spec)).toBe('NAME      STATE\n')
    expect(renderList('json', rows, spec)).toBe('{"Name":"p-web-1","State":"running"}\n{"Name":"p-db-1","State":"exited"}\n')
    expect(renderList('{{.Name}}:{{.State}}', rows, spec)).toBe('p-web-1:running\np-db-1:exited\n')
  })
})
