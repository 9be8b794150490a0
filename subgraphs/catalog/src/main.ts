// Process entry of the catalog subgraph.
import "reflect-metadata";
import { runUntilSignal } from "@trolley/http";
import { startCatalog } from "./app.js";
import { readCatalogConfig } from "./config.js";

await runUntilSignal("catalog", () => startCatalog(readCatalogConfig()));
