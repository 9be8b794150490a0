// A link between two services that a test can cut and restore: HTTP requests pass through to the
// target until cut(), then every connection is dropped at once (what a caller sees of a service
// that went away), until restore(). Lets one caller lose a service that everyone else still reaches.
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export async function startCuttableProxy(target: () => string) {
  let cut = false;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res) => {
    if (cut) {
      req.socket.destroy();
      return;
    }
    const upstream = request(new URL(req.url ?? "/", target()), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // As every Trolley server (http-server.ts): longer than the callers' keep-alive pools.
  server.keepAliveTimeout = 65_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
