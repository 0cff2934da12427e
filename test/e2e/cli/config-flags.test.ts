/**
 * `config` flags that change what is printed (`--no-env-resolution`, `--compatibility`) and
 * `alpha viz`: commands that read the compose files only, no engine involved.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compose } from '../cli-runtime.ts'

describe('config and env_file', () => {
  it('reads env_file into environment; --no-env-resolution prints env_file as written instead', () => {
    const project = mkdtempSync(join(tmpdir(), 'compose-noenvres-'))
    try {
      writeFileSync(join(project, 'app.env'), 'A=from-file\n')
      writeFileSync(join(project, 'compose.yaml'), 'services:\n  app:\n    image: busybox:latest\n    env_file: app.env\n    environment: [B=2, C]\n')
      const env = { C: 'shell' }
      const resolved = JSON.parse(compose(['config', '--format', 'json'], { cwd: project, env }).stdout) as { services: { app: Record<string, unknown> } }
      expect(resolved.services.app.environment).toEqual({ A: 'from-file', B: '2', C: 'shell' })
      expect(resolved.services.app.env_file).toBeUndefined()
      const kept = compose(['config', '--format', 'json', '--no-env-resolution'], { cwd: project, env })
      expect(kept.code, kept.stderr).toBe(0)
      const doc = JSON.parse(kept.stdout) as { services: { app: Record<string, unknown> } }
      // a bare `C` takes the shell's value whatever the options (compose-go ResolveEnvironment)
      expect(doc.services.app.environment).toEqual({ B: '2', C: 'shell' })
      expect(doc.services.app.env_file).toEqual([{ path: join(project, 'app.env') }])
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  })

  it('--compatibility renders the model without normalizing it, as docker compose does', () => {
    const project = mkdtempSync(join(tmpdir(), 'compose-compatcfg-'))
    try {
      writeFileSync(join(project, 'compose.yaml'), 'services:\n  web:\n    image: busybox:latest\n')
      expect(compose(['config'], { cwd: project }).stdout).toContain('networks')
      const res = compose(['--compatibility', 'config'], { cwd: project })
      expect(res.code, res.stderr).toBe(0)
      // no default network added to the service, no networks section
      expect(res.stdout).not.toContain('networks')
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  })
})

describe('alpha', () => {
  it('alpha viz prints the project as a graphviz graph; other alpha commands are refused with the list', () => {
    const project = mkdtempSync(join(tmpdir(), 'compose-viz-'))
    try {
      writeFileSync(join(project, 'compose.yaml'), 'name: shop\nservices:\n  web:\n    image: busybox:latest\n    depends_on: [db]\n  db:\n    image: busybox:latest\n')
      const res = compose(['alpha', 'viz', '--image', '--spaces', '--indentation-size', '2'], { cwd: project })
      expect(res.code, res.stderr).toBe(0)
      expect(res.stderr).toBe('viz command is EXPERIMENTAL\n')
      expect(res.stdout).toBe(
        [
          'digraph "shop" {',
          '  layout=dot;',
          '  "db" [style="filled" label=<<font point-size="15">db</font><font point-size="10"><br/><br/><b>Image:</b><br/>busybox:latest</font>>];',
          '  "web" [style="filled" label=<<font point-size="15">web</font><font point-size="10"><br/><br/><b>Image:</b><br/>busybox:latest</font>>];',
          '',
          '  "web" -> "db";',
          '}',
          '',
          '',
        ].join('\n'),
      )
      const other = compose(['alpha', 'publish'], { cwd: project })
      expect(other.code).not.toBe(0)
      expect(other.stderr).toContain('unknown alpha command "publish"')
      expect(other.stderr).toContain('viz  EXPERIMENTAL')
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  })
})
