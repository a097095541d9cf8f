'use strict';
/**
 * depd, as the server bundle uses it (scripts/build-server.mjs): express and http-errors each make a `deprecate` at
 * load, and depd finds its caller's file from a structured stack trace, which makes V8 index the line ends of the
 * whole 3.8 MB bundle during every start. Here nothing is looked up at load; a deprecated use still warns, once per
 * message, as a process warning (NO_DEPRECATION / --no-deprecation silence it, as Node's own).
 */
module.exports = function depd(namespace) {
  const warned = new Set();
  function deprecate(message) {
    if (warned.has(message)) return;
    warned.add(message);
    process.emitWarning(`${namespace} deprecated ${message}`, 'DeprecationWarning');
  }
  deprecate.function = (fn) => fn;
  deprecate.property = () => undefined;
  return deprecate;
};
