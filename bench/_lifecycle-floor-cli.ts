/**
 * The floor as a script of its own (`node dist/bench/_lifecycle-floor-cli.js up|down PROJECT N`):
 * the lifecycle bench times it as a whole process, like docker-compose v1 and ours, so that all
 * three pay for a process start. The calls themselves are ./_lifecycle-floor.ts.
 */
import process from 'node:process'
import { EngineClient } from '../core/engine/client.ts'
import { floorDown, floorUp } from './_lifecycle-floor.ts'

const [action, project, count] = process.argv.slice(2)
if ((action !== 'up' && action !== 'down') || project === undefined) {
  process.stderr.write('usage: _lifecycle-floor-cli up|down PROJECT [N]\n')
  process.exit(2)
}
const client = new EngineClient({ env: process.env })
const services = Array.from({ length: Number(count ?? 0) }, (_, i) => `s${String(i + 1).padStart(2, '0')}`)
if (action === 'up') await floorUp(client, project, services)
else await floorDown(client, project)
await client.close()
