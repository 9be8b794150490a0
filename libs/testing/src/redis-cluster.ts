// A three-node Redis Cluster of a test's own: redis-server processes on free ports (each with its
// cluster bus on port + 10000), joined with `redis-cli --cluster create`, ready once every node
// reports cluster_state:ok, and shut down without saving by `stop`.
import { execFile, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ScratchRedisCluster {
  ports: number[];
  /** A seed node, as REDIS_URL names it with REDIS_CLUSTER=on. */
  url: string;
  /** Runs a redis-cli command against the node on `port` and answers its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Whether redis-server is on the PATH: the cluster tests skip without it. */
export function redisServerAvailable(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export async function startRedisCluster(nodes = 3, timeoutMs = 20_000): Promise<ScratchRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), "trolley-redis-cluster-"));
  const ports = await clusterPorts(nodes);
  const cli = async (port: number, ...args: string[]) => (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args])).stdout;
  const stop = async () => {
    await Promise.all(ports.map((port) => cli(port, "shutdown", "nosave").catch(() => "")));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      await run("redis-server", [
        "--port", String(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`,
        "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "yes", "--logfile", join(dir, `redis-${port}.log`),
      ]);
    }
    const deadline = Date.now() + timeoutMs;
    const until = async (what: string, check: () => Promise<boolean>) => {
      while (!(await check().catch(() => false))) {
        if (Date.now() > deadline) throw new Error(`the test Redis Cluster: ${what} did not happen in time`);
        await sleep(50);
      }
    };
    await until("every node answering", async () => (await Promise.all(ports.map((port) => cli(port, "ping")))).every((reply) => reply.trim() === "PONG"));
    await run("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"]);
    await until("cluster_state:ok on every node", async () => (await Promise.all(ports.map((port) => cli(port, "cluster", "info")))).every((info) => info.includes("cluster_state:ok")));
    return { ports, url: `redis://127.0.0.1:${ports[0]}`, cli, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Ports whose cluster bus port (port + 10000) is free too.
async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort(0);
    if (port > 55_000 || ports.includes(port)) continue;
    if (await freePort(port + 10_000).then(() => true, () => false)) ports.push(port);
  }
  return ports;
}

async function freePort(port: number): Promise<number> {
  const server = createServer();
  server.listen(port, "127.0.0.1");
  await Promise.race([once(server, "listening"), once(server, "error").then(([error]) => Promise.reject(error))]);
  const { port: bound } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return bound;
}
