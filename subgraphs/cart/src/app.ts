// Wires the cart subgraph: database, catalog client, services, schema, HTTP. main.ts runs it as
// a process; tests start it in-process on port 0.
import "reflect-metadata";
import { createLogger, startSubgraph, type RunningHttpServer } from "@trolley/http";
import { CartService } from "./cart/cart.service.js";
import { CartStore } from "./cart/cart.store.js";
import { httpCatalogClient } from "./clients/catalog.client.js";
import type { CartConfig } from "./config.js";
import { contextFactory, type CartContext } from "./context.js";
import { connectCartDb, type CartDb } from "./db.js";
import { buildCartSchema } from "./schema.js";

export interface CartApp extends RunningHttpServer {
  db: CartDb;
}

export async function startCart(config: CartConfig, options: { db?: CartDb } = {}): Promise<CartApp> {
  const logger = createLogger("cart", config.LOG_LEVEL);
  const db = options.db ?? connectCartDb(config.DATABASE_URL);
  const store = new CartStore(db);
  const catalog = httpCatalogClient({ url: config.CATALOG_URL, timeoutMs: config.CATALOG_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const carts = new CartService(store, catalog);
  const server = await startSubgraph<CartContext>({
    name: "cart",
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
    db,
  });
  return { ...server, db };
}
