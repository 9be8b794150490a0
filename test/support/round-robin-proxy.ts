// Alternates HTTP requests between backends: two cart processes behind one gateway address.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export async function startRoundRobinProxy(backends: string[]) {
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", backends[next++ % backends.length]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // Like every Trolley server (http-server.ts): Node's default of 5 s is shorter than the gateway's
  // keep-alive pool, which would then reuse a socket the proxy is closing (ECONNRESET under load).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
