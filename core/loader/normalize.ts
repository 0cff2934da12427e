/**
 * Normalization: from the merged, interpolated, validated raw model to the typed `Project`,
 * with every attribute in the long form `docker compose config` prints. The stages follow
 * compose-go, one module each under `normalize/`:
 *
 *   canonical (short → long syntax) → defaults → paths (if resolvePaths)
 *   → environment resolution (list env, secret/config content, hook images) → implicit additions (if normalize: default network,
 *   implicit depends_on, resource names, ...) → typed decoding → env_file/label_file folding.
 *
 * `normalizeRawModel` stops before typed decoding: it is what `config --no-interpolate`
 * renders (values such as `${PORT}:80` that cannot be parsed yet are kept as written).
 */
import type { Project, ServiceConfig } from '../model/project.ts'
import { canonicalize } from './normalize/canonical.ts'
import { setDefaults } from './normalize/defaults.ts'
import { resolveServiceEnvironment, resolveServiceLabels, type ReadFile } from './normalize/env-files.ts'
import { applyImplicit, resolveEnvironment } from './normalize/implicit.ts'
import { resolvePaths } from './normalize/paths.ts'
import { decodeConfigs, decodeModels, decodeNetworks, decodeSecrets, decodeVolumes } from './normalize/resources.ts'
import { decodeService } from './normalize/service.ts'
import { isDict, type Dict } from './normalize/_tree.ts'
import type { RawModel } from './types.ts'

export interface NormalizeContext {
  projectName: string
  /** Absolute project directory: relative paths resolve against it. */
  workingDir: string
  /** Home directory, for `~` in paths. */
  home: string
  /** Project environment (OS environment + `.env`), for values declared without `=`. */
  env: Record<string, string>
  /** Make relative paths absolute (off with `config --no-path-resolution`). */
  resolvePaths: boolean
  /** Add the implicit model (default network, names, ...; off with `config --no-normalize`). */
  normalize: boolean
  /**
   * Reads `env_file` / `label_file` contents (`undefined` when missing). When given, their
   * variables are folded into `environment` and `labels` as docker compose does; when absent
   * the file lists are kept unresolved.
   */
  readFile?: ReadFile
}

/** The dict-level stages; `lenient` keeps unparseable short syntax (for `--no-interpolate`). */
export function normalizeRawModel(model: RawModel, ctx: NormalizeContext, options: { lenient?: boolean } = {}): RawModel {
  // every stage below builds a new tree (core/loader/normalize-ownership.test.ts checks that the
  // input is neither written nor shared), so no deep copy is made up front
  const { version: _obsolete, ...top } = model
  let dict: Dict = top
  dict = canonicalize(dict, options.lenient ?? false)
  dict = setDefaults(dict)
  if (ctx.resolvePaths) dict = resolvePaths(dict, { workingDir: ctx.workingDir, home: ctx.home })
  dict = resolveEnvironment(dict, ctx.env)
  if (ctx.normalize) dict = applyImplicit(dict, ctx.projectName, ctx.env)
  return dict
}

export function normalizeModel(model: RawModel, ctx: NormalizeContext): Project {
  const dict = normalizeRawModel(model, ctx)
  return toProject(dict, ctx)
}

/** Typed decoding of a normalized dict (compose-go `Transform` + environment resolution). */
export function toProject(dict: RawModel, ctx: NormalizeContext): Project {
  const services: Record<string, ServiceConfig> = {}
  const rawServices = isDict(dict['services']) ? dict['services'] : {}
  for (const name of Object.keys(rawServices).sort()) {
    let service = decodeService(name, rawServices[name], ['services', name])
    if (ctx.readFile !== undefined) {
      service = resolveServiceEnvironment(service, ctx.env, ctx.readFile)
      service = resolveServiceLabels(service, ctx.readFile)
    }
    services[name] = service
  }
  const project: Project = {
    name: ctx.projectName,
    services,
    networks: decodeNetworks(dict['networks']),
    volumes: decodeVolumes(dict['volumes']),
    secrets: decodeSecrets(dict['secrets']),
    configs: decodeConfigs(dict['configs']),
    workingDir: ctx.workingDir,
    environment: { ...ctx.env },
  }
  if (isDict(dict['models'])) project.models = decodeModels(dict['models'])
  for (const [key, value] of Object.entries(dict)) {
    if (key.startsWith('x-')) project[key as `x-${string}`] = value
  }
  return project
}
