/**
 * `alpha viz` (docker compose pkg/compose/viz.go): the project as a graphviz `dot` digraph, one
 * node per service (with its networks, ports and image on request) and an edge from each
 * service to each service it depends on. Services in name order (docker compose walks a Go map,
 * so its order varies from run to run).
 */
import { imageName } from '../converge/naming.ts'
import { networksByPriority } from '../converge/spec-networks.ts'
import type { Project } from '../model/project.ts'

export interface VizOptions {
  /** `--networks`: the service's networks, by priority. */
  networks?: boolean
  /** `--ports`: its published ports. */
  ports?: boolean
  /** `--image`: its image (or the name of the image it builds). */
  image?: boolean
  /** One level of indentation (default a tab). */
  indentation?: string
}

export function renderViz(project: Project, options: VizOptions = {}): string {
  const indent = options.indentation ?? '\t'
  const names = Object.keys(project.services).sort()
  const nodes = names.map((name) => {
    const service = project.services[name]
    if (service === undefined) return ''
    let label = `<font point-size="15">${name}</font>`
    const networks = networksByPriority(service)
    if (options.networks === true && networks.length > 0) label += `<font point-size="10"><br/><br/><b>Networks:</b>${networks.map((n) => `<br/>${n}`).join('')}</font>`
    const ports = service.ports ?? []
    if (options.ports === true && ports.length > 0) {
      label += `<font point-size="10"><br/><br/><b>Ports:</b>${ports.map((p) => `<br/>${p.host_ip === undefined || p.host_ip === '' ? '' : `${p.host_ip}:`}${p.published ?? ''}:${p.target} (${p.protocol}, ${p.mode})`).join('')}</font>`
    }
    if (options.image === true) label += `<font point-size="10"><br/><br/><b>Image:</b><br/>${imageName(project, service)}</font>`
    return `${indent}"${name}" [style="filled" label=<${label}>];\n`
  })
  const edges = names.flatMap((name) => Object.keys(project.services[name]?.depends_on ?? {}).map((dep) => `${indent}"${name}" -> "${dep}";\n`))
  return `digraph "${project.name}" {\n${indent}layout=dot;\n${nodes.join('')}\n${edges.join('')}}\n`
}
