// Wires the order subgraph: database, schema, HTTP. main.ts runs it as a process; tests start it
// in-process on port 0.
import "reflect-metadata";
import { createLogger, startSubgraph, type RunningHttpServer } from "@trolley/http";
import type { OrderConfig } from "./config.js";
import { contextFactory, type OrderContext } from "./context.js";
import { connectOrderDb, type OrderDb } from "./db.js";
import { buildOrderSchema } from "./schema.js";
import { createStores } from "./stores.js";

export interface OrderApp extends RunningHttpServer {
  db: OrderDb;
}

export async function startOrder(config: OrderConfig, options: { db?: OrderDb } = {}): Promise<OrderApp> {
  const logger = createLogger("order", config.LOG_LEVEL);
  const db = options.db ?? connectOrderDb(config.DATABASE_URL);
  const stores = createStores(db);
  const server = await startSubgraph<OrderContext>({
    name: "order",
    schema: await buildOrderSchema(),
    context: contextFactory(stores, { internalSecret: config.INTERNAL_SECRET }),
    port: config.PORT,
    logger,
    db,
  });
  return { ...server, db };
}
