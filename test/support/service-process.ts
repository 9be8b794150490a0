// A service run as its own process, as production runs it: for tests that need what an in-process
// server cannot give (its own logs on stdout, a SIGSTOP that freezes it, a SIGKILL).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { expect } from "vitest";

/**
 * A service run as its own process, its stdout read as JSON lines: `node --import tsx <entry>` for a
 * TypeScript entry, or exactly these node arguments (e.g. serviceArgs(dir, "compiled")).
 */
export class ServiceProcess {
  readonly lines: Record<string, any>[] = [];
  private readonly child: ChildProcess;
  private stderr = "";
  url = "";

  constructor(cwd: string, entry: string | string[], env: Record<string, string>) {
    const args = typeof entry === "string" ? ["--import", "tsx", entry] : entry;
    this.child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      try {
        this.lines.push(JSON.parse(line));
      } catch {
        // Not a log line.
      }
    });
    this.child.stderr!.on("data", (chunk) => (this.stderr += chunk));
  }

  /** Waits until `url` answers 2xx; the service's own URL is then its /graphql. */
  async until(url: string): Promise<void> {
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`exited with ${this.child.exitCode}: ${this.stderr}`);
      if (await fetch(url).then((r) => r.ok, () => false)) {
        this.url = new URL("/graphql", url).toString();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${url} did not answer: ${this.stderr}`);
  }

  /** The line with this request id and message, once written. */
  async lineOf(requestId: string, msg: string): Promise<Record<string, any>> {
    const find = () => this.lines.find((line) => line.requestId === requestId && line.msg === msg);
    await expect.poll(find, { timeout: 5000 }).toBeDefined();
    return find()!;
  }

  /** Sends a signal, e.g. SIGSTOP to freeze the process (it keeps its sockets) and SIGCONT to resume it. */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    // A frozen process (SIGSTOP) handles SIGTERM only once it runs again.
    this.child.kill("SIGCONT");
    this.child.kill("SIGTERM");
    const force = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(force);
  }
}

/** Ports nobody listens on right now (asked of the OS all at once, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

