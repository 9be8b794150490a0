// An HTTP proxy between two services, for the test stack: each request goes to the backend
// `target()` names at that moment (one service, or several in turn), until the test cut()s the
// link: then every connection is dropped at once (what a caller sees of a service that went away),
// until restore(). Lets one caller lose a service that everyone else still reaches.
import { createServer, request } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export async function startProxy(target: () => string) {
  let cut = false;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
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
  // Like every Trolley server (http-server.ts): Node's default of 5 s is shorter than the gateway's
  // keep-alive pool, which would then reuse a socket the proxy is closing (ECONNRESET under load).
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
