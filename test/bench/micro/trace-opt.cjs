/**
 * Preloaded into a bench server (`BENCH_PRELOAD=test/bench/micro/trace-opt.cjs BENCH_SERVER_OUT=<dir>`): V8 prints
 * each optimising compile (with its time) and each deoptimisation to the server's output, which BENCH_SERVER_OUT keeps
 * with the time since the spawn — when each server's JIT is still working, e.g. inside a measured window.
 */
const v8 = require('node:v8');
v8.setFlagsFromString('--trace-opt');
v8.setFlagsFromString('--trace-deopt');
