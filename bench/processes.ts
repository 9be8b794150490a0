// The processes the bench starts, and only those: each runs in a process group of its own (so a
// gateway's forked workers go with it), logs to a file in the run's temp folder, and is stopped
// by its own id, gracefully first, then for good.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Service {
  name: string;
  child: ChildProcess;
  pid: number;
  logPath: string;
}

export interface StartOptions {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
  /** Polled until it answers 2xx. */
  readyUrl: string;
  /** An IPC channel to the child (the gateway's heap probe). */
  ipc?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ProcessGroup {
  private readonly services: Service[] = [];

  constructor(
    private readonly logDirectory: string,
    private readonly cwd: string,
  ) {}

  async start(options: StartOptions): Promise<Service> {
    const logPath = join(this.logDirectory, `${options.name}.log`);
    const log = openSync(logPath, "a");
    const stdio: StdioOptions = ["ignore", log, log, ...(options.ipc ? (["ipc"] as const) : [])];
    const child = spawn(process.execPath, options.args, { cwd: this.cwd, env: options.env as NodeJS.ProcessEnv, stdio, detached: true });
    closeSync(log);
    if (child.pid === undefined) throw new Error(`${options.name} could not be started`);
    const service = { name: options.name, child, pid: child.pid, logPath };
    this.services.push(service);
    await this.waitUntilReady(service, options.readyUrl);
    return service;
  }

  private async waitUntilReady(service: Service, url: string): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (service.child.exitCode !== null || service.child.signalCode !== null) {
        throw new Error(`${service.name} exited (${service.child.signalCode ?? `code ${service.child.exitCode}`}) before it was ready:\n${tail(service.logPath)}`);
      }
      const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`${service.name} was not ready at ${url} within 90 s:\n${tail(service.logPath)}`);
  }

  /** A service that died while the bench ran, if any. */
  dead(): Service | undefined {
    return this.services.find((s) => s.child.exitCode !== null || s.child.signalCode !== null);
  }

  /** Stops every started process, newest first: SIGTERM to its group, SIGKILL after a grace period. */
  async stopAll(graceMs = 10_000): Promise<void> {
    const running = this.services.splice(0).reverse();
    await Promise.all(running.map((service) => halt(service, graceMs)));
  }

  /** Stops one process (and forgets it) the same way, waiting until it has exited. */
  async stop(service: Service, graceMs = 10_000): Promise<void> {
    const index = this.services.indexOf(service);
    if (index >= 0) this.services.splice(index, 1);
    await halt(service, graceMs);
  }
}

async function halt(service: Service, graceMs: number): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once("exit", () => resolve()));
  signalGroup(service.pid, "SIGTERM");
  const killed = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (killed) {
    signalGroup(service.pid, "SIGKILL");
    await Promise.race([exited, sleep(2000)]);
  }
  // The group may still hold workers the leader left behind.
  signalGroup(service.pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
