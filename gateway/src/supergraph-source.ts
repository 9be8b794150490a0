// Where the gateway's supergraph comes from: the composed file (production), or live composition
// from the running subgraphs (development).
import { readFileSync } from "node:fs";
import { IntrospectAndCompose, type SupergraphManager } from "@apollo/gateway";
import type { GatewayConfig } from "./config.js";
import { subgraphNames, type SubgraphName } from "./subgraph-list.js";

export function supergraphSource(config: GatewayConfig, urls: Record<SubgraphName, string>): string | SupergraphManager {
  if (config.SUPERGRAPH_MODE === "introspect") {
    return new IntrospectAndCompose({ subgraphs: subgraphNames.map((name) => ({ name, url: urls[name] })), pollIntervalInMs: 10_000 });
  }
  return readFileSync(config.SUPERGRAPH_PATH, "utf8");
}
