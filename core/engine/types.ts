/**
 * What the Engine API calls send and receive, written against the pinned API 1.41 definitions
 * (moby/moby docs/api/v1.41.yaml). Only fields compose reads or sends are required; the engine
 * may add more (the API's open schema model).
 */
export type * from './types/common.ts'
export type * from './types/container.ts'
export type * from './types/event.ts'
export type * from './types/exec.ts'
export type * from './types/host-config.ts'
export type * from './types/image.ts'
export type * from './types/network.ts'
export type * from './types/stats.ts'
export type * from './types/volume.ts'
