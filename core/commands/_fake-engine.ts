/**
 * A fake engine for the read commands' unit tests: `/containers/json` answers the given
 * containers filtered by the request's `label` filters and `all`, other paths go to `extra`.
 */
import { EngineClient } from '../engine/client.ts'
import { FakeTransport, type FakeReply, type RecordedRequest } from '../engine/_fake-transport.ts'
import type { ContainerSummary } from '../engine/types.ts'

export function summary(name: string, labels: Record<string, string>, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: `${name}-id`,
    Names: [`/${name}`],
    Image: 'busybox:latest',
    ImageID: 'sha256:b0b',
    Command: 'sleep 3600',
    Created: 1_700_000_000,
    Ports: [],
    Labels: { 'com.docker.compose.config-hash': 'h', 'com.docker.compose.oneoff': 'False', ...labels },
    State: 'running',
    Status: 'Up 5 seconds',
    HostConfig: {},
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...over,
  }
}

/** `proj-<service>-<n>` with the project, service and number labels. */
export function serviceContainer(project: string, service: string, n: number, over: Partial<ContainerSummary> = {}, labels: Record<string, string> = {}): ContainerSummary {
  return summary(`${project}-${service}-${n}`, { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': String(n), ...labels }, over)
}

function matches(c: ContainerSummary, filter: string): boolean {
  const eq = filter.indexOf('=')
  if (eq < 0) return c.Labels[filter] !== undefined
  return c.Labels[filter.slice(0, eq)] === filter.slice(eq + 1)
}

export function fakeEngine(containers: ContainerSummary[], extra: (req: RecordedRequest, url: URL) => FakeReply | undefined = () => undefined): { client: EngineClient; transport: FakeTransport } {
  const transport = new FakeTransport((req) => {
    const url = new URL(`http://engine${req.fullPath}`)
    if (url.pathname.endsWith('/containers/json')) {
      const filters = JSON.parse(url.searchParams.get('filters') ?? '{}') as { label?: string[] }
      const all = url.searchParams.get('all') === '1'
      // as text: an empty array would be taken for an empty list of body chunks
      return { body: JSON.stringify(containers.filter((c) => (all || c.State === 'running') && (filters.label ?? []).every((f) => matches(c, f)))) }
    }
    return extra(req, url) ?? { status: 404, body: { message: `no such path ${url.pathname}` } }
  })
  return { client: new EngineClient({ transport, apiVersion: '1.41' }), transport }
}
