/** Events that core emits for adapters to render (progress, warnings). The core never prints. */
export type ComposeEvent =
  | { type: 'warning'; message: string; source?: string }
  | { type: 'info'; message: string; source?: string }
  | { type: 'progress'; id: string; status: string; detail?: string; current?: number; total?: number }
  | { type: 'error'; message: string; error?: unknown; source?: string }

export type EmitFn = (event: ComposeEvent) => void

/** Emits nowhere: the default for library calls that were given no listener. */
export const ignoreEvents: EmitFn = () => {}
