import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { EngineClient, listContainers, ping } from '../../../core/engine/index.ts'

/** These need no engine: they check how a missing one is reported. */
describe('an unreachable engine', () => {
  it('a socket that does not exist is ENGINE_UNREACHABLE naming the address, with a hint', async () => {
    const client = new EngineClient({ env: { DOCKER_HOST: 'unix:///nonexistent.sock' } })
    try {
      const error = await ping(client).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: expect.stringContaining('unix:///nonexistent.sock') })
      expect((error as { hint?: string }).hint).toMatch(/dockerd|DOCKER_HOST/)
      await expect(listContainers(client)).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    } finally {
      await client.close()
    }
  })

  it('a tcp endpoint that refuses is ENGINE_UNREACHABLE naming the address', async () => {
    // a port that was just free: listen, note it, close
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const client = new EngineClient({ env: { DOCKER_HOST: `tcp://127.0.0.1:${port}` } })
    try {
      const error = await listContainers(client).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: expect.stringContaining(`tcp://127.0.0.1:${port}`) })
      expect((error as { hint?: string }).hint).toBeDefined()
    } finally {
      await client.close()
    }
  })
})
