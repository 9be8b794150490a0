// Reading our gateway's memory from outside, three ways, each when available:
//   heap after a full GC, from bench/heap-probe.mjs over the IPC channel (the figure the soak target uses);
//   nodejs_heap_size_used_bytes from the gateway's /metrics, if it serves prom-client's default metrics;
//   resident set size of the gateway's Node processes (from /proc), which also counts any workers
//   a multi-process gateway forks.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import type { Service } from "./processes.js";

export interface MemoryReading {
  heapAfterGc?: number;
  gcForced?: boolean;
  metricsHeap?: number;
  rss: number;
  processes: number;
}

function probe(service: Service, timeoutMs = 10_000): Promise<{ usage: NodeJS.MemoryUsage; collected: boolean } | undefined> {
  const child = service.child;
  if (!child.connected) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; usage?: NodeJS.MemoryUsage; collected?: boolean };
      if (m?.type === "memory" && m.usage) done({ usage: m.usage, collected: Boolean(m.collected) });
    };
    const done = (value: { usage: NodeJS.MemoryUsage; collected: boolean } | undefined) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(value);
    };
    child.on("message", onMessage);
    child.send({ type: "memory" }, (error) => error && done(undefined));
  });
}

async function metricsHeap(metricsUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([0-9.eE+]+)/m.exec(await response.text());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const node = realpathSync(process.execPath);

/**
 * RSS summed over the Node processes of the process group the service leads (Linux /proc): the
 * gateway and any workers it forks, but not the esbuild helper that tsx starts beside it.
 */
function groupRss(leader: number): { rss: number; processes: number } {
  let rss = 0;
  let processes = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command: state, ppid, pgrp, ...
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== leader || readlinkSync(`/proc/${entry}/exe`) !== node) continue;
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      rss += kb ? Number(kb[1]) * 1024 : 0;
      processes++;
    } catch {
      // The process ended while we looked.
    }
  }
  return { rss, processes };
}

export async function readGatewayMemory(gateway: Service, metricsUrl: string): Promise<MemoryReading> {
  const probed = await probe(gateway);
  const metrics = await metricsHeap(metricsUrl);
  return {
    ...(probed ? { heapAfterGc: probed.usage.heapUsed, gcForced: probed.collected } : {}),
    ...(metrics !== undefined ? { metricsHeap: metrics } : {}),
    ...groupRss(gateway.pid),
  };
}

export const megabytes = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
