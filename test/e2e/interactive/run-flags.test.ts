import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../cli-runtime.ts'
import { engineUp, tempProject } from './_helpers.ts'

await engineUp()

const yaml = `
services:
  job:
    image: busybox:latest
    environment:
      FROM_COMPOSE: compose
  built:
    build:
      dockerfile_inline: |
        FROM busybox:latest
        RUN echo built-marker > /marker
    image: e2e-run-flags-built:latest
`

describe('run: --env-from-file, -q, --quiet-build', () => {
  const p = tempProject('e2eirunflags', yaml)
  afterAll(async () => {
    // not `--rmi all`: it would also remove the seeded busybox:latest that "job" uses, whenever
    // no other test's container happens to hold it (on a fresh machine, it was gone for the rest)
    p.cli(['down'])
    run('docker', ['image', 'rm', '-f', 'e2e-run-flags-built:latest'])
    await p.dispose()
  })

  it('--env-from-file must set variables from .env-style files; -e and earlier files win; ${VAR} sees the -e values', () => {
    p.write('first.env', '# comment\nA=from-first\nB="quoted ${EXTRA}"\nexport C=c1\n')
    p.write('second.env', 'A=from-second\nD=d2\n')
    const res = p.cli(['run', '--rm', '-T', '-e', 'EXTRA=x', '-e', 'D=from-flag', '--env-from-file', 'first.env', '--env-from-file', 'second.env', 'job', 'sh', '-c', 'echo "$A|$B|$C|$D|$FROM_COMPOSE"'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toBe('from-first|quoted x|c1|from-flag|compose\n')
  })

  it('--env-from-file with a missing file must fail before anything is created', () => {
    const res = p.cli(['run', '--rm', '-T', '--env-from-file', 'nope.env', 'job', 'true'])
    expect(res.code).not.toBe(0)
    expect(res.stderr).toContain('--env-from-file nope.env: no such file')
  })

  it('--service-ports together with --publish must be refused as docker compose does', () => {
    const res = p.cli(['run', '--rm', '-T', '--service-ports', '-p', '127.0.0.1:0:80', 'job', 'true'])
    expect(res.code).not.toBe(0)
    expect(res.stderr).toContain('--service-ports and --publish are incompatible')
  })

  it('--quiet-build must hide the build rows and -q all progress, while the command output still comes through', () => {
    const plain = p.cli(['--progress', 'plain', 'run', '--rm', '-T', '--build', '--quiet-build', 'built', 'cat', '/marker'])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).toBe('built-marker\n')
    expect(plain.stderr).not.toMatch(/Image e2e-run-flags-built:latest\s+Build/)
    const loud = p.cli(['--progress', 'plain', 'run', '--rm', '-T', '--build', 'built', 'cat', '/marker'])
    expect(loud.stderr).toMatch(/Image e2e-run-flags-built:latest\s+Build/)
    const quiet = p.cli(['--progress', 'plain', 'run', '--rm', '-T', '-q', 'job', 'echo', 'only-this'])
    expect(quiet.code, quiet.stderr).toBe(0)
    expect(quiet.stdout).toBe('only-this\n')
    expect(quiet.stderr).toBe('')
  })
})
