// The peer: Hive Gateway (npm @graphql-hive/gateway, its own CLI) serving the same supergraph file
// as ours, with its documented fork option for multi-core machines, and by default its Rust query
// planner (@graphql-hive/router-runtime, what a user choosing a fast Node gateway runs). Identity reaches the subgraphs
// through the header the bench client pre-signs (see hive-gateway.config.ts).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProcessGroup, Service } from "./processes.js";
import type { BenchSettings } from "./settings.js";

const require = createRequire(import.meta.url);
const configPath = fileURLToPath(new URL("./hive-gateway.config.ts", import.meta.url));

export interface HiveGateway {
  service: Service;
  url: string;
  version: string;
  args: string[];
}

function hiveCli(): { bin: string; version: string } {
  const manifest = require.resolve("@graphql-hive/gateway/package.json");
  const { version, bin } = require(manifest) as { version: string; bin: Record<string, string> };
  return { bin: join(dirname(manifest), bin["hive-gateway"]), version };
}

export async function startHive(group: ProcessGroup, settings: BenchSettings, supergraphPath: string): Promise<HiveGateway> {
  const { bin, version } = hiveCli();
  const args = ["supergraph", supergraphPath, "--port", String(settings.ports.hive), "--host", "127.0.0.1", "--fork", String(settings.hiveFork), "--config-path", configPath, ...(settings.hiveRuntime === "router" ? ["--hive-router-runtime"] : [])];
  const service = await group.start({
    name: "hive-gateway",
    args: [bin, ...args],
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" },
    readyUrl: `http://127.0.0.1:${settings.ports.hive}/readiness`,
  });
  return { service, url: `http://127.0.0.1:${settings.ports.hive}/graphql`, version, args: ["hive-gateway", ...args] };
}
