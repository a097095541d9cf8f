/** Helpers that keep bulk re-checks from flooding storage (see `limits.accessRecheckConcurrency`). */

/** Runs at most `size` tasks at a time; the others wait their turn in order. */
export class Limiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `running` never exceeds `size`.
      const next = this.queue.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/**
 * Merges overlapping calls of `task`: a call while it runs asks for ONE more run after it (however many calls came
 * meanwhile) and resolves when that run ends. `task` must not reject.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let current: { again: boolean; done: Promise<void> } | null = null;
  return () => {
    if (current) {
      current.again = true;
      return current.done;
    }
    const run = { again: true, done: Promise.resolve() };
    current = run;
    run.done = (async () => {
      try {
        while (run.again) {
          run.again = false;
          await task();
        }
      } finally {
        current = null;
      }
    })();
    return run.done;
  };
}
