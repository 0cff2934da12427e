/**
 * DOCKER_HOST=tcp://… with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: a TLS engine stand-in on
 * 127.0.0.1 that requires a client certificate, as a TLS-protected dockerd does.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineClient, ping, version } from '../../../core/engine/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'compose-tls-'))
const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })

function makeCerts(): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test-ca', '-keyout', 'ca-key.pem', '-out', 'ca.pem')
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server-key.pem', '-out', 'server.csr')
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-extfile', 'server.ext', '-out', 'server-cert.pem')
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n')
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=client', '-keyout', 'key.pem', '-out', 'client.csr')
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-extfile', 'client.ext', '-out', 'cert.pem')
}

let server: Server
let port = 0
const clientNames: string[] = []

beforeAll(async () => {
  makeCerts()
  server = createServer(
    {
      key: readFileSync(join(dir, 'server-key.pem')),
      cert: readFileSync(join(dir, 'server-cert.pem')),
      ca: readFileSync(join(dir, 'ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      clientNames.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '?'))
      res.setHeader('Api-Version', '1.41')
      if (req.url === '/_ping') return void res.end('OK')
      if (req.url === '/v1.41/version') {
        res.setHeader('Content-Type', 'application/json')
        return void res.end(JSON.stringify({ Version: 'tls-stand-in', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64' }))
      }
      res.statusCode = 404
      res.end(JSON.stringify({ message: `no route ${req.url}` }))
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

describe('TLS engines', () => {
  it('connects with DOCKER_TLS_VERIFY + DOCKER_CERT_PATH, presenting the client certificate', async () => {
    const client = new EngineClient({ env: { DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir } })
    try {
      expect(client.address).toBe(`tcp://127.0.0.1:${port}`)
      expect((await ping(client)).apiVersion).toBe('1.41')
      expect((await version(client)).Version).toBe('tls-stand-in')
      expect(clientNames).toContain('client')
    } finally {
      await client.close()
    }
  })

  it('reports a certificate the CA does not vouch for as ENGINE_TLS', async () => {
    const other = mkdtempSync(join(tmpdir(), 'compose-tls-other-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=other-ca', '-keyout', 'k.pem', '-out', 'ca.pem'], { cwd: other, stdio: 'pipe' })
    const client = new EngineClient({ env: { DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: other } })
    try {
      await expect(ping(client)).rejects.toMatchObject({ code: 'ENGINE_TLS', hint: expect.stringContaining('DOCKER_CERT_PATH') })
    } finally {
      await client.close()
    }
  })
})
