/**
 * The library entry (`import … from 'compose'`): core plus the built-in plugins, configured
 * from the process environment the way the CLI is.
 */
import { EngineClient, type EngineClientOptions } from '../../core/index.ts'
import { homeDir, processEnv } from '../../core/runtime/env.ts'

export * from '../../core/index.ts'
export { Compose, createCompose, type ComposeOptions, type ProjectOptions } from './compose.ts'
export { ComposeProject, type Signalled } from './project.ts'
export { defineConfig, type BuiltinPluginName, type ComposeConfig } from '../../core/define-config.ts'
export { envPlugin } from '../../plugins/env/index.ts'
export { scalePlugin } from '../../plugins/scale/index.ts'
export { healthPlugin } from '../../plugins/health/index.ts'
export { lifecycleHooksPlugin } from '../../plugins/lifecycle-hooks/index.ts'

/** An engine client set up like the docker CLI: DOCKER_HOST, contexts, TLS, DOCKER_API_VERSION. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const env = options.env ?? processEnv()
  return new EngineClient({ home: homeDir(env), ...options, env })
}
