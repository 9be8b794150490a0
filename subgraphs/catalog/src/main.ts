// Process entry of the catalog subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal, superviseWorkers } from "@trolley/http";
import { startCatalog } from "./app.js";
import { readCatalogConfig } from "./config.js";

const config = readCatalogConfig();
if (superviseWorkers("catalog", config.PROCESSES)) {
  await runUntilSignal("catalog", () => startCatalog(config), async () => tracing?.shutdown());
}
