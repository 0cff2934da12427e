/**
 * Two `up` of one project at once can both create `<project>_default`: Engine < 25 (API < 1.44)
 * allows duplicate network names, and CheckDuplicate is checked apart from the create. Both
 * runs then keep one network of that name and remove the others of the project, so the project
 * converges on one network and container creates never meet "ambiguous" names. The one kept is
 * the one containers already use (a run that saw no duplicate may have attached some), else the
 * oldest: both runs, seeing the same networks, agree on it.
 */
import { inspectNetwork, listNetworks, removeNetwork } from '../engine/api/networks.ts'
import type { EngineClient } from '../engine/client.ts'
import { isComposeError } from '../errors.ts'
import { PROJECT_LABEL } from './labels.ts'

export async function settleDuplicateNetworks(client: EngineClient, project: string, name: string, createdId: string | undefined, options: { signal?: AbortSignal }): Promise<void> {
  const same = (await listNetworks(client, { filters: { name: [name] }, ...options })).filter((n) => n.Name === name)
  if (same.length < 2) return
  // the list leaves endpoints out; a network removed meanwhile counts as unused
  const users = new Map(await Promise.all(same.map(async (n) => [n.Id, Object.keys((await inspectNetwork(client, n.Id, options).catch(() => undefined))?.Containers ?? {}).length] as const)))
  same.sort((a, b) => (users.get(b.Id) ?? 0) - (users.get(a.Id) ?? 0) || createdKey(a.Created).localeCompare(createdKey(b.Created)) || a.Id.localeCompare(b.Id))
  for (const extra of same.slice(1)) {
    // never a foreign network, nor one in use
    if ((extra.Id !== createdId && extra.Labels?.[PROJECT_LABEL] !== project) || (users.get(extra.Id) ?? 0) > 0) continue
    await removeNetwork(client, extra.Id, options).catch((error: unknown) => {
      // gone already (the other run removed it), or taken into use since: not ours to fail on
      if (isComposeError(error, 'ENGINE_NOT_FOUND') || isComposeError(error, 'ENGINE_CONFLICT')) return
      throw error
    })
  }
}

/**
 * A creation time that sorts as text: the engine writes RFC 3339 with the fraction's trailing
 * zeros cut (`…:01.12Z` is before `…:01.123Z`, which plain text order gets wrong), so the
 * fraction is padded to nanoseconds. Both racing runs must agree on which network is oldest.
 */
export function createdKey(created: string | undefined): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(.*)$/.exec(created ?? '')
  if (m === null) return created ?? ''
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}${m[3]}`
}
