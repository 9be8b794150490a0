// An HTTP proxy between two services, for the test stack: each request goes to the backend
// `target()` names at that moment (one service, or several in turn), until the test cut()s the
// link: then every connection is dropped at once (what a caller sees of a service that went away),
// until restore(). Lets one caller lose a service that everyone else still reaches. A WebSocket
// upgrade goes through too, as a raw TCP tunnel to the backend of that moment (a live cart on one
// of several gateways), and is dropped by cut() like the rest.
import { createServer, request } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

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
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  server.on("connection", track);
  server.on("upgrade", (req, client: Socket, head: Buffer) => {
    if (cut) {
      client.destroy();
      return;
    }
    const backend = new URL(req.url ?? "/", target());
    const upstream = connect(Number(backend.port), backend.hostname);
    track(upstream);
    // The request as the client sent it, byte for byte in its headers: the backend answers the
    // handshake itself, and from then on the proxy only copies bytes.
    let lines = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
    upstream.write(`${lines}\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
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
        // Upgraded sockets are no longer the HTTP server's to close.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
