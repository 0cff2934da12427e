import { describe, expect, it } from 'vitest'
import { GLOBAL_FLAGS, toGlobalOptions, type GlobalFlags } from './global-flags.ts'
import { parseArgs } from './parse-args.ts'

const globals = (argv: string[], env: Record<string, string> = {}) => toGlobalOptions(parseArgs(argv, GLOBAL_FLAGS).flags as GlobalFlags, env)

describe('--ansi, COMPOSE_ANSI and NO_COLOR', () => {
  it('takes COMPOSE_ANSI when the flag is not given, the flag when it is', () => {
    expect(globals([]).ansi).toBe('auto')
    expect(globals([], { COMPOSE_ANSI: 'always' }).ansi).toBe('always')
    expect(globals(['--ansi', 'never'], { COMPOSE_ANSI: 'always' }).ansi).toBe('never')
    expect(() => globals([], { COMPOSE_ANSI: 'sometimes' })).toThrow(/invalid COMPOSE_ANSI value "sometimes"/)
  })
  it('turns colours off for a non-empty NO_COLOR, whatever was asked', () => {
    expect(globals(['--ansi', 'always'], { NO_COLOR: '1' }).ansi).toBe('never')
    expect(globals([], { NO_COLOR: 'yes', COMPOSE_ANSI: 'always' }).ansi).toBe('never')
    expect(globals(['--ansi', 'always'], { NO_COLOR: '' }).ansi).toBe('always')
  })
  it('refuses a TTY progress without ANSI and a plain one with forced ANSI', () => {
    expect(() => globals(['--ansi', 'never', '--progress', 'tty'])).toThrow("can't use --progress tty while ANSI support is disabled")
    expect(() => globals(['--progress', 'plain'], { COMPOSE_ANSI: 'always' })).toThrow("can't use --progress plain while ANSI support is forced")
    expect(globals(['--progress', 'tty'], { NO_COLOR: '1' }).progress).toBe('tty')
  })
})

describe('--parallel and COMPOSE_PARALLEL_LIMIT', () => {
  it('takes the flag over the variable; zero or less is unlimited', () => {
    expect(globals([], { COMPOSE_PARALLEL_LIMIT: '3' }).parallel).toBe(3)
    expect(globals(['--parallel', '2'], { COMPOSE_PARALLEL_LIMIT: '3' }).parallel).toBe(2)
    expect(globals(['--parallel', '-1']).parallel).toBeUndefined()
    expect(globals([], { COMPOSE_PARALLEL_LIMIT: '0' }).parallel).toBeUndefined()
  })
  it('wants whole numbers', () => {
    expect(() => globals(['--parallel', '1.5'])).toThrow(/invalid --parallel value "1.5"/)
    expect(() => globals([], { COMPOSE_PARALLEL_LIMIT: 'abc' })).toThrow('COMPOSE_PARALLEL_LIMIT must be an integer (found: "abc")')
    expect(globals(['--parallel', '4'], { COMPOSE_PARALLEL_LIMIT: 'abc' }).parallel).toBe(4)
  })
})
