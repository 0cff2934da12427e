import { writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCompose, type ComposeProject } from '../../../adapters/lib/index.ts'
import type { WatchEvent } from '../../../core/index.ts'
import { dockerExec, engineUp, tempProject } from './_helpers.ts'

const ok = await engineUp()

const yaml = `
services:
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    build:
      context: ./web
    develop:
      watch:
        - path: ./web/src
          target: /app/src
          action: sync
          initial_sync: true
          ignore: [node_modules/]
        - path: ./web/conf
          target: /etc/app
          action: sync+exec
          exec:
            command: ["sh", "-c", "cat /etc/app/app.conf > /tmp/reloaded"]
        - path: ./web/restart-me
          target: /restart-me
          action: sync+restart
        - path: ./web/Dockerfile
          action: rebuild
`

/** Collects watch events and lets a test wait for one. */
function recorder(events: AsyncIterable<WatchEvent>) {
  const seen: WatchEvent[] = []
  const waiters: { check: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }[] = []
  void (async () => {
    for await (const e of events) {
      seen.push(e)
      for (const w of [...waiters]) if (w.check(e)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(e))
    }
  })()
  return {
    seen,
    next(check: (e: WatchEvent) => boolean, ms = 5000): Promise<WatchEvent> {
      const found = seen.find(check)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const w = { check, resolve }
        waiters.push(w)
        setTimeout(() => reject(new Error(`no matching watch event within ${ms} ms; seen: ${JSON.stringify(seen.map((x) => x.type))}`)), ms)
      })
    },
  }
}

describe('watch', () => {
  const p = tempProject('e2eiwatch', yaml)
  const controller = new AbortController()
  const rebuilt: string[] = []
  let project: ComposeProject
  let rec: ReturnType<typeof recorder>
  const container = (): string => `${p.name}-web-1`

  beforeAll(async () => {
    p.write('web/Dockerfile', 'FROM busybox:latest\n')
    p.write('web/src/index.txt', 'v1\n')
    p.write('web/src/node_modules/dep.js', 'ignored\n')
    p.write('web/conf/app.conf', 'a=1\n')
    p.write('web/.dockerignore', '**/*.secret\n')
    project = await createCompose({ cwd: p.dir }).project({ projectName: p.name })
    await project.up()
    // the fake builder: the real one is the build engineer's; watch only has to call it
    rec = recorder(project.watch({ signal: controller.signal, rebuild: async (service) => void rebuilt.push(service) }))
    await rec.next((e) => e.type === 'synced' && e.initial)
  })
  afterAll(async () => {
    controller.abort()
    await project.close()
    await p.dispose()
  })

  it('initial_sync must copy the tree once, honouring ignore', () => {
    expect(dockerExec(container(), ['cat', '/app/src/index.txt'])).toBe('v1\n')
    expect(() => dockerExec(container(), ['ls', '/app/src/node_modules'])).toThrow()
  })

  it('watch must sync an edited file into the running container within a second', async () => {
    const started = Date.now()
    writeFileSync(join(p.dir, 'web/src/index.txt'), 'v2\n')
    const synced = await rec.next((e) => e.type === 'synced' && !e.initial && e.copied.includes('/app/src/index.txt'))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(dockerExec(container(), ['cat', '/app/src/index.txt'])).toBe('v2\n')
    expect(synced).toMatchObject({ service: 'web', deleted: [] })
  })

  it('new directories, deletions, ignore and .dockerignore must be honoured', async () => {
    p.write('web/src/deep/new/file.txt', 'new\n')
    p.write('web/src/node_modules/other.js', 'x')
    p.write('web/src/token.secret', 'x')
    await rec.next((e) => e.type === 'synced' && e.copied.includes('/app/src/deep/new/file.txt'))
    expect(dockerExec(container(), ['cat', '/app/src/deep/new/file.txt'])).toBe('new\n')
    rmSync(join(p.dir, 'web/src/deep'), { recursive: true })
    await rec.next((e) => e.type === 'synced' && e.deleted.some((d) => d.startsWith('/app/src/deep')))
    expect(dockerExec(container(), ['ls', '/app/src'])).toBe('index.txt\n')
    expect(rec.seen.some((e) => e.type === 'synced' && [...e.copied].some((c) => c.includes('node_modules') || c.endsWith('.secret')))).toBe(false)
  })

  it('sync+exec must run the command after syncing; sync+restart must restart the service', async () => {
    p.write('web/conf/app.conf', 'a=2\n')
    await rec.next((e) => e.type === 'executed' && e.exitCode === 0)
    expect(dockerExec(container(), ['cat', '/tmp/reloaded'])).toBe('a=2\n')
    const before = dockerExec(container(), ['cat', '/proc/1/stat']).split(' ')[21]
    p.write('web/restart-me', 'x')
    await rec.next((e) => e.type === 'restarted' && e.service === 'web', 15_000)
    expect(dockerExec(container(), ['cat', '/proc/1/stat']).split(' ')[21]).not.toBe(before)
  })

  it('rebuild must call the injected builder for the service (and recreate it)', async () => {
    p.write('web/Dockerfile', 'FROM busybox:latest\nRUN true\n')
    await rec.next((e) => e.type === 'rebuilt' && e.service === 'web', 15_000)
    expect(rebuilt).toEqual(['web'])
  })
})
