// Wires the catalog subgraph: database, schema, HTTP. main.ts runs it as a process; tests start
// it in-process on port 0.
import "reflect-metadata";
import { createLogger, startSubgraph, type RunningHttpServer } from "@trolley/http";
import type { CatalogConfig } from "./config.js";
import { contextFactory, type CatalogContext } from "./context.js";
import { connectCatalogDb, type CatalogDb } from "./db.js";
import { buildCatalogSchema } from "./schema.js";
import { createStores } from "./stores.js";

export interface CatalogApp extends RunningHttpServer {
  db: CatalogDb;
}

export async function startCatalog(config: CatalogConfig, options: { db?: CatalogDb } = {}): Promise<CatalogApp> {
  const logger = createLogger("catalog", config.LOG_LEVEL);
  const db = options.db ?? connectCatalogDb(config.DATABASE_URL);
  const stores = createStores(db);
  const server = await startSubgraph<CatalogContext>({
    name: "catalog",
    schema: await buildCatalogSchema(),
    context: contextFactory(stores, { internalSecret: config.INTERNAL_SECRET, storeCurrency: config.STORE_CURRENCY }),
    port: config.PORT,
    logger,
    db,
  });
  return { ...server, db };
}
