import { afterAll, afterEach, expect, it } from 'vitest'
import {
  buildImage,
  buildImageProgress,
  collectBytes,
  commitContainer,
  containerLogs,
  exportContainer,
  importImage,
  inspectImage,
  listImages,
  pullImage,
  pushImage,
  removeImage,
  tagImage,
  waitContainer,
  writeTar,
  type ProgressMessage,
} from '../../../core/engine/index.ts'
import { BUSYBOX, decodeFrames, describeEngine, newClient, runBusybox, sweep, uniquePrefix } from '../helpers.ts'

const prefix = uniquePrefix('img')
const client = newClient()

afterEach(() => sweep(client, prefix))
afterAll(() => client.close())

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

async function output(image: string, cmd: string[], name: string): Promise<string> {
  const id = await runBusybox(client, name, cmd, { Image: image })
  await waitContainer(client, id)
  return decodeFrames(await all(await containerLogs(client, id))).stdout
}

describeEngine('images', () => {
  it('builds from a streamed tar context; the file exists in a container of the image', async () => {
    const tag = `${prefix}-built:1`
    const parts = ['FROM busybox:latest\nARG GREETING\nRUN echo hi > /x\n', 'COPY app/ /app/\nRUN echo "$GREETING" > /greeting\nLABEL stage=one\n'].map((p) => new TextEncoder().encode(p))
    async function* dockerfile(): AsyncGenerator<Uint8Array> {
      yield* parts
    }
    const context = writeTar([
      { type: 'file', name: 'Dockerfile', content: dockerfile(), size: parts.reduce((n, p) => n + p.length, 0) },
      { type: 'directory', name: 'app' },
      { type: 'file', name: 'app/run.sh', content: '#!/bin/sh\necho run\n', mode: 0o755 },
    ])
    const seen: ProgressMessage[] = []
    const { imageId } = await buildImage(client, context, {
      tags: [tag, `${prefix}-built:2`],
      buildArgs: { GREETING: 'hello there' },
      labels: { [`${prefix}.label`]: 'yes' },
      onProgress: (m) => seen.push(m),
    })
    expect(imageId).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(seen.some((m) => m.stream?.includes('RUN echo hi > /x') === true)).toBe(true)
    const image = await inspectImage(client, tag)
    expect(image.Id).toBe(imageId)
    expect(image.RepoTags?.sort()).toEqual([tag, `${prefix}-built:2`])
    expect(image.Config?.Labels).toMatchObject({ [`${prefix}.label`]: 'yes', stage: 'one' })
    expect(await output(tag, ['cat', '/x', '/greeting'], `${prefix}-run`)).toBe('hi\nhello there\n')
    expect(await output(tag, ['/app/run.sh'], `${prefix}-run2`)).toBe('run\n')
  })

  it('builds a target stage from a Dockerfile elsewhere in the context, from bytes', async () => {
    const df = 'FROM busybox:latest AS base\nRUN echo base > /stage\nFROM base AS dev\nRUN echo dev > /stage\nFROM base AS prod\n'
    const context = await collectBytes(writeTar([{ type: 'file', name: 'docker/Dockerfile.multi', content: df }]))
    const tag = `${prefix}-target:1`
    await buildImage(client, context, { dockerfile: 'docker/Dockerfile.multi', target: 'dev', tags: [tag], networkMode: 'none', shmSize: 64 * 1024 * 1024, extraHosts: ['h:10.0.0.1'], noCache: true, forceRm: true })
    expect(await output(tag, ['cat', '/stage'], `${prefix}-stage`)).toBe('dev\n')
  })

  it('fails loudly on a failed build step, in the progress stream and in the awaited call', async () => {
    const context = (): AsyncIterable<Uint8Array> => writeTar([{ type: 'file', name: 'Dockerfile', content: 'FROM busybox:latest\nRUN echo before; exit 9\n' }])
    await expect(buildImage(client, context(), { tags: [`${prefix}-fail:1`], forceRm: true })).rejects.toMatchObject({
      code: 'ENGINE_STREAM',
      message: expect.stringContaining('returned a non-zero code: 9'),
    })
    const streamed: string[] = []
    await expect((async () => {
      for await (const m of await buildImageProgress(client, context(), { forceRm: true })) streamed.push(m.stream ?? '')
    })()).rejects.toMatchObject({ code: 'ENGINE_STREAM' })
    expect(streamed.join('')).toContain('before')
    await expect(buildImage(client, writeTar([{ type: 'file', name: 'Dockerfile', content: 'FROM busybox:latest\n' }]), { dockerfile: 'Nope' })).rejects.toMatchObject({
      code: expect.stringMatching(/^ENGINE_/),
    })
  })

  it('lists, tags, inspects and removes images', async () => {
    const tag = `${prefix}-tagged:v1`
    await tagImage(client, BUSYBOX, tag)
    const listed = await listImages(client, { filters: { reference: [`${prefix}-tagged`] } })
    expect(listed.map((i) => i.RepoTags)).toEqual([[tag]])
    expect((await inspectImage(client, tag)).Id).toBe((await inspectImage(client, BUSYBOX)).Id)
    expect(await removeImage(client, tag)).toEqual([{ Untagged: tag }])
    await expect(inspectImage(client, tag)).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })
    await expect(removeImage(client, tag)).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })
  })

  it('commits a container and imports an exported file system', async () => {
    const id = await runBusybox(client, `${prefix}-src`, ['sh', '-c', 'echo committed > /c'])
    await waitContainer(client, id)
    const committed = await commitContainer(client, id, { ref: `${prefix}-commit:1`, comment: 'e2e', changes: ['ENV FROM_COMMIT=1'] })
    expect((await inspectImage(client, committed)).Config?.Env).toContain('FROM_COMMIT=1')
    expect(await output(`${prefix}-commit:1`, ['cat', '/c'], `${prefix}-c1`)).toBe('committed\n')

    const imported = await importImage(client, await exportContainer(client, id), { ref: `${prefix}-import:1`, changes: ['CMD ["cat", "/c"]'], message: 'from e2e' })
    expect(imported).toMatch(/^sha256:/)
    expect((await inspectImage(client, `${prefix}-import:1`)).Config?.Cmd).toEqual(['cat', '/c'])
    expect(await output(`${prefix}-import:1`, ['cat', '/c'], `${prefix}-c2`)).toBe('committed\n')
  })

  it('pull and push against an unreachable registry reject instead of resolving', async () => {
    await expect(pullImage(client, `127.0.0.1:9/${prefix}/nothing:1`)).rejects.toMatchObject({ code: expect.stringMatching(/^ENGINE_/) })
    const tag = `127.0.0.1:9/${prefix}-push:1`
    await tagImage(client, BUSYBOX, tag)
    try {
      await expect(pushImage(client, tag)).rejects.toMatchObject({ code: expect.stringMatching(/^ENGINE_/) })
    } finally {
      await removeImage(client, tag)
    }
  })
})
