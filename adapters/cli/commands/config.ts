/**
 * `compose config`: parse, resolve and render the compose model in canonical form (docker
 * compose `cmd/compose/config.go`). A thin layer over `loadProject` and `core/config/render.ts`.
 */
import { writeFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { renderConfig, renderEnvironment, renderHashes, renderImages, renderModels, renderNetworks, renderProfiles, renderRawModel, renderServices, renderVariables, renderVolumes } from '../../../core/config/render.ts'
import { normalizeRawModel } from '../../../core/loader/normalize.ts'
import type { Project } from '../../../core/model/project.ts'
import { withoutUnusedResources } from '../../../core/model/used-resources.ts'
import { imagesOnly, unlockableHookImages, withImagesResolved } from '../../../core/config/image-digests.ts'
import { inspectDistribution } from '../../../core/engine/api/images.ts'
import { registryOfImage, resolveRegistryAuth } from '../../../core/engine/auth.ts'
import { ComposeError } from '../../../core/errors.ts'
import { createEngineClient, release } from '../engine.ts'
import type { CliIo } from '../io.ts'
import { defineCommand } from '../define.ts'
import { cliCompose, projectOptions } from '../project.ts'
import { createProgress } from '../render/progress.ts'

/** The selected services and everything they depend on (docker compose WithSelectedServices). */
function selectServices(project: Project, names: readonly string[]): Project {
  if (names.length === 0) return project
  const keep = new Set<string>()
  const visit = (name: string): void => {
    if (keep.has(name)) return
    keep.add(name)
    for (const dep of Object.keys(project.services[name]?.depends_on ?? {})) visit(dep)
  }
  names.forEach(visit)
  return { ...project, services: Object.fromEntries(Object.entries(project.services).filter(([name]) => keep.has(name))) }
}

/** Each service image pinned to the digest its registry gives (asked through the engine, with the user's credentials). */
async function pinImages(io: CliIo, project: Project, signal: AbortSignal): Promise<Project> {
  const client = createEngineClient(io)
  try {
    return await withImagesResolved(project, async (ref) => {
      const auth = await resolveRegistryAuth(registryOfImage(ref), { env: io.env, home: io.home })
      try {
        return (await inspectDistribution(client, ref, { signal, ...(auth === undefined ? {} : { auth }) })).Descriptor.digest
      } catch (error) {
        throw new ComposeError('IMAGE_PULL_FAILED', `failed to resolve digest for ${ref}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, hint: 'is the image pushed to its registry, and are you logged in to it?' })
      }
    })
  } finally {
    release(client)
  }
}

export default defineCommand({
  name: 'config',
  description: 'Parse, resolve and render compose file in canonical format',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    format: { type: 'string', placeholder: 'FORMAT', description: 'Format the output. Values: [yaml | json]' },
    output: { type: 'string', short: 'o', placeholder: 'FILE', description: 'Save to file (default to stdout)' },
    quiet: { type: 'boolean', short: 'q', description: "Only validate the configuration, don't print anything" },
    services: { type: 'boolean', description: 'Print the service names, one per line.' },
    volumes: { type: 'boolean', description: 'Print the volume names, one per line.' },
    networks: { type: 'boolean', description: 'Print the network names, one per line.' },
    models: { type: 'boolean', description: 'Print the model names, one per line.' },
    profiles: { type: 'boolean', description: 'Print the profile names, one per line.' },
    images: { type: 'boolean', description: 'Print the image names, one per line.' },
    hash: { type: 'string', placeholder: 'SERVICES', description: 'Print the service config hash, one per line ("*" for all).' },
    variables: { type: 'boolean', description: 'Print model variables and default values.' },
    environment: { type: 'boolean', description: 'Print environment used for interpolation.' },
    'no-interpolate': { type: 'boolean', description: "Don't interpolate environment variables" },
    'no-normalize': { type: 'boolean', description: "Don't normalize compose model" },
    'no-path-resolution': { type: 'boolean', description: "Don't resolve file paths" },
    'no-consistency': { type: 'boolean', description: "Don't check model consistency - warning: may produce invalid Compose output" },
    'no-env-resolution': { type: 'boolean', description: "Don't resolve service env files" },
    'resolve-image-digests': { type: 'boolean', description: 'Pin image tags to digests' },
    'lock-image-digests': { type: 'boolean', description: 'Produces an override file with image digests' },
  },
  async run({ flags, args, global, io, signal }) {
    const format = flags.format ?? 'yaml'
    if (format !== 'yaml' && format !== 'json') {
      io.stderr.write(`unsupported format "${format}": use yaml or json\n`)
      return 1
    }
    const noInterpolate = flags['no-interpolate'] === true || flags.variables === true
    const compose = await cliCompose(io, global, createProgress(io, 'quiet').emit)
    const result = await compose.load(
      await projectOptions(io, global, {
        services: args,
        noInterpolate,
        // docker compose: --compatibility renders the model as written
        normalize: flags['no-normalize'] !== true && !global.compatibility,
        resolvePaths: flags['no-path-resolution'] !== true,
        consistency: flags['no-consistency'] !== true && !noInterpolate,
        ...(flags['no-env-resolution'] === true ? { resolveEnvironment: false } : {}),
        signal,
      }),
    )
    // as docker compose: what no (selected) service uses is left out, unless --all-resources
    const selected = selectServices(result.project, args)
    let project = global.allResources ? selected : withoutUnusedResources(selected)
    const lock = flags['lock-image-digests'] === true
    if (lock || flags['resolve-image-digests'] === true) project = await pinImages(io, project, signal)
    if (lock) {
      for (const name of unlockableHookImages(project)) {
        io.stderr.write(`WARN[0000] service "${name}": pre_start hook images are not pinned in the override file produced by --lock-image-digests, use the full --resolve-image-digests output to pin them\n`)
      }
      project = imagesOnly(project)
    }
    let text: string
    if (flags.services) text = renderServices(project)
    else if (flags.volumes) text = renderVolumes(project)
    else if (flags.networks) text = renderNetworks(project)
    else if (flags.models) text = renderModels(project)
    else if (flags.hash !== undefined) text = renderHashes(result.project, flags.hash)
    else if (flags.profiles) text = renderProfiles(project)
    else if (flags.images) text = renderImages(project)
    else if (flags.variables) text = renderVariables(result.model, flags.format === undefined ? 'table' : format)
    else if (flags.environment) text = renderEnvironment({ ...project, environment: result.environment })
    else if (noInterpolate) {
      if (args.length > 0) io.stderr.write('service filtering is not applied when --no-interpolate is set, the full model will be rendered\n')
      const model = normalizeRawModel(result.model, {
        projectName: result.name,
        workingDir: result.workingDir,
        home: io.home,
        env: result.environment,
        resolvePaths: flags['no-path-resolution'] !== true,
        normalize: flags['no-normalize'] !== true,
      }, { lenient: true })
      text = renderRawModel(model, format)
    } else if (flags.quiet) {
      // only validate: the project loaded, nothing to print
      return 0
    } else text = renderConfig(project, { format, discardEnvFiles: flags['no-env-resolution'] !== true })
    if (flags.quiet) return 0
    if (flags.output !== undefined && text.length > 0) {
      await writeFile(isAbsolute(flags.output) ? flags.output : join(io.cwd, flags.output), text)
      return 0
    }
    io.stdout.write(text)
    return 0
  },
})
