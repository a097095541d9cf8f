/**
 * A zod schema made the first time it is used, not when its module is loaded.
 *
 * Each zod schema sets up its methods as it is made, and the first ones made pay for warming up zod's constructors:
 * the schemas of the modules a server start loads cost ~15 ms of every restart (measured), though only requests and
 * room commands read them. The value stands for the schema everywhere (parse, shape, extend, nesting in other
 * schemas, `z.infer` of its type): every read goes to the schema, made on the first. Schemas are never written to,
 * so only reads are forwarded. A module made only of schemas and read only by request handlers
 * (shared/api-schemas.ts) is instead loaded on first use as a whole, by the server's build (`lazyModules` in
 * scripts/build-server.mjs); this is for schemas in modules a start needs for their other exports.
 */
export function lazySchema<T extends object>(make: () => T): T {
  let real: T | undefined;
  const schema = (): T => {
    real ??= make();
    return real;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
