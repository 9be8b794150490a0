// /metrics on a port of its own. Metrics say how much traffic each operation gets, which errors
// happen and how the process is doing: for the operator's scraper, never for the public port.
// It binds where the service does (HOST); the port is kept private by the operator.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceMetrics } from "./metrics.js";
import { urlHost } from "./url-host.js";

export interface RunningMetricsServer {
  /** e.g. http://127.0.0.1:9400/metrics */
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: ServiceMetrics, port: number, host: string): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404).end();
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${urlHost(host)}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
