// Wires the cart subgraph: database, catalog client, services, schema, HTTP. main.ts runs it as
// a process; tests start it in-process on port 0.
import "reflect-metadata";
import { createLogger, serveGraphQL, type RunningHttpServer } from "@trolley/http";
import { CartService } from "./cart/cart.service.js";
import { CartStore } from "./cart/cart.store.js";
import { httpCatalogClient, type CatalogClient } from "./clients/catalog.client.js";
import type { CartConfig } from "./config.js";
import { contextFactory, type CartContext } from "./context.js";
import { connectCartDb, type CartDb } from "./db.js";
import { buildCartSchema } from "./schema.js";

export interface CartApp extends RunningHttpServer {
  db: CartDb;
}

export async function startCart(config: CartConfig, options: { db?: CartDb; catalog?: CatalogClient } = {}): Promise<CartApp> {
  const logger = createLogger("cart", config.LOG_LEVEL);
  const db = options.db ?? connectCartDb(config.DATABASE_URL);
  const store = new CartStore(db);
  const catalog =
    options.catalog ?? httpCatalogClient({ url: config.CATALOG_URL, timeoutMs: config.CATALOG_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const carts = new CartService(store, catalog);
  const server = await serveGraphQL<CartContext>({
    schema: await buildCartSchema(),
    context: contextFactory({
      store,
      carts,
      logger,
      internalSecret: config.INTERNAL_SECRET,
      guestTokens: { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.GUEST_TOKEN_TTL_SECONDS },
    }),
    port: config.PORT,
    logger,
    ready: async () => Boolean(await db.$queryRaw`SELECT 1`),
  });
  logger.info("cart subgraph listening", { url: server.url });
  return {
    ...server,
    db,
    async close() {
      await server.close();
      await db.$disconnect();
    },
  };
}
