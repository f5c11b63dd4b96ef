import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildServer } from '../../scripts/build.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const running = new Set<ChildProcess>();
// A benchmark that fails half-way must not leave servers behind on the shared machine.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** From spawning the process to its first `200` on the probe path. */
  readonly startupMs: number;
  /** Resident memory now, in MiB (Linux /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * Node's options in `npm start` (see ARCHITECTURE.md, "Memory on a small machine"), read from
 * package.json's own script, so the server tests and benchmarks start cannot drift from it.
 */
const NODE_FLAGS: readonly string[] = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(' ')
  .filter((word) => word.startsWith('--'));

let built: Promise<string> | undefined;

/**
 * Starts Newsdesk exactly as `npm start` does (`prestart` builds dist/server.mjs from the sources, then
 * `node <NODE_FLAGS> dist/server.mjs`), with the given environment, and waits for `/healthz` to answer
 * 200. The build runs once per test process, so a test never runs an older build. Logs go to `logFile`.
 */
export async function startNewsdesk(
  env: Record<string, string>,
  port: number,
  logFile: string,
  /** Node's own options before the script, e.g. `--inspect=127.0.0.1:4301` for the soak's memory readings. */
  nodeOptions: readonly string[] = [],
): Promise<Started> {
  built ??= buildServer();
  return startProcess(
    [...NODE_FLAGS, ...nodeOptions, await built],
    { ...env, PORT: String(port) },
    port,
    '/healthz',
    logFile,
  );
}

/** Starts the bare `node:http` server answering with the bytes of `bodyFile`. */
export function startBareServer(port: number, bodyFile: string, contentType: string, logFile: string) {
  return startProcess(
    ['--import', 'tsx', 'bench/lib/bare-server.ts', String(port), bodyFile, contentType],
    {},
    port,
    '/',
    logFile,
  );
}

async function startProcess(
  args: string[],
  env: Record<string, string>,
  port: number,
  probe: string,
  logFile: string,
): Promise<Started> {
  const log = fs.openSync(logFile, 'a');
  const logStart = fs.statSync(logFile).size;
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  running.add(child);
  let url = `http://127.0.0.1:${port}`;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    running.delete(child);
    exited = `exited with ${code ?? signal}`;
  });
  for (;;) {
    if (exited) throw new Error(`${args.at(-1)} ${exited} before answering; see ${logFile}`);
    if (performance.now() - startedAt > 600_000) throw new Error(`no answer on ${url}${probe} in 10 minutes`);
    if (port === 0) {
      // main.ts logs where it listens once it does; until then there is nothing to probe.
      const address = /"address":"(http:\/\/[^"]+)"/.exec(
        fs.readFileSync(logFile, 'utf8').slice(logStart),
      )?.[1];
      if (!address) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      url = address;
    }
    try {
      const res = await fetch(`${url}${probe}`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startupMs = performance.now() - startedAt;
  return {
    child,
    url,
    startupMs,
    rssMb: () => rssOf(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}
