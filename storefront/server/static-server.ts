// Serves the storefront's build (`vite build` into dist/): its files, index.html for every client
// route, and /config.json. `pnpm start` runs it on 5173; the browser tests run it on a free port,
// with the development sign-in mounted (devSignInSecret) for a build made in mode e2e.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { devSignIn } from "./dev-sign-in.ts";
import { runtimeConfig, type StorefrontConfig } from "./runtime-config.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export interface StorefrontServerOptions {
  /** The build folder, holding index.html. */
  root: string;
  port?: number;
  host?: string;
  config: StorefrontConfig;
  /** Mounts POST /dev/sign-in with this JWT secret; never set in production. */
  devSignInSecret?: string;
}

export interface StorefrontServer {
  url: string;
  /** Changes what /config.json answers (the gateway's URL once it is known). */
  configure(config: StorefrontConfig): void;
  close(): Promise<void>;
}

export async function startStorefrontServer(options: StorefrontServerOptions): Promise<StorefrontServer> {
  let config = options.config;
  const configJson = runtimeConfig(() => config);
  const signIn = options.devSignInSecret ? devSignIn(options.devSignInSecret) : undefined;
  const index = join(options.root, "index.html");
  if (!existsSync(index)) throw new Error(`${index} is missing: build the storefront first (pnpm --filter @trolley/storefront build)`);

  const server: Server = createServer((req, res) => {
    const notFound = () => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" });
        return res.end();
      }
      const path = decodeURIComponent((req.url ?? "/").split("?")[0]);
      const file = normalize(join(options.root, path));
      const inside = file.startsWith(options.root) && existsSync(file) && statSync(file).isFile();
      // Hashed assets never change; index.html (every client route) always revalidates.
      const served = inside ? file : index;
      const immutable = inside && path.startsWith("/assets/");
      res.writeHead(200, { "content-type": TYPES[extname(served)] ?? "application/octet-stream", "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" });
      createReadStream(served).pipe(res);
    };
    configJson(req, res, () => (signIn ? signIn(req, res, notFound) : notFound()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === "localhost" ? "localhost" : "127.0.0.1"}:${port}`,
    configure(next) {
      config = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
