/** Exec instances (definitions ExecConfig, ExecInspectResponse). */

/** Body of `POST /containers/{id}/exec`. */
export interface ExecCreateBody {
  Cmd: string[]
  AttachStdin?: boolean
  AttachStdout?: boolean
  AttachStderr?: boolean
  DetachKeys?: string
  Tty?: boolean
  Env?: string[]
  Privileged?: boolean
  User?: string
  WorkingDir?: string
}

/** `GET /exec/{id}/json`. */
export interface ExecInspect {
  ID: string
  Running: boolean
  ExitCode: number | null
  ProcessConfig: { privileged: boolean; user: string; tty: boolean; entrypoint: string; arguments: string[] }
  OpenStdin: boolean
  OpenStderr: boolean
  OpenStdout: boolean
  CanRemove: boolean
  ContainerID: string
  DetachKeys: string
  Pid: number
}
