/** Top-level `include`: paths of sub-projects to load. */
import { string, stringOrList } from './_common.ts'
import { byType, list, object, type Schema } from './_define.ts'

export const includeSchema: Schema = list(
  byType({
    string,
    object: object({ path: stringOrList, env_file: stringOrList, project_directory: string }, { extensions: false }),
  }),
)
