/**
 * A warning that hostile clients can trigger at will (a malformed Yjs frame, a broken WebSocket) must not let them
 * write the log: 2,000 junk frames once wrote ~2,000 lines. The first occurrence in a window is logged with its
 * context; the rest are counted and summed up in one line (`suppressed: n`) when the window ends.
 */
import type { Logger } from './logger.js';

const windowMs = 60_000;

interface Window {
  suppressed: number;
  timer: NodeJS.Timeout | null;
}

const windows = new WeakMap<Logger, Map<string, Window>>();

/** Logs `message` at warn level at most once a minute per logger, then one summary line with the count. */
export function warnThrottled(logger: Logger, message: string, context: Record<string, unknown>): void {
  let byMessage = windows.get(logger);
  if (!byMessage) windows.set(logger, (byMessage = new Map()));
  const open = byMessage.get(message);
  if (open) {
    open.suppressed += 1;
    return;
  }
  logger.warn(context, message);
  const window: Window = { suppressed: 0, timer: null };
  window.timer = setTimeout(() => {
    byMessage.delete(message);
    if (window.suppressed > 0) logger.warn({ suppressed: window.suppressed, windowMs }, `${message} (repeated)`);
  }, windowMs);
  window.timer.unref();
  byMessage.set(message, window);
}
