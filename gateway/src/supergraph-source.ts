// Where the gateway's supergraph comes from: the composed file, reloaded when it changes
// (production), or live composition from the running subgraphs (development).
import { IntrospectAndCompose, type SupergraphManager } from "@apollo/gateway";
import { createLogger, type Logger, type ServiceMetrics } from "@trolley/http";
import { IDENTITY_HEADER, serviceIdentity, signIdentity } from "@trolley/identity";
import type { GatewayConfig } from "./config.js";
import { subgraphNames, type SubgraphName } from "./subgraph-list.js";
import { SupergraphFileManager } from "./supergraph-file-manager.js";

export function supergraphSource(
  config: GatewayConfig,
  urls: Record<SubgraphName, string>,
  logger: Logger = createLogger("gateway", config.LOG_LEVEL),
  metrics?: ServiceMetrics,
): SupergraphManager {
  if (config.SUPERGRAPH_MODE === "introspect") {
    return new IntrospectAndCompose({
      subgraphs: subgraphNames.map((name) => ({ name, url: urls[name] })),
      pollIntervalInMs: 10_000,
      // Subgraphs show their schema (`_service`) only to the gateway's credential; signed per poll, as it expires.
      introspectionHeaders: () => ({ [IDENTITY_HEADER]: signIdentity(serviceIdentity("gateway"), config.INTERNAL_SECRET) }),
    });
  }
  const reads = metrics?.counter("trolley_supergraph_file_reads_total", "Reads of the supergraph file, by what became of the content: reloaded, ignored, refused, unreadable or unchanged.", ["outcome"]);
  return new SupergraphFileManager({
    path: config.SUPERGRAPH_PATH,
    pollIntervalMs: config.SUPERGRAPH_POLL_INTERVAL,
    logger,
    onRead: (read) => reads?.inc({ outcome: read.outcome }),
  });
}
