/**
 * The only place in core that reads the process environment, the working directory and the
 * home directory. Everything else receives these as values (injected), so the core runs the
 * same on Node, Bun and Deno and is testable without touching the real process.
 */
import { homedir } from 'node:os'
import process from 'node:process'

export type Environment = Readonly<Record<string, string | undefined>>

/** A snapshot of the process environment. */
export function processEnv(): Environment {
  return { ...process.env }
}

export function processCwd(): string {
  return process.cwd()
}

export function homeDir(env: Environment = processEnv()): string {
  return env.HOME ?? env.USERPROFILE ?? homedir()
}

export type RuntimeName = 'node' | 'bun' | 'deno'

/** Which JavaScript runtime runs us. */
export function detectRuntime(): RuntimeName {
  const g = globalThis as { Bun?: unknown; Deno?: unknown }
  if (g.Bun !== undefined) return 'bun'
  if (g.Deno !== undefined) return 'deno'
  return 'node'
}

export function runtimeVersion(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } }
  if (g.Bun !== undefined) return g.Bun.version
  if (g.Deno !== undefined) return g.Deno.version.deno
  return process.versions.node
}
