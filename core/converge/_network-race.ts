/**
 * Two `up` of one project at once can both create `<project>_default`: Engine < 25 (API < 1.44)
 * allows duplicate network names, and CheckDuplicate is checked apart from the create. Both
 * runs then keep the oldest network of that name and remove the newer ones of the project, so
 * the project converges on one network and container creates never meet "ambiguous" names.
 */
import { listNetworks, removeNetwork } from '../engine/api/networks.ts'
import type { EngineClient } from '../engine/client.ts'
import { isComposeError } from '../errors.ts'
import { PROJECT_LABEL } from './labels.ts'

export async function settleDuplicateNetworks(client: EngineClient, project: string, name: string, createdId: string | undefined, options: { signal?: AbortSignal }): Promise<void> {
  const same = (await listNetworks(client, { filters: { name: [name] }, ...options })).filter((n) => n.Name === name)
  if (same.length < 2) return
  same.sort((a, b) => (a.Created ?? '').localeCompare(b.Created ?? '') || a.Id.localeCompare(b.Id))
  for (const extra of same.slice(1)) {
    // never touch a foreign network; ours (the one this run created) always goes if it is newer
    if (extra.Id !== createdId && extra.Labels?.[PROJECT_LABEL] !== project) continue
    await removeNetwork(client, extra.Id, options).catch((error: unknown) => {
      if (!isComposeError(error, 'ENGINE_NOT_FOUND')) throw error
    })
  }
}
