import { describe, expect, it } from 'vitest'
import { parseArgs } from '../parse-args.ts'
import { parseScale, timeoutOf } from './_project-command.ts'
import { CREATE_FLAGS, toCreateOptions, toUpPlan, UP_FLAGS } from './_up-flags.ts'

const up = (argv: string[], env: Record<string, string> = {}) => {
  const { flags, positionals } = parseArgs(argv, UP_FLAGS)
  return toUpPlan(flags, positionals, env)
}

describe('up flags', () => {
  it('map onto core options', () => {
    const plan = up(['-d', '--build', '--pull', 'always', '--force-recreate', '--no-deps', '-V', '--always-recreate-deps', '--remove-orphans', '-t', '3', '--scale', 'web=3', '--scale', 'db=0', '--no-start', 'web'])
    expect(plan.detach).toBe(true)
    expect(plan.options).toEqual({
      services: ['web'],
      build: true,
      pull: 'always',
      forceRecreate: true,
      noDeps: true,
      renewAnonVolumes: true,
      alwaysRecreateDeps: true,
      removeOrphans: true,
      timeout: 3,
      scale: { web: 3, db: 0 },
      noStart: true,
    })
  })

  it('are attached by default; --wait implies detach and passes its timeout', () => {
    expect(up([])).toMatchObject({ detach: false, onExit: 'ignore', options: {} })
    expect(up(['--wait', '--wait-timeout', '30'])).toMatchObject({ detach: true, options: { wait: true, waitTimeout: 30 } })
    expect(up(['--no-start']).detach).toBe(true)
  })

  it('--exit-code-from implies --abort-on-container-exit', () => {
    expect(up(['--exit-code-from', 'web'])).toMatchObject({ onExit: 'stop', exitCodeFrom: 'web' })
    expect(up(['--abort-on-container-failure'])).toMatchObject({ onExit: 'fail' })
    expect(up(['--abort-on-container-exit'])).toMatchObject({ onExit: 'stop' })
  })

  it.each([
    [['--build', '--no-build'], '--build and --no-build are incompatible'],
    [['--force-recreate', '--no-recreate'], '--force-recreate and --no-recreate are incompatible'],
    [['-V', '--no-recreate'], '--no-recreate and --renew-anon-volumes are incompatible'],
    [['--always-recreate-deps', '--no-recreate'], '--always-recreate-deps and --no-recreate are incompatible'],
    [['-d', '--abort-on-container-exit'], '--detach cannot be combined'],
    [['-d', '--attach', 'web'], '--detach cannot be combined'],
    [['--wait', '--attach-dependencies'], '--wait cannot be combined'],
    [['--abort-on-container-exit', '--abort-on-container-failure'], 'cannot be combined with --abort-on-container-exit'],
    [['--attach', 'web', '--attach-dependencies'], 'cannot combine --attach and --attach-dependencies'],
    [['-d', '--watch'], '--watch and --detach are incompatible'],
    [['--wait', '--watch'], '--watch and --detach are incompatible'],
    [['--no-build', '--watch'], '--no-build and --watch are incompatible'],
    [['--pull', 'sometimes'], 'invalid --pull value "sometimes"'],
    [['--scale', 'web'], 'invalid --scale value "web"'],
    [['--scale', 'web=-1'], 'invalid --scale value'],
    [['-t', '-2'], 'invalid --timeout value'],
  ])('reject %j', (argv, message) => {
    expect(() => up(argv)).toThrow(message)
  })

  it('--pull build and --y (the deprecated spelling of --yes) are accepted', () => {
    expect(up(['--pull', 'build']).options.pull).toBe('build')
    expect(up(['--y', '-d']).options.yes).toBe(true)
    expect(() => up(['--menu=false', '-d'])).not.toThrow()
    expect(() => up(['--menu', '-d'])).toThrow('--menu and --detach are incompatible')
    expect(up(['-d']).options.yes).toBeUndefined()
  })

  it('COMPOSE_REMOVE_ORPHANS sets --remove-orphans; COMPOSE_IGNORE_ORPHANS conflicts with it', () => {
    expect(up([], { COMPOSE_REMOVE_ORPHANS: 'true' }).options.removeOrphans).toBe(true)
    expect(() => up(['--remove-orphans'], { COMPOSE_IGNORE_ORPHANS: '1' })).toThrow('cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans')
  })

  it('create takes the shared subset', () => {
    const { flags, positionals } = parseArgs(['--no-recreate', '--pull', 'never', '-y', 'db'], CREATE_FLAGS)
    expect(toCreateOptions(flags, positionals, {})).toEqual({ services: ['db'], noRecreate: true, pull: 'never', yes: true })
    expect(() => parseArgs(['-d'], CREATE_FLAGS)).toThrow('unknown flag: -d')
  })
})

describe('shared parsers', () => {
  it('parseScale reads SERVICE=N pairs', () => {
    expect(parseScale(['a=1', 'b=10'])).toEqual({ a: 1, b: 10 })
    expect(() => parseScale(['=2'])).toThrow('invalid --scale value "=2"')
    expect(() => parseScale(['a=x'])).toThrow()
  })
  it('timeoutOf accepts whole seconds only', () => {
    expect(timeoutOf(undefined)).toBeUndefined()
    expect(timeoutOf(0)).toBe(0)
    expect(() => timeoutOf(1.5)).toThrow('whole number')
  })
})
