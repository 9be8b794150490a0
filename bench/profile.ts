// Where our gateway's time goes, on each scenario where it fell short of a target: a gateway of
// ours of its own (one process, so one profile) beside the measured stack, warmed up, then
// profiled by V8's sampling profiler (cpu-profile-probe.mjs, asked over IPC) for BENCH_PROFILE at
// 64 connections, start-up left out. The summary is the self time of the busy samples (idle left
// out), by package and by function: what is left, for the next lever to aim at. Never during the
// measured runs: profiling slows a process down.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serviceArgs } from "../scripts/service-command.js";
import { runLoad, type RequestSource } from "./load.js";
import type { ProcessGroup } from "./processes.js";
import type { BenchSettings } from "./settings.js";

export interface ProfileLine {
  name: string;
  /** Share of the busy samples, 0-1. */
  share: number;
}

export interface GatewayProfile {
  scenario: string;
  connections: number;
  rps: number;
  busyMs: number;
  packages: ProfileLine[];
  functions: ProfileLine[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const PROFILE_CONNECTIONS = 64;
const probe = pathToFileURL(fileURLToPath(new URL("./cpu-profile-probe.mjs", import.meta.url))).href;

/** Sends `message` to the probe and waits for its answer of type `answer`. */
function ask(child: ChildProcess, message: Record<string, unknown>, answer: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { type?: string; message?: string }) => {
      if (reply?.type === "profile-failed") reject(new Error(`profiler: ${reply.message}`));
      else if (reply?.type !== answer) return;
      child.off("message", onMessage);
      resolve(reply as Record<string, unknown>);
    };
    child.on("message", onMessage);
    child.send(message);
  });
}

/** Which package a script belongs to, from its URL: a dependency by its npm name, ours by its folder, Node's own as node:internal. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
  if (dependency) return dependency[1];
  const ours = /\/(gateway|subgraphs\/[^/]+|libs\/[^/]+)\/(?:dist|src)\//.exec(url);
  return ours ? `trolley ${ours[1]}` : url.replace(/^file:\/\//, "");
}

const IDLE = new Set(["(idle)", "(program)"]);

export function summarize(profile: CpuProfile, top = 15): Pick<GatewayProfile, "busyMs" | "packages" | "functions"> {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const packageTime = new Map<string, number>();
  const functionTime = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byNode.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node || IDLE.has(node.callFrame.functionName)) return;
    busy += delta;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    packageTime.set(pkg, (packageTime.get(pkg) ?? 0) + delta);
    const file = url ? `${url.split("/").pop()}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} (${pkg}${file ? `, ${file}` : ""})`;
    functionTime.set(key, (functionTime.get(key) ?? 0) + delta);
  });
  const ranked = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => ({ name, share: busy ? time / busy : 0 }));
  return { busyMs: busy / 1000, packages: ranked(packageTime), functions: ranked(functionTime) };
}

/** Profiles our gateway on each scenario in turn: a fresh profiled process per scenario. */
export async function profileOurGateway(
  group: ProcessGroup,
  settings: BenchSettings,
  env: Record<string, string>,
  scenarios: { scenario: string; source: (url: string) => RequestSource }[],
  directory: string,
): Promise<GatewayProfile[]> {
  const profiles: GatewayProfile[] = [];
  const port = settings.ports.profiled;
  const url = `http://127.0.0.1:${port}/graphql`;
  const service = await group.start({
    name: "gateway-profiled",
    args: ["--import", probe, ...serviceArgs("gateway", "compiled")],
    env: { ...process.env, ...env, PORT: String(port), METRICS_PORT: String(port + 1000), PROCESSES: "1" },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
    ipc: true,
  });
  try {
    for (const { scenario, source } of scenarios) {
      const load = source(url);
      // Warm: plans cached, code optimized, connections to the subgraphs open.
      await runLoad(load, { scenario, target: "ours", connections: PROFILE_CONNECTIONS, durationMs: Math.min(3_000, settings.profileMs) });
      await ask(service.child, { type: "profile-start" }, "profile-started");
      const measured = await runLoad(load, { scenario, target: "ours", connections: PROFILE_CONNECTIONS, durationMs: settings.profileMs });
      const path = join(directory, `gateway-${scenario}.cpuprofile`);
      await ask(service.child, { type: "profile-stop", path }, "profile-written");
      const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
      profiles.push({ scenario, connections: PROFILE_CONNECTIONS, rps: measured.rps, ...summarize(profile) });
    }
  } finally {
    await group.stop(service);
  }
  return profiles;
}
