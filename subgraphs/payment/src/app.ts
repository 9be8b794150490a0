// Wires the payment subgraph: database, schema, HTTP. main.ts runs it as a process; tests start
// it in-process on port 0.
import "reflect-metadata";
import { createLogger, startSubgraph, type RunningHttpServer } from "@trolley/http";
import type { PaymentConfig } from "./config.js";
import { contextFactory, type PaymentContext } from "./context.js";
import { connectPaymentDb, type PaymentDb } from "./db.js";
import { buildPaymentSchema } from "./schema.js";
import { createStores } from "./stores.js";

export interface PaymentApp extends RunningHttpServer {
  db: PaymentDb;
}

export async function startPayment(config: PaymentConfig, options: { db?: PaymentDb } = {}): Promise<PaymentApp> {
  const logger = createLogger("payment", config.LOG_LEVEL);
  const db = options.db ?? connectPaymentDb(config.DATABASE_URL);
  const stores = createStores(db);
  const server = await startSubgraph<PaymentContext>({
    name: "payment",
    schema: await buildPaymentSchema(),
    context: contextFactory(stores, { internalSecret: config.INTERNAL_SECRET }),
    port: config.PORT,
    logger,
    db,
  });
  return { ...server, db };
}
