/** Every named limit, used by client, server and transport caps alike. */
export const limits = {
  /** Largest WebSocket frame the Yjs host accepts (bytes). */
  yjsMaxPayload: 8 * 1024 * 1024,
  /** Largest JSON body the API accepts. */
  jsonBodyBytes: 256 * 1024,
  /** Largest Socket.IO message. */
  socketMaxBuffer: 64 * 1024,
  itemTitleLength: 200,
  caseRefLength: 32,
  agendaItems: 200,
  /** Log rows before the update log is folded into a snapshot. */
  compactEveryUpdates: 500,
  /** How long an empty room stays in memory before it is saved and unloaded (ms). */
  idleUnloadMs: 30_000,
} as const;
