/** Spawning a server under test as its own process (pinned with taskset where present) and reading /proc for it. */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessGroup, ServerInstance } from './types.js';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Spawned {
  child: ChildProcess;
  pid: number;
  ready: Promise<void>;
  exited: Promise<void>;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

let tasksetPath: string | null | undefined;
export function hasTaskset(): boolean {
  if (tasksetPath === undefined) {
    try {
      tasksetPath = execFileSync('sh', ['-c', 'command -v taskset'], { encoding: 'utf8' }).trim() || null;
    } catch {
      tasksetPath = null;
    }
  }
  return tasksetPath !== null;
}

/** CPUs: the server gets CPU 0, the load generator (this process) CPU 1, when the machine has two or more. */
export function pinSelf(cpu: number): boolean {
  if (!hasTaskset()) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Left out of every server's environment, whichever server: NODE_EXTRA_CA_CERTS. This machine sets it for every
 * tool; when it is set, Node 20 reads and parses the whole root store as the process starts, before any of the
 * server's code runs (`node -e 0`: ~150 against ~60 ms here), and no server in the bench makes a TLS connection.
 * The report says which were set and left out.
 */
export const droppedServerEnv = ['NODE_EXTRA_CA_CERTS'];

/**
 * Runs `node <args>` (pinned to `cpu` if possible); `ready` resolves when the output matches `readyPattern` and,
 * with `readyUrl`, once that URL then answers 200 (Triage Room's /readyz: database reachable, migrations applied).
 */
export function spawnNode(args: string[], env: Record<string, string | undefined>, readyPattern: RegExp, cpu: number | null, readyUrl?: string): Spawned {
  // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of each server process there (on clean exit).
  const profDir = process.env.BENCH_CPU_PROF;
  if (profDir) args = [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(profDir)}`, ...args];
  // BENCH_PRELOAD=<file>: `--require` it into each server process (test/bench/micro/loop-gaps.cjs).
  if (process.env.BENCH_PRELOAD) args = ['--require', path.resolve(process.env.BENCH_PRELOAD), ...args];
  const command = cpu !== null && hasTaskset() ? 'taskset' : process.execPath;
  const argv = command === 'taskset' ? ['-c', String(cpu), process.execPath, ...args] : args;
  const fullEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of droppedServerEnv) if (!(key in env)) delete fullEnv[key];
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const child = spawn(command, argv, { cwd: rootDir, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // BENCH_SERVER_OUT=<dir>: everything the server prints, each chunk after its time since the spawn (ms), in
  // <dir>/<pid>.log (with BENCH_PRELOAD=test/bench/micro/trace-opt.cjs: when each server's JIT works).
  const outDir = process.env.BENCH_SERVER_OUT;
  const spawnedAt = performance.now();
  const outFile = outDir ? path.join(path.resolve(outDir), `${child.pid}.log`) : null;
  if (outFile) fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (out.length < 64_000) out += chunk.toString();
      if (outFile) fs.appendFileSync(outFile, `@${Math.round(performance.now() - spawnedAt)}\n${chunk.toString()}`);
      if (readyPattern.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`server exited before it was ready:\n${out.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`server not ready after 30 s:\n${out.slice(-2000)}`)), 30_000).unref();
  });
  const probed = readyUrl ? ready.then(() => pollOk(readyUrl, exited)) : ready;
  probed.catch(() => undefined);
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    child,
    pid: child.pid!,
    ready: probed,
    exited,
    output: () => out,
    kill9: () => signal('SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await signal('SIGTERM');
      clearTimeout(timer);
    },
  };
}

/** Resolves once `url` answers 200 (polled every 5 ms); rejects if the process exits first. */
async function pollOk(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`server exited before ${url} answered 200`);
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime (fields 14 and 15)
  } catch {
    return NaN;
  }
}

/** Resident set size in MiB, from /proc/<pid>/status VmRSS. */
export function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Measures a process's CPU % (of one core) between `start()` and `stop()`. */
export function cpuMeter(pid: number): { stop(): number } {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  return { stop: () => ((cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000)) * 100 };
}

/**
 * Proportional set size in MiB (/proc/<pid>/smaps_rollup): shared pages are split between the processes sharing
 * them, so a sum over PostgreSQL's processes counts its shared buffers once. RSS where it cannot be read.
 */
export function pssMiB(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) / 1024 : rssMiB(pid);
  } catch {
    return rssMiB(pid);
  }
}

/** Memory of one reported process: its RSS (as for every single-process server), PSS summed when it is several. */
export function groupMemoryMiB(group: ProcessGroup): number {
  if (group.pids.length === 1) return rssMiB(group.pids[0]);
  return group.pids.map(pssMiB).reduce((sum, mib) => sum + (Number.isFinite(mib) ? mib : 0), 0);
}

export interface ProcessUsage {
  name: string;
  cpuPct: number;
  rssMiB: number;
}

/**
 * CPU % (of one core) of each process group between `start` and `stop`. The groups are listed again at the stop:
 * a pid that appeared meanwhile counts from zero (a new PostgreSQL backend), one that exited is missed.
 */
export function groupCpuMeter(list: () => ProcessGroup[]): { stop(): ProcessUsage[] } {
  const c0 = new Map(list().flatMap((g) => g.pids.map((pid) => [pid, cpuSeconds(pid)] as const)));
  const t0 = performance.now();
  return {
    stop: () => {
      const seconds = (performance.now() - t0) / 1000;
      return list().map((g) => {
        const used = g.pids.reduce((sum, pid) => {
          const now = cpuSeconds(pid);
          return Number.isFinite(now) ? sum + now - (c0.get(pid) ?? 0) : sum;
        }, 0);
        return { name: g.name, cpuPct: (used / seconds) * 100, rssMiB: groupMemoryMiB(g) };
      });
    },
  };
}

/** The server's RSS: its one process, or the sum over its reported processes. */
export function serverMemoryMiB(server: ServerInstance): number {
  const groups = server.processes?.();
  return groups ? groups.reduce((sum, g) => sum + groupMemoryMiB(g), 0) : rssMiB(server.pid);
}

/** Kernel TCP counters that explain slow connection storms: listen-queue overflows and sockets in TIME_WAIT. */
export function tcpCounters(): { listenOverflows: number; timeWait: number } {
  try {
    const netstat = fs.readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = netstat[0].split(/\s+/);
    const values = netstat[1].split(/\s+/);
    const tw = /TCP: .*\btw (\d+)/.exec(fs.readFileSync('/proc/net/sockstat', 'utf8'));
    return { listenOverflows: Number(values[names.indexOf('ListenOverflows')]), timeWait: tw ? Number(tw[1]) : NaN };
  } catch {
    return { listenOverflows: NaN, timeWait: NaN };
  }
}

/** Busy CPU seconds of the whole machine (all CPUs), from /proc/stat: to spot other work competing with the bench. */
export function machineBusySeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / clockTicks;
  } catch {
    return NaN;
  }
}
