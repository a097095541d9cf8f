/**
 * The server bundle's depd (scripts/shims/depd.cjs, aliased in scripts/build-server.mjs): nothing looked up when a
 * deprecate function is made, and a deprecated use still warns, once per message, as a process warning.
 */
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const depd = createRequire(import.meta.url)('../../scripts/shims/depd.cjs') as (namespace: string) => ((message: string) => void) & {
  function: <F>(fn: F) => F;
  property: (...args: unknown[]) => void;
};

describe('depd shim', () => {
  it('warns once per message, naming the package, as a DeprecationWarning', async () => {
    const deprecate = depd('express');
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const first = once(process, 'warning');
      deprecate('Provide a url argument');
      deprecate('Provide a url argument');
      await first;
      const second = once(process, 'warning');
      deprecate('Status must be a number');
      await second;
      expect(warnings.map((w) => [w.name, w.message])).toEqual([
        ['DeprecationWarning', 'express deprecated Provide a url argument'],
        ['DeprecationWarning', 'express deprecated Status must be a number'],
      ]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('leaves wrapped functions and properties as they are', () => {
    const deprecate = depd('http-errors');
    const fn = () => 42;
    expect(deprecate.function(fn)).toBe(fn);
    const target = { a: 1 };
    deprecate.property(target, 'a', 'use b');
    expect(target).toEqual({ a: 1 });
  });
});
