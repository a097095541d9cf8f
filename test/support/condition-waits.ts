/**
 * Waiting for a condition that events make true, without polling or sleeps: the test calls `notify()` on each event
 * it records, and `until(check)` resolves once `check()` holds (at once if it already does).
 */
export function conditionWaits(): { notify: () => void; until: (check: () => boolean) => Promise<void> } {
  const waiting = new Set<() => void>();
  return {
    notify: () => waiting.forEach((w) => w()),
    until: (check) =>
      new Promise<void>((resolve) => {
        const w = () => {
          if (!check()) return;
          waiting.delete(w);
          resolve();
        };
        waiting.add(w);
        w();
      }),
  };
}
