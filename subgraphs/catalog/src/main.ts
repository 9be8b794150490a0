// Process entry of the catalog subgraph.
import { tracing } from "./tracing.js";
import "reflect-metadata";
import { runUntilSignal } from "@trolley/http";
import { startCatalog } from "./app.js";
import { readCatalogConfig } from "./config.js";

await runUntilSignal("catalog", () => startCatalog(readCatalogConfig()), async () => tracing?.shutdown());
