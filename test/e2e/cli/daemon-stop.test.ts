/**
 * Fault: the Docker daemon stops in the middle of `up`. Runs against a second dockerd of its
 * own (own socket, data and exec roots, vfs storage) in a network namespace of its own
 * (`unshare --net`: a second daemon in the host's namespace deletes or rewires the host's
 * docker0 when it restarts), so that stopping it does not disturb the other tests; busybox is
 * copied into it with `docker save | load`.
 * `up` must fail with a message that names a service (or, before any container, the engine);
 * once the daemon is back, `up` converges and `down` leaves no container and no network.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compose, run } from '../cli-runtime.ts'
import { spawnCompose, until } from './_project.ts'

const root = mkdtempSync(join(tmpdir(), 'e2e-daemon-stop-'))
const sock = join(root, 'docker.sock')
const host = `unix://${sock}`

let daemon: ChildProcess | undefined

function startDaemon(): ChildProcess {
  // unshare execs dockerd in place: the child's PID is the daemon's
  const child = spawn('unshare', [
    '--net', 'dockerd', '--host', host, '--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'), '--pidfile', join(root, 'docker.pid'),
    '--iptables=false', '--ip6tables=false', '--storage-driver', 'vfs',
  ], { stdio: ['ignore', 'ignore', 'ignore'], detached: true })
  child.unref()
  return child
}

async function daemonUp(): Promise<void> {
  await until(() => run('docker', ['-H', host, 'version', '--format', '{{.Server.Version}}']).code === 0, 60_000, 'the second dockerd')
}

async function stopDaemon(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await exited
}

const project = 'e2edaemonstop'
const dir = join(root, 'project')
const env = { DOCKER_HOST: host }
const cli = (args: string[]) => compose(['-p', project, ...args], { cwd: dir, env })

describe('the daemon stops in the middle of up', () => {
  beforeAll(async () => {
    daemon = startDaemon()
    await daemonUp()
    const load = spawnSync('sh', ['-c', `docker save busybox:latest | docker -H ${host} load`], { encoding: 'utf8' })
    expect(load.status, load.stderr).toBe(0)
    mkdirSync(dir, { recursive: true })
    const services = Array.from({ length: 8 }, (_, i) => `  s${i}:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_signal: SIGKILL\n`).join('')
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${services}`)
  }, 120_000)

  afterAll(async () => {
    await stopDaemon(daemon)
    rmSync(root, { recursive: true, force: true })
  }, 60_000)

  it('up must fail naming a service and the engine, and a rerun once the daemon is back must converge and down leave nothing', async () => {
    const up = spawnCompose(['-p', project, '--progress', 'plain', 'up', '-d'], dir, env)
    // stop the daemon as soon as the first container exists
    await until(() => up.output().stderr.includes('Created'), 30_000, 'the first container')
    await stopDaemon(daemon)
    const failed = await up.done
    expect(failed.code, failed.stderr).not.toBe(0)
    // the engine's own error (it may answer while shutting down) or ours when it is gone
    expect(failed.stderr).toMatch(/^error: /m)
    expect(failed.stderr.includes(host) || /error: service "s\d"/.test(failed.stderr), failed.stderr).toBe(true)
    expect(failed.stderr).not.toMatch(/\n\s+at /) // no stack trace

    daemon = startDaemon()
    await daemonUp()
    const again = cli(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    const ps = cli(['ps', '--format', '{{.Service}} {{.State}}'])
    expect(ps.stdout.trim().split('\n').sort()).toEqual(Array.from({ length: 8 }, (_, i) => `s${i} running`))
    const down = cli(['down', '-t', '0'])
    expect(down.code, down.stderr).toBe(0)
    expect(run('docker', ['-H', host, 'ps', '-aq']).stdout.trim()).toBe('')
    expect(run('docker', ['-H', host, 'network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`]).stdout.trim()).toBe('')
  }, 120_000)
})
