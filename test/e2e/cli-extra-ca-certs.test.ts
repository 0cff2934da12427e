/**
 * NODE_EXTRA_CA_CERTS and the `compose` command (bin/compose.cjs). Node 20 parses the certificates
 * that variable names before any JavaScript runs; the command's first line, a shell line, starts
 * Node without it and keeps it in COMPOSE_NODE_EXTRA_CA_CERTS. These tests run the bin as the
 * shell does (`./bin/compose.cjs`, as `compose` and `npx compose` run it) and show that:
 * the Node process starts without the variable and gives it back to what it starts; the opt-out
 * keeps it; and a TLS engine whose CA is known only through that variable is still trusted.
 */
import { execFile as execFileCb, execFileSync } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, run } from './cli-runtime.ts'

const execFile = promisify(execFileCb)
const BIN = `${REPO}bin/compose.cjs`
const dir = mkdtempSync(join(tmpdir(), 'compose-extra-ca-'))

/** A CA, and a certificate for 127.0.0.1 that it signed (openssl). */
function makeCertificates(): { ca: string; cert: string; key: string } {
  const sh = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  sh(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=compose test CA'])
  sh(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'])
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n')
  sh(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext'])
  return { ca: join(dir, 'ca.pem'), cert: readFileSync(join(dir, 'server.pem'), 'utf8'), key: readFileSync(join(dir, 'server.key'), 'utf8') }
}

/** Writes, when Node has loaded it (NODE_OPTIONS=--require) and when it exits, what the process's environment holds. */
function preload(): string {
  const file = join(dir, 'preload.cjs')
  writeFileSync(
    file,
    `const { appendFileSync } = require('node:fs')
const note = (when) => appendFileSync(process.env.ENV_LOG, JSON.stringify({ when, extra: process.env.NODE_EXTRA_CA_CERTS ?? null, setAside: process.env.COMPOSE_NODE_EXTRA_CA_CERTS ?? null }) + '\\n')
note('start')
process.on('exit', () => note('exit'))
`,
  )
  return file
}

function envLog(file: string): Array<{ when: string; extra: string | null; setAside: string | null }> {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { when: string; extra: string | null; setAside: string | null })
}

describe('compose starts Node without NODE_EXTRA_CA_CERTS', () => {
  let certs: ReturnType<typeof makeCertificates>
  let server: Server
  let port: number

  beforeAll(async () => {
    certs = makeCertificates()
    // an engine behind TLS: this server forwards every request to the local engine's socket
    server = createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
      const upstream = httpRequest({ socketPath: '/var/run/docker.sock', path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on('error', () => res.writeHead(502).end())
      req.pipe(upstream)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(() => {
    server.closeAllConnections()
    server.close()
  })

  it('sets the variable aside while Node starts and gives it back to the processes compose starts', () => {
    const log = join(dir, 'aside.log')
    const res = run(BIN, ['version', '--short'], { env: { NODE_EXTRA_CA_CERTS: certs.ca, NODE_OPTIONS: `--require ${preload()}`, ENV_LOG: log } })
    expect(res).toMatchObject({ code: 0, stdout: '0.1.0\n' })
    expect(envLog(log)).toEqual([
      { when: 'start', extra: null, setAside: certs.ca },
      { when: 'exit', extra: certs.ca, setAside: certs.ca },
    ])
  })

  it('keeps it with COMPOSE_KEEP_NODE_EXTRA_CA_CERTS=1, and has nothing to do when it is not set', () => {
    const kept = join(dir, 'kept.log')
    expect(run(BIN, ['version', '--short'], { env: { NODE_EXTRA_CA_CERTS: certs.ca, COMPOSE_KEEP_NODE_EXTRA_CA_CERTS: '1', NODE_OPTIONS: `--require ${preload()}`, ENV_LOG: kept } }).code).toBe(0)
    expect(envLog(kept)[0]).toEqual({ when: 'start', extra: certs.ca, setAside: null })
    const unset = join(dir, 'unset.log')
    expect(run(BIN, ['version', '--short'], { env: { NODE_EXTRA_CA_CERTS: '', NODE_OPTIONS: `--require ${preload()}`, ENV_LOG: unset } }).code).toBe(0)
    expect(envLog(unset)[0]).toEqual({ when: 'start', extra: '', setAside: null })
  })

  it('still trusts a TLS engine whose CA only NODE_EXTRA_CA_CERTS names', async () => {
    const certPath = join(dir, 'no-client-certs')
    mkdirSync(certPath, { recursive: true })
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath }
    // async: this process serves the TLS engine while compose talks to it
    const { stdout } = await execFile(BIN, ['version', '--format', 'json'], { env: { ...env, NODE_EXTRA_CA_CERTS: certs.ca }, cwd: dir })
    expect(JSON.parse(stdout)).toMatchObject({ engine: { version: expect.stringMatching(/^\d+\.\d+/) } })
    // without the variable the CA is unknown, and the same call is refused
    const { NODE_EXTRA_CA_CERTS: _, ...withoutCa } = env
    const refused = await execFile(BIN, ['version', '--format', 'json'], { env: withoutCa, cwd: dir }).then(
      () => undefined,
      (error: { stderr: string }) => error.stderr,
    )
    expect(refused).toMatch(/certificate/i)
  })
})
