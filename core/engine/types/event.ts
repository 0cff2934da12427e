/** `GET /events` messages (definition EventMessage). */

export type EventType = 'builder' | 'config' | 'container' | 'daemon' | 'image' | 'network' | 'node' | 'plugin' | 'secret' | 'service' | 'volume'

export interface EventActor {
  ID: string
  Attributes: Record<string, string>
}

export interface EngineEvent {
  Type: EventType
  /** `create`, `start`, `die`, `stop`, `destroy`, `health_status: healthy`, `pull`, ... */
  Action: string
  Actor: EventActor
  scope: 'local' | 'swarm'
  time: number
  timeNano: number
  /** Deprecated fields that engines still send for container events. */
  status?: string
  id?: string
  from?: string
}
