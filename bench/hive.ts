// The peers: Hive Gateway (npm @graphql-hive/gateway, its own CLI) serving the same supergraph file
// as ours, with its documented fork option for multi-core machines, twice: with its default
// JavaScript runtime, and with its Rust query planner and executor (@graphql-hive/router-runtime,
// the --hive-router-runtime flag: what a user choosing the fastest Node gateway runs). Identity
// reaches the subgraphs through the header the bench client pre-signs (see hive-gateway.config.ts).
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

/** `javascript`: Hive's default runtime; `rust`: its Rust query planner (--hive-router-runtime). */
export async function startHive(group: ProcessGroup, settings: BenchSettings, supergraphPath: string, runtime: "javascript" | "rust"): Promise<HiveGateway> {
  const { bin, version } = hiveCli();
  const port = runtime === "rust" ? settings.ports.hiveRust : settings.ports.hive;
  const args = ["supergraph", supergraphPath, "--port", String(port), "--host", "127.0.0.1", "--fork", String(settings.hiveFork), "--config-path", configPath, ...(runtime === "rust" ? ["--hive-router-runtime"] : [])];
  const service = await group.start({
    name: runtime === "rust" ? "hive-gateway-rust" : "hive-gateway",
    args: [bin, ...args],
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" },
    readyUrl: `http://127.0.0.1:${port}/readiness`,
  });
  return { service, url: `http://127.0.0.1:${port}/graphql`, version, args: ["hive-gateway", ...args] };
}
