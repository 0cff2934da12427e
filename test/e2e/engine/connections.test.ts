import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { expect, it } from 'vitest'
import { listContainers, listImages, listNetworks, ping } from '../../../core/engine/index.ts'
import { describeEngine, newClient } from '../helpers.ts'

describeEngine('engine connections', () => {
  it('a command’s calls one after another, /_ping first, share one connection', async () => {
    const client = newClient()
    let connects = 0
    const onConnect = (): void => void connects++
    subscribe('undici:client:connected', onConnect)
    try {
      await ping(client)
      await listContainers(client, { all: true })
      await listNetworks(client)
      await listImages(client)
      expect(connects).toBe(1)
      // calls at once still get connections of their own
      await Promise.all([listContainers(client), listNetworks(client), listImages(client)])
      expect(connects).toBe(3)
    } finally {
      unsubscribe('undici:client:connected', onConnect)
      await client.close()
    }
  })
})
