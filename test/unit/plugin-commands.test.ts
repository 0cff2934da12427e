/** Plugin-provided CLI commands: found after the built-in table, from compose.config.* and --plugin. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../adapters/cli/io.ts'
import { main } from '../../adapters/cli/main.ts'

const dir = mkdtempSync(join(tmpdir(), 'compose-plugin-cmd-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox\n  db:\n    image: busybox\n')
writeFileSync(
  join(dir, 'compose.config.mjs'),
  `export default {
  plugins: [{
    name: 'compose-plugin-greet',
    commands: {
      greet: {
        description: 'Say hello to each service',
        usage: '[OPTIONS] [SERVICE...]',
        flags: { shout: { type: 'boolean', short: 's', description: 'Upper-case' }, greeting: { type: 'string', description: 'Word to use', default: 'hello' } },
        async run(ctx) {
          const project = await ctx.project()
          const names = ctx.args.length > 0 ? ctx.args : Object.keys(project.services).sort()
          for (const n of names) {
            const line = ctx.flags.greeting + ' ' + n + ' of ' + project.name
            ctx.write((ctx.flags.shout ? line.toUpperCase() : line) + '\\n')
          }
          return names.length === 0 ? 3 : 0
        },
      },
      version: { description: 'shadowed by the built-in', run(ctx) { ctx.write('plugin version\\n') } },
    },
  }],
}
`,
)
writeFileSync(
  join(dir, 'extra-plugin.mjs'),
  `export default () => ({ name: 'compose-plugin-extra', commands: { 'engine-ping': { description: 'Ping the engine', async run(ctx) { const res = await ctx.engine().request({ method: 'GET', path: '/_ping', unversioned: true }); await res.dump(); ctx.write('ping ' + res.status + '\\n') } } } })\n`,
)

function io(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  const writer = (append: (t: string) => void) => ({ write: append, isTTY: false, columns: 80 })
  return {
    stdout: writer((t) => (out += t)),
    stderr: writer((t) => (err += t)),
    stdin: Object.assign((async function* () {})(), { isTTY: false }),
    env: { PATH: process.env.PATH, DOCKER_HOST: process.env.DOCKER_HOST },
    cwd,
    home: dir,
    color: false,
    out: () => out,
    err: () => err,
  }
}

describe('plugin commands', () => {
  it('runs a command declared in compose.config.mjs, with its flags, args and the loaded project', async () => {
    const cli = io(dir)
    expect(await main(['-p', 'greeters', 'greet', '--shout', '--greeting', 'hi'], cli)).toBe(0)
    expect(cli.out()).toBe('HI DB OF GREETERS\nHI WEB OF GREETERS\n')
    const one = io(dir)
    expect(await main(['greet', 'web'], one)).toBe(0)
    expect(one.out()).toMatch(/^hello web of /)
  })

  it('shows the plugin command’s help with its flags and origin', async () => {
    const cli = io(dir)
    expect(await main(['greet', '--help'], cli)).toBe(0)
    expect(cli.out()).toContain('Say hello to each service (from compose-plugin-greet)')
    expect(cli.out()).toContain('--shout')
  })

  it('built-in commands win over a plugin command of the same name', async () => {
    const cli = io(dir)
    await main(['version'], cli)
    expect(cli.out()).not.toContain('plugin version')
    expect(cli.out()).toContain('compose version')
  })

  it('finds commands of --plugin modules, which may use the engine', async () => {
    const cli = io(dir)
    expect(await main(['--plugin', './extra-plugin.mjs', 'engine-ping'], cli)).toBe(0)
    expect(cli.out()).toBe('ping 200\n')
  })

  it('an unknown command is still a usage error', async () => {
    const cli = io(dir)
    expect(await main(['nope'], cli)).not.toBe(0)
    expect(cli.err()).toContain('unknown command "nope"')
  })
})
