/** The labels on a service container: the user's, then compose's (compose-features.md 4.1). */
import { COMPOSE_VERSION } from '../version.ts'
import type { CreateSpecInput } from './create-spec.ts'
import {
  CONFIG_FILES_LABEL,
  CONFIG_HASH_LABEL,
  CONTAINER_NUMBER_LABEL,
  CONTAINER_REPLACE_LABEL,
  DEPENDENCIES_LABEL,
  ENVIRONMENT_FILE_LABEL,
  IMAGE_DIGEST_LABEL,
  ONEOFF_LABEL,
  PROJECT_LABEL,
  SERVICE_LABEL,
  VERSION_LABEL,
  WORKING_DIR_LABEL,
} from './labels.ts'

/** Project-wide values of the `com.docker.compose.project.*` labels. */
export interface ProjectLabels {
  /** Absolute project directory (defaults to the project's `workingDir`). */
  workingDir?: string
  /** Compose files, as given. */
  configFiles?: readonly string[]
  /** `--env-file` list; the label is written only when it is not empty. */
  environmentFiles?: readonly string[]
  /** Written as `com.docker.compose.version` (default: compose's own version). */
  version?: string
}

export function containerLabels(input: CreateSpecInput): Record<string, string> {
  const { service, project } = input
  const deps = Object.entries(service.depends_on ?? {}).map(([dep, d]) => `${dep}:${d.condition}:${String(d.restart ?? false)}`)
  const labels: Record<string, string> = {
    ...(service.labels ?? {}),
    [PROJECT_LABEL]: project.name,
    [SERVICE_LABEL]: service.name,
    [VERSION_LABEL]: input.labels.version ?? COMPOSE_VERSION,
    [WORKING_DIR_LABEL]: input.labels.workingDir ?? project.workingDir ?? '',
    [CONFIG_FILES_LABEL]: (input.labels.configFiles ?? []).join(','),
    [ONEOFF_LABEL]: 'False',
    [CONFIG_HASH_LABEL]: input.configHash,
    [CONTAINER_NUMBER_LABEL]: String(input.number),
    [DEPENDENCIES_LABEL]: deps.join(','),
  }
  if ((input.labels.environmentFiles ?? []).length > 0) labels[ENVIRONMENT_FILE_LABEL] = (input.labels.environmentFiles ?? []).join(',')
  if (input.imageId !== undefined) labels[IMAGE_DIGEST_LABEL] = input.imageId
  if (input.replaces !== undefined) labels[CONTAINER_REPLACE_LABEL] = input.replaces
  return labels
}
