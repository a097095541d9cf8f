import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseServeScript, serveCommand } from '../support/serve-command.js';

describe('the production command (package.json serve / start)', () => {
  it('npm start builds, then runs exactly what npm run serve runs, which tests and the benchmark use', () => {
    const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`npm run build && ${scripts.serve}`);
    const serve = serveCommand();
    expect(serve.args.at(-1)).toBe('dist/server/main.cjs');
    // The memory settings the README's figures were measured with (fewer malloc arenas, glibc's trim and mmap
    // thresholds fixed at 128 KiB so freed memory goes back to the system, a smaller young generation, a tighter old one).
    expect(serve.env).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(serve.args).toContain('--max-semi-space-size=8');
    // The old generation's limit grows to 1.4× what survived the last full collection, not V8's ~2×.
    expect(serve.args).toContain('--heap-growing-percent=40');
    // Garbage collection on the event loop's thread in small steps, and one V8 helper thread (compilation), so that
    // four helpers marking at once do not take the core from the event loop (README, "Helper threads").
    expect(serve.args).toContain('--single-threaded-gc');
    expect(serve.args).toContain('--v8-pool-size=1');
  });

  it('reads environment assignments and node flags, and refuses anything a shell would interpret', () => {
    expect(parseServeScript('A=1 B_2=x=y node --flag dist/server/main.cjs')).toEqual({ env: { A: '1', B_2: 'x=y' }, args: ['--flag', 'dist/server/main.cjs'] });
    expect(parseServeScript('node dist/server/main.cjs')).toEqual({ env: {}, args: ['dist/server/main.cjs'] });
    // A build kept aside for an A/B (steady-pair's BENCH_SERVE_B), never a path out of dist.
    expect(parseServeScript('node dist/server-a/main.cjs').args).toEqual(['dist/server-a/main.cjs']);
    for (const bad of ['tsx server/main.ts', 'node dist/../x/main.cjs', 'node dist/server/other.cjs', 'node dist/server/main.cjs; rm -rf /', 'node --x=$(id) dist/server/main.cjs', 'A=1 node other.js', 'node "dist/server/main.cjs"']) {
      expect(() => parseServeScript(bad), bad).toThrow(/serve script/);
    }
  });
});
