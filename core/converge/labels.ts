/**
 * Every `com.docker.compose.*` label compose reads or writes, in one place
 * (docker/compose pkg/api/labels.go). The names are shared with docker compose v2/v5 and, except
 * where noted, with docker-compose v1, so each tool sees the other's projects.
 */

export const LABEL_PREFIX = 'com.docker.compose.'

/** Project name, on containers, networks, volumes and built images. */
export const PROJECT_LABEL = 'com.docker.compose.project'
/** Service key, on service and one-off containers. */
export const SERVICE_LABEL = 'com.docker.compose.service'
/** sha256 of the service configuration (see ./hash.ts). */
export const CONFIG_HASH_LABEL = 'com.docker.compose.config-hash'
/** Replica index, from 1; absent on one-off containers. */
export const CONTAINER_NUMBER_LABEL = 'com.docker.compose.container-number'
/** Compose key of a project volume. */
export const VOLUME_LABEL = 'com.docker.compose.volume'
/** Compose key of a project network. */
export const NETWORK_LABEL = 'com.docker.compose.network'
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir'
/** Compose files joined with `,`. */
export const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files'
/** Explicit `--env-file` list joined with `,`; only when env files were given. */
export const ENVIRONMENT_FILE_LABEL = 'com.docker.compose.project.environment_file'
/** `True` for `run` containers, `False` otherwise. */
export const ONEOFF_LABEL = 'com.docker.compose.oneoff'
/** Random 64-hex id of a `run` container. */
export const SLUG_LABEL = 'com.docker.compose.slug'
/** Image ID used to create the container: a changed image forces a recreate (not in v1). */
export const IMAGE_DIGEST_LABEL = 'com.docker.compose.image'
/** Sorted `target=imageID` list of `type: image` volumes (v5). */
export const IMAGE_VOLUME_DIGEST_LABEL = 'com.docker.compose.image-volume-digest'
/** Comma list of `dep:condition:restart` (not in v1). */
export const DEPENDENCIES_LABEL = 'com.docker.compose.depends_on'
/** Version of the tool that created the resource. */
export const VERSION_LABEL = 'com.docker.compose.version'
export const IMAGE_BUILDER_LABEL = 'com.docker.compose.image.builder'
/** On a replacement container: the name of the container it replaced (not in v1). */
export const CONTAINER_REPLACE_LABEL = 'com.docker.compose.replace'
/** Read by `ps` formatting only; compose never writes it. */
export const CONTAINER_ENGINE_LABEL = 'com.docker.compose.engine'
/** `pre_start` hook containers (not in v1). */
export const HOOK_LABEL = 'com.docker.compose.hook'

/** `label=` filter values selecting a project's resources. */
export function projectFilter(project: string): string {
  return `${PROJECT_LABEL}=${project}`
}

/** `label=` filter value for one service. */
export function serviceFilter(service: string): string {
  return `${SERVICE_LABEL}=${service}`
}

/** Whether a label key belongs to compose (users may not override these). */
export function isComposeLabel(key: string): boolean {
  return key.startsWith(LABEL_PREFIX)
}
