// A redis-server of the test's own on a free port, so a test can kill it (SIGKILL, like a crash)
// and start it again on the same port and directory, with or without its append-only file.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

export interface ScratchRedis {
  url: string;
  dir: string;
  /** Starts redis-server on the port (again), with or without AOF, and waits until it answers. */
  start(options: { appendonly: boolean }): Promise<void>;
  /** SIGKILL: no shutdown, no final fsync. */
  kill(): Promise<void>;
  /** Resolves once the append-only files contain `text` (what Redis wrote to disk). */
  waitForAof(text: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

export async function scratchRedis(): Promise<ScratchRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "trolley-redis-"));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const answers = async () => {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };

  const kill = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };

  return {
    url,
    dir,
    async start({ appendonly }) {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", appendonly ? "yes" : "no", "--appendfsync", "everysec", "--dir", dir];
      child = spawn("redis-server", args, { stdio: "ignore" });
      const deadline = Date.now() + 10_000;
      while (!(await answers())) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error("redis-server did not start in time");
        await sleep(20);
      }
    },
    kill,
    async waitForAof(text, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const aofDir = join(dir, "appendonlydir");
        const files = await readdir(aofDir).catch(() => [] as string[]);
        const contents = await Promise.all(files.map((file) => readFile(join(aofDir, file), "utf8").catch(() => "")));
        if (contents.some((content) => content.includes(text))) return;
        if (Date.now() > deadline) throw new Error(`the append-only file never contained ${text}`);
        await sleep(50);
      }
    },
    async close() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
